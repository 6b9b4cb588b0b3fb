import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Measure } from '../../../shared/api/quarantine-monitoring';
import { ApiError, call } from '../api';
import { ErrorContext, fieldDomId, focusField, type FieldError } from '../fields';
import { placeError } from '../formErrors';
import { currentLang, pick, t, useLang } from '../i18n';
import { Layout, Notice } from '../Layout';
import { useLocation } from '../router';
import { th } from './messages';
import { RANGES, reportBody, tokenOf, warningLabels } from './model';
import MeasureField from './MeasureField';
import './health-report.css';

interface ReportForm {
  givenName: string;
  dayNumber: number;
  measures: Measure[];
  required: Measure[];
  symptoms: { code: string; name: { vi: string; en: string }; warning: boolean }[];
  timesPerDay: number;
  reportsToday: number;
}
interface ReportResult {
  at: string;
  reportsToday: number;
  warnings: string[];
}
type Load = { state: 'loading' } | { state: 'ready'; form: ReportForm } | { state: 'invalid'; message: string } | { state: 'failed'; message: string };

const TEST_IDS: Record<Measure, string> = {
  temperature: 'report-temperature',
  spo2: 'report-spo2',
  respiratoryRate: 'report-rr',
  pulse: 'report-pulse',
  systolic: 'report-systolic',
  diastolic: 'report-diastolic',
};
const HINTS: Partial<Record<Measure, string>> = { temperature: 'temperatureHint', respiratoryRate: 'respiratoryRateHint' };

/** /p/tu-bao-suc-khoe?token=…: a person at home reports their temperature, other measures they can take, and symptoms. */
export default function HealthReportPage() {
  useLang();
  const token = tokenOf(useLocation().split('?')[1] ?? '');
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [texts, setTexts] = useState<Partial<Record<Measure, string>>>({});
  const [symptoms, setSymptoms] = useState<string[]>([]);
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReportResult | null>(null);

  const open = useCallback(async () => {
    if (!token) return;
    setLoad({ state: 'loading' });
    try {
      setLoad({ state: 'ready', form: await call<ReportForm>('POST', '/public/quarantine/report-form', { token }) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setLoad({ state: 'invalid', message: err.message });
      else setLoad({ state: 'failed', message: err instanceof ApiError ? err.message : t('citizen.offline') });
    }
  }, [token]);
  useEffect(() => void open(), [open]);

  if (!token) {
    return (
      <Layout title={th('title')}>
        <Notice kind="error">{th('noToken')}</Notice>
      </Layout>
    );
  }
  if (load.state !== 'ready') {
    return (
      <Layout title={th('title')}>
        {load.state === 'loading' && <p>{th('loading')}</p>}
        {load.state === 'invalid' && (
          <Notice kind="error">
            <strong>{load.message}</strong>
            <p className="report-help">{th('invalidHelp')}</p>
          </Notice>
        )}
        {load.state === 'failed' && (
          <>
            <Notice kind="error">{load.message}</Notice>
            <button type="button" className="btn btn-block" onClick={() => void open()}>
              {th('retry')}
            </button>
          </>
        )}
      </Layout>
    );
  }

  const form = load.form;
  const others = form.measures.filter((m) => m !== 'temperature');
  const expected = form.timesPerDay;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const built = reportBody(token!, texts, form.measures, symptoms);
    if ('problem' in built) {
      const { field, error } = built.problem;
      setFieldError({ field, message: th(`errors.${error}`, RANGES[field]) });
      return void requestAnimationFrame(() => focusField(field));
    }
    setFieldError(null);
    setBusy(true);
    try {
      setResult(await call<ReportResult>('POST', '/public/quarantine/report', built.body));
      window.scrollTo(0, 0);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) return setProblem(th('rateLimited'));
      if (err instanceof ApiError && err.status === 404) return setLoad({ state: 'invalid', message: err.message });
      const placed = placeError(err);
      setFieldError(placed.field);
      if (placed.general) setProblem(placed.general);
    } finally {
      setBusy(false);
    }
  }

  function again() {
    setResult(null);
    setTexts({});
    setSymptoms([]);
    void open();
  }

  if (result) {
    const warned = result.warnings.length > 0;
    const signs = warningLabels(result.warnings, symptoms, form.symptoms, currentLang(), (c) => th(`signs.${c}`));
    return (
      <Layout title={th('title')}>
        <section className={`report-verdict ${warned ? 'report-bad' : 'report-ok'}`} data-testid="report-result" data-warnings={result.warnings.length} role="status">
          <div className="report-verdict-title">{th(warned ? 'warn' : 'ok')}</div>
          {warned ? <p>{signs.join(' · ')}</p> : <p>{th('okText', { done: result.reportsToday, expected })}</p>}
        </section>
        {warned && (
          <div className="card report-advice">
            <p>{th('warnText')}</p>
            <a className="btn btn-primary btn-block btn-huge report-call" href="tel:115" data-testid="report-call-115">
              {th('call115')}
            </a>
            <p>{th('callCommune')}</p>
            <p className="muted">{th('stayHome')}</p>
          </div>
        )}
        <button type="button" className="btn btn-block" onClick={again} data-testid="report-again">
          {th('again')}
        </button>
      </Layout>
    );
  }

  return (
    <Layout title={th('title')}>
      <p className="report-greeting">{th('greeting', { name: form.givenName, day: form.dayNumber })}</p>
      <p className={form.reportsToday >= expected ? 'muted' : 'report-due'} data-testid="report-progress" data-done={form.reportsToday}>
        {th('progress', { done: form.reportsToday, expected })}
      </p>
      <ErrorContext.Provider value={fieldError}>
        <form className="card" onSubmit={submit} noValidate>
          <MeasureField measure="temperature" label={th('temperature')} hint={th('temperatureHint')} required value={texts.temperature ?? ''} onChange={(v) => setTexts({ ...texts, temperature: v })} testId={TEST_IDS.temperature} />
          {others.length > 0 && (
            <fieldset className="report-meters">
              <legend>{th('meters')}</legend>
              <p className="hint">{th('metersHint')}</p>
              {others.map((m) => (
                <MeasureField key={m} measure={m} label={th(m)} hint={HINTS[m] && th(HINTS[m])} value={texts[m] ?? ''} onChange={(v) => setTexts({ ...texts, [m]: v })} testId={TEST_IDS[m]} />
              ))}
            </fieldset>
          )}
          <fieldset className={fieldError?.field === 'symptoms' ? 'choice field-error' : 'choice'} id={fieldDomId('symptoms')}>
            <legend>{th('symptoms')}</legend>
            <p className="hint">{th('symptomsHint')}</p>
            <div className="checks">
              {form.symptoms.map((s) => {
                const on = symptoms.includes(s.code);
                return (
                  <label key={s.code} className={on ? 'check check-on' : 'check'}>
                    <input
                      type="checkbox"
                      checked={on}
                      value={s.code}
                      data-testid="report-symptom"
                      data-code={s.code}
                      onChange={(e) => setSymptoms(e.target.checked ? [...symptoms, s.code] : symptoms.filter((c) => c !== s.code))}
                    />
                    <span>{pick(s.name)}</span>
                  </label>
                );
              })}
            </div>
            {fieldError?.field === 'symptoms' && (
              <div className="error-text" role="alert">
                {fieldError.message}
              </div>
            )}
          </fieldset>
          {problem && <Notice kind="error">{problem}</Notice>}
          <button type="submit" className="btn btn-primary btn-block btn-huge" disabled={busy} data-testid="report-submit">
            {busy ? th('sending') : th('submit')}
          </button>
        </form>
      </ErrorContext.Provider>
    </Layout>
  );
}
