// Official documents behind the COVID-19 default profiles (see docs/domain-rules.md). `issued` is
// set only where the signing date is known; `subject` says what the document decided, it is not
// the official title.
import type { ProfileRules } from './rules.js';

type Source = ProfileRules['sources'][number];

const s = (id: string, number: string, issued: string | null, vi: string, en: string): Source => ({ id, number, issued, title: { vi, en } });

export const COVID19_SOURCES: Source[] = [
  s('moh-2020', 'Bộ Y tế, 2020', null, 'Cách ly tập trung 14 ngày + theo dõi tại nhà 14 ngày', '14 days centralized quarantine + 14 days home monitoring'),
  s('5599-byt-mt', '5599/BYT-MT', null, 'Cách ly F1 14 ngày (+14 ngày theo dõi); thí điểm cách ly tại nhà; xét nghiệm ngày 1, 7, 14; biển cảnh báo tại nhà', 'F1 quarantine 14 days (+14 monitoring); home quarantine piloted; tests on days 1, 7, 14; warning sign on the house'),
  s('6288-byt-mt', '6288/BYT-MT', null, 'Người nhập cảnh đã tiêm đủ liều: 7 ngày cách ly tập trung + 7 ngày theo dõi', 'Fully vaccinated arrivals: 7 days centralized + 7 days monitoring'),
  s('10696-byt-mt', '10696/BYT-MT', null, 'F1 đã tiêm đủ liều hoặc đã khỏi bệnh ≤ 6 tháng: 7 ngày tại nhà + 7 ngày tự theo dõi', 'F1 fully vaccinated or recovered ≤ 6 months: 7 days at home + 7 days self-monitoring'),
  s('762-byt-dp', '762/BYT-DP', null, 'F1 đã tiêm đủ liều cách ly 5 ngày, chưa tiêm đủ 7 ngày; F0 ra viện sau 7 ngày + xét nghiệm nhanh âm tính', 'F1 quarantine 5 days if vaccinated, 7 days if not; F0 released after 7 days + negative rapid test'),
  s('1909-byt-dp', '1909/BYT-DP', null, 'Từ 15/4/2022: F1 trong phạm vi 1 m, không cách ly F1', 'From 15/4/2022: F1 within 1 m, no F1 quarantine'),
  s('11042-byt-dp', '11042/BYT-DP', '2021-12-29', 'Định nghĩa ca bệnh (F0) và người tiếp xúc gần (F1); thời kỳ lây truyền', 'Case (F0) and close contact (F1) definitions; infectious window'),
  s('3638-qd-byt', '3638/QĐ-BYT', '2021-07-30', 'Định nghĩa F2', 'F2 definition'),
  s('5053-qd-byt', '5053/QĐ-BYT', null, 'Sổ tay truy vết: F1 dương tính thành F0, tiếp xúc được nâng một cấp', 'Tracing handbook: a positive F1 becomes F0, contacts move one level up'),
  s('2686-qd-bcdqg', '2686/QĐ-BCĐQG', '2021-05-31', 'Bốn mức nguy cơ; đánh giá từ xã lên huyện, tỉnh; biện pháp ở mức nguy cơ rất cao', 'Four risk levels; assessed from commune to district and province; measures at very high risk'),
  s('128-nq-cp', '128/NQ-CP', '2021-10-11', 'Thích ứng an toàn, linh hoạt: cấp độ dịch 1–4', 'Safe, flexible adaptation: epidemic levels 1–4'),
  s('4800-qd-byt', '4800/QĐ-BYT', '2021-10-12', 'Tiêu chí đánh giá cấp độ dịch theo Nghị quyết 128', 'Criteria for epidemic levels under Resolution 128'),
  s('218-qd-byt', '218/QĐ-BYT', '2022-01-27', 'Thay thế 4800: tiêu chí cấp độ dịch mới', 'Replaces 4800: new epidemic level criteria'),
  s('ct-15', '15/CT-TTg', '2020-03-27', 'Chỉ thị 15: hạn chế tụ tập, giãn cách 2 m', 'Directive 15: limits on gatherings, 2 m distance'),
  s('ct-16', '16/CT-TTg', '2020-03-31', 'Chỉ thị 16: cách ly toàn xã hội', 'Directive 16: society-wide isolation'),
  s('ct-19', '19/CT-TTg', '2020-04-24', 'Chỉ thị 19: không tập trung đông người, giữ khoảng cách 1 m', 'Directive 19: no crowds, 1 m distance'),
  s('259-tb-tu', '259-TB/TU (Ninh Thuận)', null, 'Người đến từ tỉnh áp dụng Chỉ thị 16: cách ly tập trung 14 ngày', 'Arrivals from a province under Directive 16: 14 days centralized quarantine'),
  s('3486-qd-byt', '3486/QĐ-BYT', '2020-08-07', 'Xét nghiệm RT-PCR gộp mẫu', 'Pooled RT-PCR testing'),
  s('hcmc-2021-08', 'TP. Hồ Chí Minh, 8/2021', null, 'Gộp 10 mẫu ở vùng nguy cơ thấp, 5 mẫu ở vùng nguy cơ cao; gộp theo hộ, tòa nhà', 'Pools of 10 in lower-risk and 5 in higher-risk areas; pooling by household or building'),
  s('moh-2021-09', 'Bộ Y tế, 9/2021', null, 'Sàng lọc test nhanh: vùng nguy cơ cao/rất cao 3 lần/tuần, vùng khác 5–7 ngày/lần', 'Rapid antigen screening: high/very high risk areas 3 times a week, others every 5–7 days'),
  s('7630-bgtvt-vt', '7630/BGTVT-VT', '2021-07-27', 'Luồng xanh: giấy nhận diện QR và xét nghiệm âm tính ≤ 72 giờ', 'Green lane: QR identification certificate and negative test ≤ 72 h'),
  s('5187-vpcp-cn', '5187/VPCP-CN', null, 'Lưu thông hàng hóa, luồng xanh', 'Goods circulation, green lane'),
  s('21-nq-cp', '21/NQ-CP', '2021-02-26', '9 nhóm ưu tiên tiêm vắc xin', 'Nine vaccination priority groups'),
  s('3588-qd-byt', '3588/QĐ-BYT', null, 'Hướng dẫn tiêm vắc xin: khoảng cách liều, theo dõi sau tiêm', 'Vaccination guidance: dose intervals, observation after a dose'),
  s('5772-qd-byt', '5772/QĐ-BYT', '2021-12-20', 'Chứng nhận tiêm chủng theo định dạng EU DCC, giá trị 12 tháng', 'Vaccination certificate in the EU DCC format, valid 12 months'),
  s('4038-qd-byt', '4038/QĐ-BYT', null, 'Quản lý người mắc COVID-19 tại nhà', 'Home care of COVID-19 patients'),
  s('261-qd-byt', '261/QĐ-BYT', null, 'Quản lý người mắc COVID-19 tại nhà (thay thế 4038)', 'Home care of COVID-19 patients (replaces 4038)'),
  s('moh-2021-08-tiers', 'Bộ Y tế, 8/2021', null, 'Mô hình tháp 3 tầng điều trị', 'Three-tier treatment model'),
  s('68-nq-cp', '68/NQ-CP', '2021-07-01', 'Hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do COVID-19', 'Support for workers and employers affected by COVID-19'),
  s('tokhaiyte', 'tokhaiyte.vn / PC-Covid', null, 'Tờ khai y tế điện tử', 'Electronic health declaration'),
  s('seed-quang-ninh', 'Kế hoạch tỉnh Quảng Ninh', null, 'Mục tiêu tiêm > 90 % người ≥ 18 tuổi trước cuối năm 2021', 'Target > 90 % of people ≥ 18 vaccinated by end of 2021'),
  s('seed-dien-bien', 'Kế hoạch tỉnh Điện Biên', null, 'Mục tiêu tiêm 100 % người ≥ 18 tuổi', 'Target 100 % of people ≥ 18 vaccinated'),
];
