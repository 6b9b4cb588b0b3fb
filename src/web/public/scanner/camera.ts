// Reads QR codes from the rear camera. The browser's own BarcodeDetector is used where it exists;
// elsewhere jsQR is fetched the first time it is needed, so other pages never download it.
interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare global {
  interface Window {
    BarcodeDetector?: { new (opts: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> };
  }
}

type Decode = (video: HTMLVideoElement) => Promise<string | null>;

async function nativeDecoder(): Promise<Decode | null> {
  const BD = window.BarcodeDetector;
  if (!BD) return null;
  try {
    if (BD.getSupportedFormats && !(await BD.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new BD({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

async function jsQrDecoder(): Promise<Decode> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    // A smaller frame decodes fast enough on a cheap phone and still resolves a QR held close.
    const scale = Math.min(1, 640 / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    if (!canvas.width || !canvas.height) return null;
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** Starts the camera into `video` and calls onCode for each code read; returns the stop function. */
export async function startScanning(video: HTMLVideoElement, onCode: (code: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  video.muted = true;
  await video.play();
  const decode = (await nativeDecoder()) ?? (await jsQrDecoder());
  let running = true;
  let timer = 0;
  const tick = async () => {
    if (!running) return;
    try {
      if (video.readyState >= 2) {
        const code = await decode(video);
        if (code && running) onCode(code);
      }
    } catch {
      // A frame that cannot be read is skipped; the next one usually can.
    }
    if (running) timer = window.setTimeout(tick, 200);
  };
  void tick();
  return () => {
    running = false;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
