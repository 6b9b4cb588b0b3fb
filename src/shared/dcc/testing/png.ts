// A PNG reader for the test vectors' QR pictures (tests only): non-interlaced greyscale, RGB,
// palette or RGBA images at 8 bits, or greyscale/palette at 1, 2 or 4 bits, to RGBA pixels.
import { inflateSync } from 'node:zlib';

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(png: Buffer): Rgba {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let depth = 0;
  let color = 0;
  let palette: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      [width, height, depth, color] = [body.readUInt32BE(0), body.readUInt32BE(4), body[8], body[9]];
      if (body[12] !== 0) throw new Error('interlaced PNGs are not supported');
    } else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  const channels = CHANNELS[color];
  if (!channels || (depth !== 8 && !(depth < 8 && channels === 1))) throw new Error(`unsupported PNG colour ${color}/${depth}`);
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = Math.max(1, (channels * depth) / 8);
  const stride = Math.ceil((width * channels * depth) / 8);
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? rows[y * stride + x - bpp] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? rows[(y - 1) * stride + x - bpp] : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      rows[y * stride + x] = (line[x] + pred) & 0xff;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      let sample: number[];
      if (depth < 8) {
        const bit = x * depth;
        const v = (rows[y * stride + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
        sample = color === 3 ? [...palette!.subarray(v * 3, v * 3 + 3)] : [Math.round((v * 255) / ((1 << depth) - 1))];
      } else sample = [...rows.subarray(y * stride + x * channels, y * stride + (x + 1) * channels)];
      if (color === 3 && depth === 8) sample = [...palette!.subarray(sample[0] * 3, sample[0] * 3 + 3)];
      const [r, g, bl] = sample.length >= 3 ? sample : [sample[0], sample[0], sample[0]];
      data.set([r, g, bl, color === 6 ? sample[3] : color === 4 ? sample[1] : 255], o);
    }
  }
  return { width, height, data };
}
