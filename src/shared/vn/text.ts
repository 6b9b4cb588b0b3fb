/** Vietnamese text as the platform stores and compares it. */

export function nfc(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The accent- and case-insensitive key used to compare and search names: "Nguyễn Văn  An" and
 * "nguyen van an" share "nguyen van an". đ is a letter of its own, not an accented d, so NFD
 * does not split it and it is mapped by hand.
 */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Title-cases a name typed in any case, keeping its accents: "nguyễn văn an" -> "Nguyễn Văn An". */
export function properName(s: string): string {
  return nfc(s)
    .toLocaleLowerCase('vi')
    .replace(/(^|\s)(\p{L})/gu, (_, sp: string, ch: string) => sp + ch.toLocaleUpperCase('vi'));
}
