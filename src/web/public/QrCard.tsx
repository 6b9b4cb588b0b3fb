import { useEffect, useState } from 'react';
import { t } from './i18n';

/** The code printed under the QR for staff to type when a camera fails: the token's id, in groups of four. */
function manualCode(token: string): string {
  return (token.split('.')[0] ?? '').replace(/(.{4})(?=.)/g, '$1-');
}

/** The personal QR: it encodes only the signed token. The QR library loads with the first QR shown. */
export function QrCard({ token, title }: { token: string; title: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((qr) => qr.toDataURL(token, { errorCorrectionLevel: 'M', margin: 4, width: 600 }))
      .then((url) => live && setSrc(url))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [token]);

  function save() {
    if (!src) return;
    const a = document.createElement('a');
    a.href = src;
    a.download = 'phongdich-qr.png';
    a.click();
  }

  return (
    <section className="card qr-box">
      <h2>{title}</h2>
      {src ? <img src={src} alt={t('citizen.qr.alt')} width={300} height={300} /> : <p>{failed ? t('citizen.qr.failed') : t('citizen.loading')}</p>}
      <p>
        {t('citizen.qr.manualCode')} <strong className="manual-code">{manualCode(token)}</strong>
      </p>
      <p className="muted">{t('citizen.qr.hint')}</p>
      <div className="actions no-print">
        <button type="button" className="btn btn-primary" disabled={!src} onClick={save}>
          {t('citizen.qr.save')}
        </button>
        <button type="button" className="btn" disabled={!src} onClick={() => window.print()}>
          {t('citizen.qr.print')}
        </button>
      </div>
    </section>
  );
}
