import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';

/**
 * Writes a Y4M video (what Chromium's --use-file-for-fake-video-capture plays as the camera)
 * showing one QR code, so the scanner page reads it through its real camera path.
 */
export async function qrVideo(path: string, text: string, size = 480, frames = 10): Promise<void> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = Math.floor((size * 0.8) / n);
  const offset = Math.floor((size - cell * n) / 2);
  const y = Buffer.alloc(size * size, 235);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < cell; dy++) y.fill(16, (offset + r * cell + dy) * size + offset + c * cell, (offset + r * cell + dy) * size + offset + (c + 1) * cell);
    }
  }
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${size} H${size} F10:1 Ip A1:1 C420jpeg\n`);
  await writeFile(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
