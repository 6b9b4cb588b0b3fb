/**
 * Vietnamese phone numbers, stored in the national form "0" + 9 digits (mobile) or "02" + 9
 * digits (landline). "+84 912 345 678", "84912345678" and "0912.345.678" are the same number.
 */
const MOBILE = /^0(3|5|7|8|9)\d{8}$/;
const LANDLINE = /^02\d{9}$/;

export function normalizePhone(input: string): string | null {
  let d = input.replace(/[\s.\-()]/g, '');
  if (d.startsWith('+84')) d = '0' + d.slice(3);
  else if (d.startsWith('0084')) d = '0' + d.slice(4);
  else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) d = '0' + d.slice(2);
  if (!/^\d+$/.test(d)) return null;
  return MOBILE.test(d) || LANDLINE.test(d) ? d : null;
}
