// Sample and pool labels: a sheet of fresh codes to print before a sampling day (each code is
// unique with overwhelming odds, and the database refuses a reused one), and the QR of one
// recorded sample as PNG for a label printer. The QR holds only the code.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { notFound } from '../http/errors.js';
import { parseInput } from '../people/validate.js';
import { codeFromBytes, labelsQuery, normalizeCode, type CodeKind } from '../../shared/api/testing.js';
import { actorScope, inUnit } from './access.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf');

const COLUMNS = 3;
const ROWS = 8;
/** "S7K3M9QX2F" printed as "S7K3-M9QX-2F" so it is read out in groups. */
export const spaced = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

export function freshCodes(kind: CodeKind, count: number): string[] {
  return Array.from({ length: count }, () => codeFromBytes(kind, randomBytes(5)));
}

/** An A4 sheet (3 × 8 labels per page) of new codes with their QR. */
export async function labelSheet(actor: Actor, raw: unknown): Promise<Buffer> {
  requirePermission(actor, 'testing.sample');
  const q = parseInput(labelsQuery, raw);
  const codes = freshCodes(q.kind, q.count);
  const doc = new PDFDocument({ size: 'A4', margin: 20, info: { Title: q.kind === 'pool' ? 'Nhãn mẫu gộp' : 'Nhãn mẫu xét nghiệm', Author: 'PhongDich' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('mono', FONT);
  const w = (doc.page.width - 40) / COLUMNS;
  const h = (doc.page.height - 40) / ROWS;
  for (const [i, code] of codes.entries()) {
    const slot = i % (COLUMNS * ROWS);
    if (i > 0 && slot === 0) doc.addPage();
    const x = 20 + (slot % COLUMNS) * w;
    const y = 20 + Math.floor(slot / COLUMNS) * h;
    const qr = await QRCode.toBuffer(code, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    const side = Math.min(h - 24, w / 2);
    doc.image(qr, x + 6, y + 6, { width: side, height: side });
    doc.font('mono').fontSize(11).text(spaced(code), x + side + 12, y + side / 2 - 6, { width: w - side - 18 });
    doc.fontSize(7).text(q.kind === 'pool' ? 'MẪU GỘP' : 'MẪU', x + side + 12, y + side / 2 + 10);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The QR of a sample or pool taken at a site of the jurisdiction, as PNG. */
export async function labelPng(db: Db, actor: Actor, rawCode: string): Promise<Buffer> {
  requirePermission(actor, 'testing.sample');
  const code = normalizeCode(rawCode);
  const [found] = await queryRows(
    db,
    sql`select 1 from testing_sites t where ${inUnit(actorScope(actor), 't')} and t.id in (
          select site_id from testing_samples where code = ${code} union all select site_id from testing_pools where code = ${code})`,
  );
  if (!found) throw notFound('testing.errors.sample_unknown');
  return QRCode.toBuffer(code, { errorCorrectionLevel: 'M', margin: 2, width: 300 });
}
