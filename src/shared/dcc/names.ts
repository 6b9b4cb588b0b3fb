// Names in a DCC: as written (fn, gn) and in the ICAO 9303 machine-readable form (fnt, gnt):
// A–Z only, the filler "<" between parts. Vietnamese letters lose their tone and vowel marks
// (Nguyễn -> NGUYEN) and Đ, a letter of its own that Unicode does not decompose, becomes D.
import { nfc } from '../vn/text.js';
import type { DccName } from './types.js';

const MAX = 80;
// Letters without a decomposition, spelled as ICAO 9303 Part 3 (Table A) transliterates them.
const SPECIAL: Record<string, string> = { Đ: 'D', Ð: 'D', Ø: 'OE', Æ: 'AE', Œ: 'OE', ß: 'SS', Ł: 'L', Þ: 'TH', Ħ: 'H', Ŧ: 'T', Ŋ: 'N', Ĳ: 'IJ' };

export function icaoTransliterate(name: string): string {
  return nfc(name)
    .toUpperCase()
    .replace(/[ĐÐØÆŒßŁÞĦŦŊĲ]/g, (c) => SPECIAL[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // An apostrophe joins (d'Arc -> DARC); spaces, hyphens and anything else separate.
    .replace(/['’`]/g, '')
    .replace(/[^A-Z]+/g, '<')
    .replace(/^<+|<+$/g, '')
    .slice(0, MAX)
    .replace(/<+$/, '');
}

/**
 * A Vietnamese full name split as the DCC wants it: the family name (họ) is the first word, the
 * middle and given names the rest. A one-word name is a family name only.
 */
export function dccName(fullName: string): DccName {
  const words = nfc(fullName).split(' ').filter(Boolean);
  const fn = words[0] ?? '';
  const gn = words.slice(1).join(' ');
  const name: DccName = { fn: fn.slice(0, MAX), fnt: icaoTransliterate(fn) };
  if (gn) Object.assign(name, { gn: gn.slice(0, MAX), gnt: icaoTransliterate(gn) });
  return name;
}
