import { useState, type FormEvent } from 'react';
import type { LookupResultDto } from '../../../shared/api/testing';
import type { IssuedCertificateDto } from '../../../shared/api/certificates';
import { ApiError, call } from '../api';
import { ErrorContext, focusField, TextField, type FieldError } from '../fields';
import { placeError } from '../formErrors';
import { t, useLang } from '../i18n';
import { Layout, Notice } from '../Layout';
import { CertificateCard } from './CertificateCard';
import { ResultCard } from './ResultCard';
import './results.css';

type Problem = { kind: 'not_found' | 'rate_limited' | 'error'; message: string };
const r = (key: string) => t(`citizen.results.${key}`);

/** /p/ket-qua-xet-nghiem: a citizen's test result from the sample code and their ID or phone, and its certificate. */
export default function ResultsPage() {
  useLang();
  const [code, setCode] = useState('');
  const [identity, setIdentity] = useState('');
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<'lookup' | 'certificate' | null>(null);
  const [result, setResult] = useState<LookupResultDto | null>(null);
  const [certificate, setCertificate] = useState<IssuedCertificateDto | null>(null);

  /** The look-up's refusal is one for a wrong code and a wrong identity alike, so it names no field here. */
  function fail(err: unknown, lookup: boolean) {
    if (err instanceof ApiError && err.status === 429) return setProblem({ kind: 'rate_limited', message: err.message });
    if (err instanceof ApiError && err.status === 404) return setProblem({ kind: lookup ? 'not_found' : 'error', message: err.message });
    const placed = placeError(err);
    setFieldError(placed.field);
    if (placed.general) setProblem({ kind: 'error', message: placed.general });
  }

  async function lookUp(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const missing: FieldError | null = !code.trim()
      ? { field: 'code', message: r('errors.codeRequired') }
      : !identity.trim()
        ? { field: 'identity', message: r('errors.identityRequired') }
        : null;
    setFieldError(missing);
    if (missing) return void requestAnimationFrame(() => focusField(missing.field));
    setBusy('lookup');
    try {
      setResult(await call<LookupResultDto>('POST', '/public/testing/results', { code, identity }));
      setCertificate(null);
    } catch (err) {
      fail(err, true);
    } finally {
      setBusy(null);
    }
  }

  async function getCertificate() {
    setProblem(null);
    setBusy('certificate');
    try {
      setCertificate(await call<IssuedCertificateDto>('POST', '/public/testing/certificate', { code, identity }));
    } catch (err) {
      fail(err, false);
    } finally {
      setBusy(null);
    }
  }

  function again() {
    setResult(null);
    setCertificate(null);
    setProblem(null);
    setCode('');
  }

  const notice = problem && (
    <Notice kind={problem.kind === 'rate_limited' ? 'warn' : 'error'}>
      <strong>{problem.message}</strong>
      {problem.kind !== 'error' && <p className="result-help">{r(problem.kind === 'not_found' ? 'notFound' : 'rateLimited')}</p>}
    </Notice>
  );

  if (result) {
    return (
      <Layout title={r('title')}>
        <ResultCard result={result} />
        {result.result === 'negative' && !result.certificateAvailable && <Notice kind="info">{r('noCertificate')}</Notice>}
        {notice}
        {certificate ? (
          <CertificateCard certificate={certificate} sampleCode={result.code} testType={result.testType} />
        ) : (
          result.certificateAvailable && (
            <button type="button" className="btn btn-primary btn-block btn-huge" data-testid="certificate-get" disabled={busy !== null} onClick={() => void getCertificate()}>
              {busy === 'certificate' ? r('certificate.getting') : r('certificate.get')}
            </button>
          )
        )}
        <button type="button" className="btn btn-block result-again no-print" onClick={again}>
          {r('again')}
        </button>
      </Layout>
    );
  }

  return (
    <Layout title={r('title')}>
      <p className="muted">{r('intro')}</p>
      <ErrorContext.Provider value={fieldError}>
        <form className="card" onSubmit={lookUp} noValidate>
          <TextField label={r('code')} path="code" hint={r('codeHint')} required value={code} onChange={setCode} autoComplete="off" maxLength={40} testId="result-code" />
          <TextField label={r('identity')} path="identity" hint={r('identityHint')} required value={identity} onChange={setIdentity} autoComplete="off" maxLength={40} testId="result-id" />
          {notice}
          <button type="submit" className="btn btn-primary btn-block btn-huge" data-testid="result-submit" disabled={busy !== null}>
            {busy === 'lookup' ? r('searching') : r('submit')}
          </button>
        </form>
      </ErrorContext.Provider>
    </Layout>
  );
}
