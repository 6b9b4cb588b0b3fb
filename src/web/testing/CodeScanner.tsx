import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { startScanning } from '../public/scanner/camera';

/** The same label still in front of the camera is read many times a second; once is enough. */
const SAME_CODE_MS = 3_000;

/**
 * Reads sample and pool labels with the device camera (the venue scanner's reader). With `keepOpen`
 * it stays open for a batch, handing each new code over; otherwise it closes on the first one.
 */
export function CodeScanner({ onCode, onClose, keepOpen }: { onCode: (code: string) => void; onClose: () => void; keepOpen?: boolean }) {
  const { t } = useTranslation();
  // The modal mounts its content after the first render: the scanner starts once the video exists.
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const handler = useRef({ onCode, onClose, keepOpen });
  handler.current = { onCode, onClose, keepOpen };

  useEffect(() => {
    if (!video) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    const seen = new Map<string, number>();
    startScanning(video, (code) => {
      const now = Date.now();
      if (now - (seen.get(code) ?? 0) < SAME_CODE_MS) return;
      seen.set(code, now);
      setLast(code);
      handler.current.onCode(code);
      if (!handler.current.keepOpen) handler.current.onClose();
    })
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch(() => setProblem(t('testingUi.scanner.noCamera')));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [video, t]);

  return (
    <Modal open title={t('testingUi.scanner.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('testingUi.scanner.done')}</Button>} destroyOnHidden>
      {problem && <Alert type="warning" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <video ref={setVideo} style={{ width: '100%', maxHeight: 360, background: '#000', borderRadius: 8 }} aria-label={t('testingUi.scanner.title')} />
      {last && <div style={{ marginTop: 8 }} role="status">{t('testingUi.scanner.read', { code: last })}</div>}
    </Modal>
  );
}

/** A camera button that opens the scanner. */
export function ScanButton({ onCode, keepOpen, testId }: { onCode: (code: string) => void; keepOpen?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<CameraOutlined />} onClick={() => setOpen(true)} aria-label={t('testingUi.scanner.open')} data-testid={testId}>
        {t('testingUi.scanner.open')}
      </Button>
      {open && <CodeScanner onCode={onCode} onClose={() => setOpen(false)} keepOpen={keepOpen} />}
    </>
  );
}
