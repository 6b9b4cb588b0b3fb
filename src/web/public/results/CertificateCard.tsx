import { useEffect, useMemo, useRef, useState } from 'react';
import type { IssuedCertificateDto } from '../../../shared/api/certificates';
import type { TestType } from '../../../shared/api/testing';
import { t } from '../i18n';
import { certificateContent } from './certificate';
import { dateTime } from './format';
import { Row } from './ResultCard';

/**
 * The certificate's QR, large enough for a checker's camera, with what it certifies. EU DCC
 * readers expect error correction Q; the QR library loads with the first certificate shown.
 */
export function CertificateCard({ certificate, sampleCode, testType }: { certificate: IssuedCertificateDto; sampleCode: string; testType: TestType | null }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const content = useMemo(() => certificateContent(certificate.qr), [certificate.qr]);
  const c = (key: string) => t(`citizen.results.certificate.${key}`);
  const card = useRef<HTMLElement>(null);

  // It opens below the result card: bring it into view on a small screen. In braces: newer
  // browsers return a promise from scrollIntoView, which React would take for the clean-up.
  useEffect(() => {
    card.current?.scrollIntoView({ block: 'start' });
  }, []);

  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((qr) => qr.toDataURL(certificate.qr, { errorCorrectionLevel: 'Q', margin: 4, width: 720 }))
      .then((url) => live && setSrc(url))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [certificate.qr]);

  return (
    <section className="card qr-box" ref={card}>
      <h2>{c('title')}</h2>
      <p className="muted">{c('intro')}</p>
      {src ? (
        <img className="cert-qr" data-testid="certificate-qr" data-hc1={certificate.qr} src={src} alt={c('qrAlt')} width={360} height={360} />
      ) : (
        <p>{failed ? c('qrFailed') : t('citizen.loading')}</p>
      )}
      <dl className="result-fields">
        {content && (
          <Row label={c('holder')}>
            <strong className="cert-name">{content.name}</strong>
          </Row>
        )}
        {testType && <Row label={c('testType')}>{t(`citizen.results.testType.${testType}`)}</Row>}
        {content && <Row label={c('sampleTime')}>{dateTime(content.sampleTime)}</Row>}
        <Row label={c('result')}>{c('negative')}</Row>
        <Row label={c('expiresAt')}>{dateTime(certificate.expiresAt)}</Row>
        <Row label={c('uvci')}>
          <span className="cert-uvci" data-testid="certificate-uvci">
            {certificate.uvci}
          </span>
        </Row>
      </dl>
      <div className="actions no-print">
        {src && (
          <a className="btn btn-primary" href={src} download={`chung-nhan-xet-nghiem-${sampleCode}.png`}>
            {c('download')}
          </a>
        )}
        <a className="btn" data-testid="verify-link" href="/p/kiem-tra-chung-nhan">
          {c('verify')}
        </a>
      </div>
      <p className="muted">{c('verifyHint')}</p>
    </section>
  );
}
