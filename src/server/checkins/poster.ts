// The A4 poster a venue prints and puts up at its entrance: title, name, code, address, a large
// QR of the check-in address and how to use it, in Vietnamese. DejaVu Sans carries every
// Vietnamese letter with its diacritics (the PDF standard fonts do not).
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Db } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import { communesOf } from '../geo/service.js';
import { visibleVenue } from './venues.js';
import { venueQrUrl, venueToken } from './tokens.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const INSTRUCTIONS = [
  'Quét mã bằng camera điện thoại để ghi nhận ra vào địa điểm này.',
  'Trang khai báo mở ra, đã điền sẵn thông tin của lần khai báo y tế gần nhất trên điện thoại: bấm "Ghi nhận" là xong.',
  'Chưa khai báo y tế trên điện thoại này? Trang sẽ hướng dẫn khai báo trước.',
  'Không có điện thoại thông minh: đưa mã QR cá nhân (giấy hoặc thẻ) để nhân viên quét, hoặc đọc mã số in dưới mã QR.',
  'Khi ra về, quét lại mã và bấm "Ra về" (không bắt buộc).',
];

export interface PosterVenue {
  name: string;
  code: string;
  addressLine: string;
  communeName: string;
  url: string;
}

/** The poster of a venue of the jurisdiction, for its check-in address at `origin`. */
export async function venuePoster(db: Db, actor: Actor, venueId: number, origin: string): Promise<Buffer> {
  requirePermission(actor, 'venues.manage');
  const venue = await visibleVenue(db, actor, venueId);
  if (venue.status === 'suspended') throw new AppError('conflict', 'checkins.errors.venue_suspended');
  const [commune] = await communesOf(db, venue.communeId);
  return renderPoster({
    name: venue.name,
    code: venue.code,
    addressLine: venue.addressLine,
    communeName: commune?.fullName ?? '',
    url: venueQrUrl(origin, await venueToken(db, venue.id)),
  });
}

export async function renderPoster(v: PosterVenue): Promise<Buffer> {
  const qr = await QRCode.toBuffer(v.url, { errorCorrectionLevel: 'M', margin: 1, width: 900 });
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Mã QR địa điểm ${v.code}`, Author: 'PhongDich' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const width = doc.page.width - 100;
  doc.font('bold').fontSize(24).fillColor('#b71c1c').text('MÃ QR KHAI BÁO ĐỊA ĐIỂM', { align: 'center', width });
  doc.moveDown(0.4);
  doc.font('bold').fontSize(20).fillColor('#000').text(v.name, { align: 'center', width });
  doc.font('regular').fontSize(12).fillColor('#333').text([v.addressLine, v.communeName].filter(Boolean).join(', '), { align: 'center', width });
  const size = 340;
  const top = doc.y + 16;
  doc.image(qr, (doc.page.width - size) / 2, top, { width: size, height: size });
  doc.y = top + size + 10;
  doc.font('bold').fontSize(22).fillColor('#000').text(`Mã địa điểm: ${v.code}`, 50, doc.y, { align: 'center', width });
  doc.moveDown(0.8);
  doc.font('bold').fontSize(15).text('Hướng dẫn', { width });
  doc.font('regular').fontSize(13);
  INSTRUCTIONS.forEach((line, i) => doc.text(`${i + 1}. ${line}`, { width, paragraphGap: 4 }));
  doc.font('regular').fontSize(8.5).fillColor('#666').text(v.url, 50, doc.page.height - 70, { align: 'center', width, lineBreak: false });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
