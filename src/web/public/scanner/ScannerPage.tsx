import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { DeviceVenueDto, ScanBatchResponseDto } from '../../../shared/api/checkins';
import { formatDateTime } from '../../../shared/vn/dates';
import { ApiError, call } from '../api';
import { TextField } from '../fields';
import { t, useLang } from '../i18n';
import { Layout, Notice } from '../Layout';
import { startScanning } from './camera';
import { enqueue, log, queued, settle, type LogEntry, type Scan } from './queue';

const BATCH_URL = '/checkins/scan/batch';
const DEVICE_HEADER = 'X-Venue-Device';
const SETUP_KEY = 'phongdich.scanner';
const RESEND_MS = 15_000;
/** The same QR seen again this soon is the same visitor still in front of the camera. */
const SAME_CODE_MS = 5_000;

interface Setup {
  deviceKey: string;
  venueId: number;
  /** Known when the device key told which venue it belongs to. */
  venueName?: string;
}

function storedSetup(): Setup | null {
  try {
    const s = JSON.parse(localStorage.getItem(SETUP_KEY) ?? 'null') as Setup | null;
    return s && Number.isInteger(s.venueId) ? s : null;
  } catch {
    return null;
  }
}

export default function ScannerPage() {
  useLang();
  const [setup, setSetup] = useState<Setup | null>(storedSetup);
  const title = t('citizen.scan.title');
  return (
    <Layout title={title}>
      {setup ? (
        <Scanner
          setup={setup}
          onReset={() => {
            localStorage.removeItem(SETUP_KEY);
            setSetup(null);
          }}
        />
      ) : (
        <SetupForm
          onDone={(s) => {
            localStorage.setItem(SETUP_KEY, JSON.stringify(s));
            setSetup(s);
          }}
        />
      )}
    </Layout>
  );
}

function SetupForm({ onDone }: { onDone: (s: Setup) => void }) {
  const [deviceKey, setDeviceKey] = useState('');
  const [venueId, setVenueId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const key = deviceKey.trim();
    // A venue device key names its venue; a signed-in official types the venue number instead.
    if (key) {
      try {
        const venue = await call<DeviceVenueDto>('GET', '/checkins/device', undefined, { [DEVICE_HEADER]: key });
        return onDone({ deviceKey: key, venueId: venue.venueId, venueName: `${venue.venueName} (${venue.venueCode})` });
      } catch (err) {
        return setProblem(err instanceof ApiError ? err.message : String(err));
      }
    }
    const id = Number(venueId);
    if (!Number.isInteger(id) || id <= 0) return setProblem(t('citizen.scan.venueIdInvalid'));
    onDone({ deviceKey: key, venueId: id });
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('citizen.scan.setupTitle')}>
      <h2>{t('citizen.scan.setupTitle')}</h2>
      <p className="muted">{t('citizen.scan.setupHint')}</p>
      <TextField label={t('citizen.fields.deviceKey')} hint={t('citizen.scan.deviceKeyHint')} value={deviceKey} onChange={setDeviceKey} />
      <TextField label={t('citizen.fields.venueId')} hint={t('citizen.scan.venueIdHint')} type="number" inputMode="numeric" value={venueId} onChange={setVenueId} />
      {problem && <Notice kind="error">{problem}</Notice>}
      <button type="submit" className="btn btn-primary btn-block">
        {t('citizen.scan.setupSave')}
      </button>
    </form>
  );
}

function Scanner({ setup, onReset }: { setup: Setup; onReset: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const stopCamera = useRef<(() => void) | null>(null);
  const lastCode = useRef({ code: '', at: 0 });
  const sending = useRef(false);
  const [waiting, setWaiting] = useState(queued().length);
  const [entries, setEntries] = useState<LogEntry[]>(log);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');
  const [problem, setProblem] = useState<string | null>(null);
  const [online, setOnline] = useState(navigator.onLine);
  const [manual, setManual] = useState('');

  const refresh = () => {
    setWaiting(queued().length);
    setEntries(log());
  };

  const flush = useCallback(async () => {
    const batch = queued().slice(0, 500);
    if (sending.current || batch.length === 0) return;
    sending.current = true;
    try {
      const headers = setup.deviceKey ? { [DEVICE_HEADER]: setup.deviceKey } : undefined;
      const res = await call<ScanBatchResponseDto>('POST', BATCH_URL, { scans: batch }, headers);
      settle(
        res.results.flatMap((r): LogEntry[] => {
          const at = batch.find((s) => s.clientId === r.clientId)?.at;
          if (!r.clientId || !at) return [];
          if (r.ok) return [{ clientId: r.clientId, at: r.visit.checkedInAt, status: r.visit.repeated ? 'repeated' : 'ok' }];
          // The server could not decide (it failed or is throttling): keep the scan for the next try.
          if (r.error.code === 'internal' || r.error.code === 'rate_limited') return [];
          return [{ clientId: r.clientId, at, status: 'refused', message: r.error.message }];
        }),
      );
      setProblem(null);
    } catch (err) {
      // Without a network the offline notice already says why; with one, the server was unreachable.
      setProblem(err instanceof ApiError ? t('citizen.scan.sendRefused', { message: err.message }) : navigator.onLine ? t('citizen.scan.sendLater') : null);
    } finally {
      sending.current = false;
      refresh();
    }
  }, [setup]);

  useEffect(() => {
    const goOnline = () => {
      setOnline(true);
      void flush();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    const timer = window.setInterval(() => void flush(), RESEND_MS);
    void flush();
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      clearInterval(timer);
      stopCamera.current?.();
    };
  }, [flush]);

  function record(person: { personalQrToken: string } | { manualCode: string }) {
    const scan: Scan = { venueId: setup.venueId, ...person, at: new Date().toISOString(), clientId: crypto.randomUUID() };
    enqueue(scan);
    navigator.vibrate?.(80);
    refresh();
    void flush();
  }

  function onCode(code: string) {
    const now = Date.now();
    if (code === lastCode.current.code && now - lastCode.current.at < SAME_CODE_MS) return;
    lastCode.current = { code, at: now };
    record({ personalQrToken: code });
  }

  async function toggleCamera() {
    if (stopCamera.current) {
      stopCamera.current();
      stopCamera.current = null;
      setCamera('off');
      return;
    }
    setCamera('starting');
    setProblem(null);
    try {
      stopCamera.current = await startScanning(video.current!, onCode);
      setCamera('on');
    } catch {
      setCamera('off');
      setProblem(t('citizen.scan.cameraFailed'));
    }
  }

  function submitManual(e: FormEvent) {
    e.preventDefault();
    if (!manual.trim()) return;
    record({ manualCode: manual.trim() });
    setManual('');
  }

  return (
    <>
      <section className="card">
        <div className="row" style={{ alignItems: 'center' }}>
          <div>
            <div className="muted">{setup.venueName ? t('citizen.checkin.venueLabel') : t('citizen.fields.venueId')}</div>
            <strong>{setup.venueName ?? setup.venueId}</strong>
          </div>
          <button type="button" className="btn btn-small" style={{ flex: 'none' }} onClick={onReset}>
            {t('citizen.scan.changeSetup')}
          </button>
        </div>
      </section>
      <div className="card row" style={{ alignItems: 'center' }} aria-live="polite">
        <p className="counter" role="status" style={{ margin: 0 }}>
          {t('citizen.scan.waiting', { count: waiting })}
        </p>
        {waiting > 0 && (
          <button type="button" className="btn btn-small" style={{ flex: 'none' }} onClick={() => void flush()}>
            {t('citizen.scan.sendNow')}
          </button>
        )}
      </div>
      {!online && <Notice kind="warn">{t('citizen.scan.offline')}</Notice>}
      {problem && <Notice kind="error">{problem}</Notice>}
      <section className="card">
        <video ref={video} className="scanner-video" hidden={camera === 'off'} aria-label={t('citizen.scan.cameraView')} />
        <button type="button" className="btn btn-primary btn-huge" onClick={toggleCamera} disabled={camera === 'starting'} style={{ marginTop: camera === 'off' ? 0 : 12 }}>
          {camera === 'on' ? t('citizen.scan.cameraStop') : t('citizen.scan.cameraStart')}
        </button>
      </section>
      <form className="card" onSubmit={submitManual} aria-label={t('citizen.scan.manualTitle')}>
        <h2>{t('citizen.scan.manualTitle')}</h2>
        <TextField label={t('citizen.fields.manualCode')} value={manual} onChange={setManual} />
        <button type="submit" className="btn btn-block">
          {t('citizen.scan.manualSubmit')}
        </button>
      </form>
      <section className="card">
        <h2>{t('citizen.scan.recent')}</h2>
        {entries.length === 0 && <p className="muted">{t('citizen.scan.none')}</p>}
        <ul className="log">
          {entries.map((e) => (
            <li key={e.clientId}>
              <span>{formatDateTime(e.at)}</span>
              <span className={e.status === 'refused' ? 'status-bad' : e.status === 'queued' ? 'status-wait' : 'status-ok'}>
                {t(`citizen.scan.status.${e.status}`)}
                {e.message && <span style={{ display: 'block', fontWeight: 400 }}>{e.message}</span>}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
