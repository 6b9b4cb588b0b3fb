import { useEffect, useRef, useState, type FormEvent } from 'react';
import { verifyDcc, type Verification } from '../../../shared/dcc/verify';
import { formatDateTime } from '../../../shared/vn/dates';
import { useLang } from '../i18n';
import { Layout, Notice } from '../Layout';
import { startScanning } from '../scanner/camera';
import { ResultCard } from './ResultCard';
import { tc } from './messages';
import { useTrust, type Trust } from './trust';
import './verify.css';

export interface Checked {
  result: Verification;
  /** Time verifyDcc took on this device, shown so the checker (and we) can see it. */
  ms: number;
}

/** /p/kiem-tra-chung-nhan: scan or paste a DCC QR and check it on the device, offline once the lists are kept. */
export default function VerifyPage() {
  useLang();
  const { trust, refresh } = useTrust();
  const video = useRef<HTMLVideoElement>(null);
  const stopCamera = useRef<(() => void) | null>(null);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');
  const [cameraProblem, setCameraProblem] = useState(false);
  const [pasted, setPasted] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const canVerify = typeof crypto !== 'undefined' && !!crypto.subtle;

  useEffect(() => () => stopCamera.current?.(), []);

  async function check(text: string, lists: Trust = trust) {
    if (!lists.ring) return;
    const start = performance.now();
    let result = await verifyDcc(text, { keys: lists.ring, revoked: lists.revoked });
    let ms = performance.now() - start;
    // A key added since the lists were kept: fetch them again once before refusing.
    if (result.reason === 'unknown_key' && lists.state !== 'fresh') {
      const next = await refresh();
      if (next.state === 'fresh' && next.ring) {
        const again = performance.now();
        result = await verifyDcc(text, { keys: next.ring, revoked: next.revoked });
        ms = performance.now() - again;
      }
    }
    setChecked({ result, ms });
  }

  function stop() {
    stopCamera.current?.();
    stopCamera.current = null;
    setCamera('off');
  }

  async function toggleCamera() {
    if (stopCamera.current) return stop();
    setCamera('starting');
    setCameraProblem(false);
    setChecked(null);
    try {
      let seen = false;
      stopCamera.current = await startScanning(video.current!, (code) => {
        if (seen) return;
        seen = true;
        // The very first frame can be read before the stop function is stored: stop on the next turn.
        setTimeout(stop, 0);
        void check(code);
      });
      setCamera('on');
    } catch {
      setCamera('off');
      setCameraProblem(true);
    }
  }

  function again() {
    setChecked(null);
    setPasted('');
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (pasted.trim()) void check(pasted.trim());
  }

  const ready = canVerify && !!trust.ring;
  return (
    <Layout title={tc('verify.title')}>
      {checked ? (
        <>
          <ResultCard checked={checked} keys={trust.keys} />
          <button type="button" className="btn btn-primary btn-block" onClick={again}>
            {tc('verify.again')}
          </button>
        </>
      ) : (
        <>
          <p className="muted">{tc('verify.intro')}</p>
          {!canVerify && <Notice kind="error">{tc('verify.noCrypto')}</Notice>}
          {cameraProblem && <Notice kind="error">{tc('verify.cameraFailed')}</Notice>}
          <section className="card">
            <video ref={video} className="scanner-video" hidden={camera === 'off'} aria-label={tc('verify.cameraView')} />
            <button type="button" className="btn btn-primary btn-huge" onClick={toggleCamera} disabled={!ready || camera === 'starting'} style={{ marginTop: camera === 'off' ? 0 : 12 }}>
              {camera === 'on' ? tc('verify.cameraStop') : tc('verify.cameraStart')}
            </button>
          </section>
          <form className="card" onSubmit={submit} aria-label={tc('verify.pasteTitle')}>
            <h2>{tc('verify.pasteTitle')}</h2>
            <div className="field">
              <label htmlFor="dcc-text">{tc('verify.pasteLabel')}</label>
              <textarea id="dcc-text" rows={4} className="dcc-text" value={pasted} onChange={(e) => setPasted(e.target.value)} spellCheck={false} autoCapitalize="off" />
            </div>
            <button type="submit" className="btn btn-block" disabled={!ready || !pasted.trim()}>
              {tc('verify.check')}
            </button>
          </form>
        </>
      )}
      <TrustStatus trust={trust} onRefresh={() => void refresh()} />
    </Layout>
  );
}

function TrustStatus({ trust, onRefresh }: { trust: Trust; onRefresh: () => void }) {
  if (trust.state === 'loading' && !trust.fetchedAt) return null;
  const time = trust.fetchedAt ? formatDateTime(trust.fetchedAt) : '';
  const text = trust.state === 'missing' ? tc('verify.trust.missing') : trust.state === 'stale' ? tc('verify.trust.stale', { time }) : tc('verify.trust.updated', { time });
  return (
    <section className="card trust-status" aria-live="polite">
      {trust.state === 'missing' ? <Notice kind="warn">{text}</Notice> : <p className="muted">{text}</p>}
      {trust.ring && <p className="muted">{tc('verify.trust.keys', { count: trust.ring.size, revoked: trust.revoked.size })}</p>}
      <button type="button" className="btn btn-small" onClick={onRefresh}>
        {tc('verify.trust.refresh')}
      </button>
    </section>
  );
}
