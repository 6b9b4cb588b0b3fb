// The completion certificate on A4, in the layout of a Vietnamese administrative document: the
// issuing body and number on the left, the national motto on the right, the place and date, the
// title, the body, the signature block and the recipients. DejaVu Serif carries every
// Vietnamese letter (the PDF standard fonts do not).
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatDate } from '../../shared/vn/dates.js';

const require = createRequire(import.meta.url);
const font = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);

export interface CertificateData {
  number: string;
  kind: 'quarantine' | 'treatment';
  place: 'centralized' | 'hotel' | 'home' | 'facility';
  /** The body above the facility (a district, the province), upper case in the header. */
  superior: string;
  issuer: string;
  /** The town the document is signed in ("Hạ Long"). */
  town: string;
  issuedOn: string;
  person: { fullName: string; sex: 'male' | 'female' | 'other'; birth: string; document: string | null; address: string };
  facility: { name: string; address: string } | null;
  from: string;
  until: string;
  days: number;
  negativeTests: { dayNumber: number; on: string }[];
  monitoringDays: number;
  monitorUntil: string | null;
  commune: string;
  stayId: number;
}

export const CERTIFICATE_TITLE = {
  quarantine: 'GIẤY XÁC NHẬN HOÀN THÀNH THỜI GIAN CÁCH LY',
  treatment: 'GIẤY XÁC NHẬN HOÀN THÀNH THỜI GIAN CÁCH LY, ĐIỀU TRỊ',
} as const;

const SEX = { male: 'Nam', female: 'Nữ', other: 'Khác' } as const;

function wherePhrase(d: CertificateData): string {
  if (d.place === 'home') return d.kind === 'treatment' ? 'cách ly, điều trị tại nhà' : 'cách ly y tế tại nhà';
  const at = [d.facility!.name, d.facility!.address].filter(Boolean).join(', ');
  if (d.kind === 'treatment') return `cách ly, điều trị tại ${at}`;
  return d.place === 'hotel' ? `cách ly y tế tập trung (có trả phí) tại ${at}` : `cách ly y tế tập trung tại ${at}`;
}

function dateLine(town: string, on: string): string {
  const [y, m, d] = on.split('-');
  return `${town}, ngày ${d} tháng ${m} năm ${y}`;
}

export async function renderCertificate(d: CertificateData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 85, right: 56 }, info: { Title: `${CERTIFICATE_TITLE[d.kind]} ${d.number}`, Author: d.issuer } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', font('DejaVuSerif'));
  doc.registerFont('bold', font('DejaVuSerif-Bold'));
  doc.registerFont('italic', font('DejaVuSerif-Italic'));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const leftW = width * 0.4;
  const rightX = left + width * 0.4;
  const rightW = width * 0.6;
  const top = doc.y;

  // Issuing body, underlined by a short rule, and the number.
  doc.font('regular').fontSize(10.5).text(d.superior.toUpperCase(), left, top, { width: leftW, align: 'center' });
  doc.font('bold').fontSize(10).text(d.issuer.toUpperCase(), left, doc.y, { width: leftW, align: 'center' });
  const ruleY = doc.y + 2;
  doc.moveTo(left + leftW * 0.3, ruleY).lineTo(left + leftW * 0.7, ruleY).lineWidth(0.6).stroke();
  doc.font('regular').fontSize(11).text(`Số: ${d.number}`, left, ruleY + 8, { width: leftW, align: 'center' });
  const leftBottom = doc.y;

  // The national name and motto.
  doc.font('bold').fontSize(10.5).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' });
  doc.font('bold').fontSize(11.5).text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightW, align: 'center' });
  const mottoY = doc.y + 2;
  doc.moveTo(rightX + rightW * 0.2, mottoY).lineTo(rightX + rightW * 0.8, mottoY).lineWidth(0.6).stroke();
  doc.font('italic').fontSize(12).text(dateLine(d.town, d.issuedOn), rightX, mottoY + 10, { width: rightW, align: 'center' });

  doc.y = Math.max(leftBottom, doc.y) + 28;
  doc.font('bold').fontSize(14).text(CERTIFICATE_TITLE[d.kind], left, doc.y, { width, align: 'center' });
  doc.moveDown(1.2);

  const para = (text: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.font('regular').fontSize(13).text(text, left, doc.y, { width, align: 'justify', paragraphGap: 6, lineGap: 2, ...opts });
  para(`${d.issuer} xác nhận:`);
  doc.font('regular').fontSize(13).text('Ông/Bà: ', left, doc.y, { continued: true }).font('bold').text(d.person.fullName.toUpperCase(), { continued: true }).font('regular').text(`     Giới tính: ${SEX[d.person.sex]}`, { paragraphGap: 6 });
  para(`Ngày sinh/Năm sinh: ${d.person.birth}`);
  para(`Số CCCD/CMND/Hộ chiếu: ${d.person.document ?? 'không có'}`);
  para(`Nơi cư trú: ${d.person.address}`);
  para(`Đã hoàn thành thời gian ${wherePhrase(d)}, từ ngày ${formatDate(d.from)} đến ngày ${formatDate(d.until)} (${d.days} ngày).`);
  if (d.negativeTests.length) {
    para(`Kết quả xét nghiệm SARS-CoV-2: âm tính (${d.negativeTests.map((t) => `ngày thứ ${t.dayNumber}: ${formatDate(t.on)}`).join('; ')}).`);
  }
  if (d.monitorUntil) {
    para(
      `Đề nghị Ông/Bà tiếp tục tự theo dõi sức khỏe tại nơi cư trú ${d.monitoringDays} ngày, đến hết ngày ${formatDate(d.monitorUntil)}; ` +
        'thực hiện nghiêm các biện pháp phòng, chống dịch; khi có dấu hiệu bất thường về sức khỏe báo ngay cho trạm y tế nơi cư trú.',
    );
  }
  para(`${d.commune} tiếp nhận và tiếp tục theo dõi sức khỏe của Ông/Bà theo quy định.`);

  // Recipients on the left, the signature on the right, on one band.
  const band = doc.y + 18;
  doc.font('bold').fontSize(12).text('THỦ TRƯỞNG ĐƠN VỊ', rightX, band, { width: rightW, align: 'center' });
  doc.font('italic').fontSize(11).text('(Ký, ghi rõ họ tên và đóng dấu)', rightX, doc.y, { width: rightW, align: 'center' });
  doc.font('italic').fontSize(11).text('Nơi nhận:', left, band, { width: leftW });
  doc.font('regular').fontSize(10);
  for (const line of [`- Ông/Bà ${d.person.fullName};`, `- ${d.commune} (để theo dõi);`, '- Lưu: VT.']) doc.text(line, left, doc.y, { width: leftW });

  // The footer sits in the bottom margin; without the margin pdfkit would start a second page.
  doc.page.margins.bottom = 0;
  doc.font('regular').fontSize(8).fillColor('#666').text(`PhongDich · hồ sơ lưu trú số ${d.stayId}`, left, doc.page.height - 48, { width, align: 'center', lineBreak: false });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
