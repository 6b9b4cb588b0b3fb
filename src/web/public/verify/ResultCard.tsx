import type { ReactNode } from 'react';
import type { PublicKeyDto } from '../../../shared/api/certificates';
import { displayName, type DccRecoveryEntry, type DccTestEntry, type DccVaccinationEntry } from '../../../shared/dcc/types';
import { formatDate, formatDateTime } from '../../../shared/vn/dates';
import { codeLabel, tc } from './messages';
import type { Checked } from './VerifyPage';

/** A DCC birth date may be a full date, a year and month, or a year. */
function birthDate(dob: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(dob)) return formatDate(dob);
  const m = /^(\d{4})-(\d{2})$/.exec(dob);
  return m ? `${m[2]}/${m[1]}` : dob;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="dcc-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function EntryRows({ type, entry }: { type: 't' | 'v' | 'r'; entry: object }) {
  if (type === 't') {
    const e = entry as DccTestEntry;
    return (
      <>
        <Row label={tc('verify.fields.testType')}>{codeLabel('testTypes', e.tt)}</Row>
        <Row label={tc('verify.fields.testResult')}>{codeLabel('testResults', e.tr)}</Row>
        <Row label={tc('verify.fields.sampleTime')}>{formatDateTime(e.sc)}</Row>
        {e.tc && <Row label={tc('verify.fields.testCentre')}>{e.tc}</Row>}
      </>
    );
  }
  if (type === 'v') {
    const e = entry as DccVaccinationEntry;
    return (
      <>
        <Row label={tc('verify.fields.dose')}>{tc('verify.fields.doseOf', { dose: e.dn, total: e.sd })}</Row>
        <Row label={tc('verify.fields.vaccinationDate')}>{formatDate(e.dt)}</Row>
        <Row label={tc('verify.fields.product')}>{e.mp}</Row>
      </>
    );
  }
  const e = entry as DccRecoveryEntry;
  return (
    <>
      <Row label={tc('verify.fields.firstPositive')}>{formatDate(e.fr)}</Row>
      <Row label={tc('verify.fields.validFrom')}>{formatDate(e.df)}</Row>
    </>
  );
}

/** The verdict in large type and colour, then who the certificate is for and what it says. */
export function ResultCard({ checked, keys }: { checked: Checked; keys: PublicKeyDto[] }) {
  const { result, ms } = checked;
  const { dcc, type } = result;
  const entry = dcc && type ? dcc[type]?.[0] : undefined;
  const province = keys.find((k) => k.kid === result.kid)?.provinceName;
  return (
    <section className="card" aria-live="assertive">
      <div className={`dcc-verdict dcc-${result.status}`} role="status" data-status={result.status}>
        <div className="dcc-verdict-title">{tc(`verify.status.${result.status}`)}</div>
        <div>{result.reason ? tc(`verify.reasons.${result.reason}`) : tc(`verify.statusText.${result.status}`)}</div>
      </div>
      {dcc && type && (
        <dl className="dcc-fields">
          <Row label={tc('verify.fields.name')}>
            <strong className="dcc-name">{displayName(dcc.nam)}</strong>
          </Row>
          <Row label={tc('verify.fields.dob')}>{birthDate(dcc.dob)}</Row>
          <Row label={tc('verify.fields.type')}>{codeLabel('types', type)}</Row>
          {entry && <EntryRows type={type} entry={entry} />}
          {result.issuedAt && <Row label={tc('verify.fields.issuedAt')}>{formatDateTime(result.issuedAt)}</Row>}
          {result.expiresAt && <Row label={tc('verify.fields.expiresAt')}>{formatDateTime(result.expiresAt)}</Row>}
          <Row label={tc('verify.fields.issuer')}>{[province, entry?.is].filter(Boolean).join(' – ') || result.issuer}</Row>
          <Row label={tc('verify.fields.uvci')}>
            <span className="dcc-uvci">{result.uvci}</span>
          </Row>
        </dl>
      )}
      <p className="muted dcc-timing">{tc('verify.timing', { ms: ms.toFixed(1) })}</p>
    </section>
  );
}
