import type { ReactNode } from 'react';
import type { LookupResultDto } from '../../../shared/api/testing';
import { t } from '../i18n';
import { dateTime } from './format';

const TONE: Record<LookupResultDto['result'], string> = {
  negative: 'ok',
  positive: 'bad',
  pool_positive: 'bad',
  invalid: 'warn',
  pending: 'wait',
};

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="result-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The result in large type and colour, what it means for the citizen, then its dates and validity. */
export function ResultCard({ result }: { result: LookupResultDto }) {
  const r = (key: string, params?: Record<string, unknown>) => t(`citizen.results.${key}`, params);
  return (
    <section className="card" data-testid="result-card" data-result={result.result} aria-live="polite">
      <div className={`result-verdict result-${TONE[result.result]}`} role="status">
        <div className="result-verdict-title">{r(`result.${result.result}`)}</div>
        <div>{r(`resultText.${result.result}`)}</div>
      </div>
      <dl className="result-fields">
        <Row label={r('fields.code')}>
          <span className="result-code">{result.code}</span>
        </Row>
        {result.testType && <Row label={r('fields.testType')}>{r(`testType.${result.testType}`)}</Row>}
        <Row label={r('fields.sampledAt')}>{dateTime(result.sampledAt)}</Row>
        {result.testedAt && <Row label={r('fields.testedAt')}>{dateTime(result.testedAt)}</Row>}
        {result.validUntil && (
          <Row label={r('fields.validity')}>
            <span className={result.valid ? 'status-ok' : 'status-bad'}>{r(result.valid ? 'validUntil' : 'expiredAt', { time: dateTime(result.validUntil) })}</span>
          </Row>
        )}
      </dl>
    </section>
  );
}
