import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { AppError } from '../http/errors.js';
import { publicVenue, suspendVenue, venuePoster } from './service.js';
import { checkinFixture, type CheckinFixture } from './test-helpers.js';

const run = promisify(execFile);

/** A binary PGM (P5, 8-bit) as pdftoppm -gray writes it. */
function readPgm(file: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(file.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('not an 8-bit binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: file.subarray(header[0].length, header[0].length + width * height) };
}

describe('venue poster', () => {
  let f: CheckinFixture;
  beforeAll(async () => {
    f = await checkinFixture(0);
  });
  afterAll(() => f.h.close());

  it('is one A4 page whose QR opens the check-in page of the venue, with Vietnamese text', async () => {
    const pdf = await venuePoster(f.h.db, f.commune, f.venueId, 'https://phongdich.quangninh.gov.vn');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = await mkdtemp(`${os.tmpdir()}/pd-poster-`);
    await writeFile(`${dir}/poster.pdf`, pdf);
    const info = (await run('pdfinfo', [`${dir}/poster.pdf`])).stdout;
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const text = (await run('pdftotext', ['-layout', `${dir}/poster.pdf`, '-'])).stdout;
    expect(text).toContain('MÃ QR KHAI BÁO ĐỊA ĐIỂM');
    expect(text).toContain('Chợ Hạ Long 1');
    expect(text).toContain('Quét mã bằng camera điện thoại để ghi nhận ra vào');
    expect(text).toMatch(/Mã địa điểm: QN-[2-9A-Z]{5}/);

    // Rendered as a printer would, then read back as a phone camera would.
    await run('pdftoppm', ['-gray', '-r', '60', '-singlefile', `${dir}/poster.pdf`, `${dir}/poster`]);
    const { width, height, pixels } = readPgm(await readFile(`${dir}/poster.pgm`));
    const rgba = new Uint8ClampedArray(width * height * 4);
    pixels.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
    const qr = jsQR(rgba, width, height);
    expect(qr?.data).toMatch(/^https:\/\/phongdich\.quangninh\.gov\.vn\/p\/c\//);
    const token = qr!.data.split('/p/c/')[1];
    expect((await publicVenue(f.h.db, token)).id).toBe(f.venueId);
  });

  it('is refused for a suspended venue and for other jurisdictions', async () => {
    await expect(venuePoster(f.h.db, f.otherCommune, f.venueId, 'http://x')).rejects.toMatchObject({ code: 'not_found' });
    await suspendVenue(f.h.db, f.commune, f.venueId, { reason: 'Tạm đóng cửa' });
    const err = await venuePoster(f.h.db, f.commune, f.venueId, 'http://x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).messageKey).toBe('checkins.errors.venue_suspended');
  });
});
