import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { DEVICE_HEADER, remember } from '../device';
import { ErrorContext, TextField, type FieldError } from '../fields';
import { placeError } from '../formErrors';
import { t } from '../i18n';
import { Notice } from '../Layout';
import { QrCard } from '../QrCard';


/**
 * A person already registered: the QR comes once the device types the code sent to the phone on
 * record. Without a phone on record, the commune health station adds it and the code is asked for
 * from here.
 */
export function VerifyDevice({ deviceKey, phoneHint }: { deviceKey: string | null; phoneHint: string | null }) {
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [hint, setHint] = useState(phoneHint);

  if (token) return <QrCard token={token} title={t('citizen.qr.title')} />;
  if (!deviceKey) return <Notice kind="warn">{t('citizen.declare.verifyNoPhone')}</Notice>;
  const headers = { [DEVICE_HEADER]: deviceKey };

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setFieldError(null);
    setGeneral(null);
    setInfo(null);
    try {
      await action();
    } catch (err) {
      const placed = placeError(err);
      setFieldError(placed.field);
      setGeneral(placed.general);
    } finally {
      setBusy(false);
    }
  }

  const verify = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const res = await call<{ qrToken: string }>('POST', '/public/declarations/verify', { code }, headers);
      remember(res.qrToken, null);
      setToken(res.qrToken);
    });
  };
  const resend = () =>
    void run(async () => {
      const res = await call<{ phoneHint: string | null }>('POST', '/public/declarations/verify/resend', undefined, headers);
      setHint(res.phoneHint);
      setInfo(res.phoneHint ? t('citizen.declare.resent', { phone: res.phoneHint }) : t('citizen.declare.verifyNoPhone'));
    });
  const resendButton = (
    <button type="button" className="btn btn-block" disabled={busy} onClick={resend} style={{ marginTop: 8, marginBottom: 16 }}>
      {t('citizen.declare.resend')}
    </button>
  );

  // The station adds the phone to the record; then the code can be sent from here.
  if (!hint) {
    return (
      <section>
        <Notice kind="warn">{info ?? t('citizen.declare.verifyNoPhone')}</Notice>
        {general && <Notice kind="error">{general}</Notice>}
        {resendButton}
      </section>
    );
  }

  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">{t('citizen.declare.verifyTitle')}</h2>
      <p>{t('citizen.declare.verifySent', { phone: hint })}</p>
      <ErrorContext.Provider value={fieldError}>
        <form onSubmit={verify} noValidate>
          <TextField label={t('citizen.declare.codeLabel')} path="code" value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code" maxLength={6} testId="verify-code" />
          {general && <Notice kind="error">{general}</Notice>}
          {info && <Notice kind="info">{info}</Notice>}
          <button type="submit" className="btn btn-primary btn-block btn-huge" disabled={busy}>
            {busy ? t('citizen.declare.verifying') : t('citizen.declare.verify')}
          </button>
          {resendButton}
        </form>
      </ErrorContext.Provider>
    </section>
  );
}
