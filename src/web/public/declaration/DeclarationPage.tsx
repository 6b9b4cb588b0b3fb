import { useEffect, useState, type FormEvent } from 'react';
import type { DeclarationForm, LatestResponse, SubmitResponse } from '../../../shared/api/declarations';
import { todayInVietnam, formatDateTime } from '../../../shared/vn/dates';
import { ApiError, call } from '../api';
import { DEVICE_HEADER, deviceKey, qrToken, remember } from '../device';
import { ErrorContext, type FieldError } from '../fields';
import { placeError } from '../formErrors';
import { t, useLang } from '../i18n';
import { Layout, Notice } from '../Layout';
import { QrCard } from '../QrCard';
import { navigate, returnTarget } from '../router';
import { AddressSection, IdentitySection, PhoneSection } from './IdentitySection';
import { emptyForm, fromLatest, toBody, type FormState } from './model';
import { QuestionsSection } from './QuestionsSection';
import { VerifyDevice } from './VerifyDevice';
import { ArrivalSection, KindSection, TravelSection } from './TripSection';


export default function DeclarationPage() {
  useLang();
  const [form, setForm] = useState<DeclarationForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [f, setF] = useState<FormState>(emptyForm);
  const [previous, setPrevious] = useState<LatestResponse | null>(null);
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<SubmitResponse | null>(null);
  const today = todayInVietnam();

  useEffect(() => {
    call<DeclarationForm>('GET', '/public/declarations/form')
      .then(setForm)
      .catch((e: unknown) => setLoadError(e instanceof ApiError ? e.message : t('citizen.offline')));
    const key = deviceKey();
    if (key) {
      call<LatestResponse>('GET', '/public/declarations/latest', undefined, { [DEVICE_HEADER]: key })
        .then((latest) => {
          setPrevious(latest);
          setF(fromLatest(latest));
          remember(latest.qrToken, null);
        })
        // A device the server no longer knows simply declares afresh.
        .catch(() => undefined);
    }
  }, []);

  const set = (patch: Partial<FormState>) => setF((cur) => ({ ...cur, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSending(true);
    setFieldError(null);
    setGeneral(null);
    try {
      const key = deviceKey();
      const res = await call<SubmitResponse>('POST', '/public/declarations', toBody(f), key ? { [DEVICE_HEADER]: key } : {});
      remember(res.qrToken, res.deviceKey);
      setDone(res);
      window.scrollTo(0, 0);
    } catch (err) {
      const placed = placeError(err);
      setFieldError(placed.field);
      setGeneral(placed.general);
    } finally {
      setSending(false);
    }
  }

  const title = t('citizen.declare.title');
  if (done) return <Done result={done} title={title} />;

  return (
    <Layout title={title}>
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {previous && (
        <Notice kind="info">
          <p style={{ margin: 0 }}>{t('citizen.declare.updating', { at: formatDateTime(previous.submittedAt) })}</p>
          <ShowMyQr />
        </Notice>
      )}
      {!previous && qrToken() && <ShowMyQr />}
      {!form && !loadError && <p>{t('citizen.loading')}</p>}
      {form && (
        <ErrorContext.Provider value={fieldError}>
          <form onSubmit={submit} noValidate aria-label={title}>
            <p className="muted">{t('citizen.declare.intro')}</p>
            <PhoneSection f={f} set={set} />
            <IdentitySection f={f} set={set} />
            <AddressSection f={f} set={set} />
            <KindSection f={f} set={set} form={form} />
            {f.kind === 'domestic_travel' && <TravelSection f={f} set={set} form={form} today={today} />}
            {f.kind === 'arrival' && <ArrivalSection f={f} set={set} form={form} today={today} />}
            <QuestionsSection f={f} set={set} form={form} today={today} />
            {fieldError && <Notice kind="error">{t('citizen.declare.fixField', { message: fieldError.message })}</Notice>}
            {general && <Notice kind="error">{general}</Notice>}
            <p className="muted">{t('citizen.declare.pledge')}</p>
            <button type="submit" className="btn btn-primary btn-block btn-huge" disabled={sending}>
              {sending ? t('citizen.declare.sending') : previous ? t('citizen.declare.submitUpdate') : t('citizen.declare.submit')}
            </button>
          </form>
        </ErrorContext.Provider>
      )}
    </Layout>
  );
}

function ShowMyQr() {
  const [open, setOpen] = useState(false);
  const token = qrToken();
  if (!token) return null;
  return (
    <div className="no-print">
      <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)} style={{ marginTop: 8 }}>
        {open ? t('citizen.declare.hideMyQr') : t('citizen.declare.showMyQr')}
      </button>
      {open && (
        <div style={{ marginTop: 12 }}>
          <QrCard token={token} title={t('citizen.qr.title')} />
        </div>
      )}
    </div>
  );
}

function Done({ result, title }: { result: SubmitResponse; title: string }) {
  const back = returnTarget();
  return (
    <Layout title={title}>
      <Notice kind="success">
        <strong>{t('citizen.declare.done')}</strong>
      </Notice>
      {result.triage.status === 'pending' && <Notice kind="warn">{t('citizen.declare.followUp')}</Notice>}
      {back && (
        <button type="button" className="btn btn-primary btn-block btn-huge no-print" onClick={() => navigate(back)} style={{ marginBottom: 16 }}>
          {t('citizen.declare.backToCheckin')}
        </button>
      )}
      {result.qrToken ? (
        <QrCard token={result.qrToken} title={t('citizen.qr.title')} />
      ) : (
        <VerifyDevice deviceKey={result.deviceKey ?? deviceKey()} phoneHint={result.verification?.phoneHint ?? null} />
      )}
      <button type="button" className="btn btn-block no-print" onClick={() => window.location.reload()}>
        {t('citizen.declare.again')}
      </button>
    </Layout>
  );
}
