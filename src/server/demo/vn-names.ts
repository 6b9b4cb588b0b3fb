/**
 * Vietnamese name parts for generated people, in NFC. Family-name weights follow the commonly
 * cited national shares (Nguyễn ≈ 38 %, Trần 11 %, Lê 9.5 %, Phạm 7 %, …); Quảng Ninh being in
 * the north, Hoàng/Vũ outweigh their southern forms Huỳnh/Võ, and the Tày, Dao and Sán Dìu family
 * names of the province (Nông, Bế, Triệu, Bàn, Lục…) are present. Given-name lists are ordered
 * roughly from most to least common; the generator weights them by rank.
 */
import { nfc } from '../../shared/vn/text.js';

const clean = (names: string[]): string[] => names.map(nfc);

export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38.4], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 4.6], ['Huỳnh', 0.5], ['Phan', 4.5],
  ['Vũ', 3.4], ['Võ', 0.5], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1],
  ['Lý', 0.5], ['Đào', 0.6], ['Đoàn', 0.5], ['Trịnh', 0.5], ['Trương', 0.5], ['Đinh', 0.5], ['Lương', 0.4],
  ['Mai', 0.4], ['Cao', 0.4], ['Hà', 0.4], ['Lưu', 0.35], ['Tô', 0.3], ['Phùng', 0.3], ['Vương', 0.3],
  ['Lâm', 0.3], ['Tạ', 0.25], ['Chu', 0.25], ['Nông', 0.3], ['Triệu', 0.3], ['Bàn', 0.2], ['Lục', 0.15],
  ['Bế', 0.15], ['Quách', 0.15], ['Nghiêm', 0.1], ['Khúc', 0.1], ['Kiều', 0.1], ['Thái', 0.1], ['Lại', 0.15],
  ['Đàm', 0.15], ['Giáp', 0.1], ['Tống', 0.1], ['Âu', 0.05], ['Hứa', 0.1], ['La', 0.1], ['Tăng', 0.05],
].map(([name, weight]) => [nfc(name as string), weight as number] as const);

/** Middle names; the old-style Văn and Thị are weighted by birth year in the generator. */
export const MALE_MIDDLE = clean([
  'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Xuân', 'Thành', 'Mạnh', 'Tiến', 'Hoàng', 'Ngọc', 'Duy', 'Trọng',
  'Anh', 'Gia', 'Bảo', 'Đình', 'Thế', 'Trung', 'Việt', 'Hải', 'Tuấn', 'Quốc', 'Khánh', 'Nhật', 'Đăng',
  'Thanh', 'Hồng', 'Chí', 'Tất', 'Kim', 'Bá', 'Phúc', 'Hoài', 'Trí',
]);
export const FEMALE_MIDDLE = clean([
  'Ngọc', 'Thu', 'Thanh', 'Kim', 'Minh', 'Phương', 'Hồng', 'Thùy', 'Bảo', 'Khánh', 'Mai', 'Hải', 'Diệu',
  'Quỳnh', 'Lan', 'Huyền', 'Hà', 'Tuyết', 'Bích', 'Hoài', 'Mỹ', 'Xuân', 'Gia', 'Thảo', 'Ánh', 'Như', 'Cẩm',
  'Hương', 'Thúy', 'Vân', 'Hoàng', 'Yến', 'Trà', 'Tú', 'Kiều',
]);

export const MALE_GIVEN = clean([
  'Hùng', 'Dũng', 'Tuấn', 'Minh', 'Hải', 'Nam', 'Cường', 'Thắng', 'Long', 'Sơn', 'Hiếu', 'Đức', 'Anh',
  'Hoàng', 'Huy', 'Trung', 'Thành', 'Quang', 'Tùng', 'Bình', 'Phong', 'Việt', 'Khánh', 'Hưng', 'Duy',
  'Đạt', 'Tâm', 'Tú', 'Vinh', 'Quân', 'Lâm', 'Hòa', 'Toàn', 'Thịnh', 'Phúc', 'Khoa', 'Kiên', 'Bảo',
  'An', 'Thái', 'Thanh', 'Trường', 'Tiến', 'Chiến', 'Lợi', 'Hiệp', 'Hậu', 'Công', 'Tài', 'Lộc', 'Nghĩa',
  'Phú', 'Quý', 'Tân', 'Thuận', 'Trí', 'Tuệ', 'Định', 'Đông', 'Giang', 'Hà', 'Hào', 'Hiển', 'Hoàn',
  'Học', 'Khải', 'Khang', 'Khôi', 'Kiệt', 'Linh', 'Luân', 'Lực', 'Mạnh', 'Ngọc', 'Nguyên', 'Nhân',
  'Nhật', 'Phát', 'Quốc', 'Quyết', 'Sang', 'Tấn', 'Thạch', 'Thiện', 'Thọ', 'Thông', 'Tín', 'Trọng',
  'Tường', 'Uy', 'Vĩnh', 'Vũ', 'Vương', 'Xuân', 'Bách', 'Bắc', 'Biên', 'Cảnh', 'Chính', 'Chung', 'Dân',
  'Doanh', 'Dương', 'Đại', 'Đăng', 'Điền', 'Đoàn', 'Hạnh', 'Hoan', 'Hợp', 'Huân', 'Hướng', 'Kha',
  'Khiêm', 'Khương', 'Lân', 'Lập', 'Lương', 'Nhạc', 'Phi', 'Phước', 'Quảng', 'Quyền', 'Sáng', 'Sỹ',
  'Thân', 'Thăng', 'Thiêm', 'Thực', 'Thường', 'Tiệp', 'Tĩnh', 'Toản', 'Tráng', 'Trực', 'Tư', 'Tuyên',
  'Vĩ', 'Yên', 'Luyện', 'Mão', 'Ninh', 'Quế', 'Sâm', 'Thìn', 'Tích', 'Tuyến', 'Vượng', 'Khoát',
]);

export const FEMALE_GIVEN = clean([
  'Linh', 'Hương', 'Trang', 'Anh', 'Huyền', 'Hằng', 'Lan', 'Hà', 'Thảo', 'Ngọc', 'Phương', 'Mai', 'Hoa',
  'Hạnh', 'Nhung', 'Thủy', 'Dung', 'Yến', 'Loan', 'Nga', 'Thu', 'Hiền', 'Vân', 'Trâm', 'Quỳnh', 'Chi',
  'Giang', 'Hồng', 'Liên', 'Oanh', 'Thanh', 'Thúy', 'Tâm', 'Nhi', 'My', 'Vy', 'Uyên', 'Ánh', 'Bích',
  'Châm', 'Cúc', 'Diệp', 'Diệu', 'Duyên', 'Hải', 'Hân', 'Hảo', 'Hậu', 'Hòa', 'Hoài', 'Huệ', 'Hường',
  'Khánh', 'Khuê', 'Kiều', 'Lệ', 'Liễu', 'Ly', 'Mến', 'Mỹ', 'Ngân', 'Nguyệt', 'Nhàn', 'Như', 'Nương',
  'Phượng', 'Quyên', 'Sen', 'Thắm', 'Thơ', 'Thoa', 'Thư', 'Thương', 'Tiên', 'Trinh', 'Tú', 'Tuyết',
  'Xuân', 'An', 'Bình', 'Chinh', 'Đào', 'Diễm', 'Gấm', 'Hạ', 'Lài', 'Lành', 'Lam', 'Luyến', 'Mận',
  'Miên', 'Mơ', 'Na', 'Ngà', 'Nhài', 'Nhạn', 'Nụ', 'Quế', 'Sương', 'Thêu', 'Thìn', 'Thục', 'Tình',
  'Tươi', 'Tuyền', 'Vui', 'Xoan', 'Yên', 'Ngát', 'Hoan', 'Lụa', 'Lý', 'Phấn', 'Thoan', 'Trà',
  'Trúc', 'Vi', 'Việt', 'Hợi', 'Dịu', 'Điệp', 'Lựu', 'Mùi', 'Nết', 'Nhâm', 'Thùy', 'Tấm', 'Hiên',
  'Chang', 'Dinh', 'Gái', 'Hiếu', 'Hưởng', 'Khanh', 'Lương', 'Minh', 'Nhiên', 'Phúc', 'Sáu', 'Tám',
]);

/** Village names for rural addresses ("Thôn Đồng Tâm"); numbered villages are generated. */
export const VILLAGE_NAMES = clean([
  'Đồng Tâm', 'Tân Lập', 'Bắc Sơn', 'Trung Thành', 'Quyết Tiến', 'Đông Sơn', 'Bình Minh', 'Tân Tiến',
  'Đoàn Kết', 'Thống Nhất', 'Yên Hòa', 'Khe Cát', 'Nà Pò', 'Khe Tiền', 'Đồng Mỏ', 'Cái Tăn', 'Làng Cổng',
  'Đồng Bé', 'Tân Hợp', 'Hải Yến', 'Xuân Viên', 'Đông Hải', 'Nam Hòa', 'Tân Thành', 'Đồng Rì',
]);

/** CCCD province codes of people whose birth was registered elsewhere (mostly Quảng Ninh's neighbours and the Red River delta). */
export const MIGRANT_PROVINCES = ['30', '31', '34', '36', '38', '40', '01', '24', '20', '33', '35', '37'];
