// Unique vaccination certificate identifiers (eHealth Network guidelines, Annex 2):
// "URN:UVCI:01:<country>:<opaque id>#<check character>", the check being Luhn mod N over the
// characters before '#'.

const CODE_POINTS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:';
const N = CODE_POINTS.length;
/** Opaque ids use letters and digits only, skipping the easily confused I, O, 0 and 1. */
const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function luhnSum(text: string, factor: number): number {
  let sum = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const cp = CODE_POINTS.indexOf(text[i]);
    if (cp < 0) throw new Error(`"${text[i]}" cannot appear in a UVCI`);
    const addend = factor * cp;
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / N) + (addend % N);
  }
  return sum % N;
}

export function checkCharacter(text: string): string {
  return CODE_POINTS[(N - luhnSum(text, 2)) % N];
}

export function hasValidCheck(uvci: string): boolean {
  const [body, check, ...rest] = uvci.split('#');
  if (rest.length || check?.length !== 1) return false;
  try {
    return luhnSum(body + check, 1) === 0;
  } catch {
    return false;
  }
}

/** A new UVCI of `country` with an opaque id drawn from `random` (at least `length` bytes). */
export function newUvci(country: string, random: Uint8Array, length = 24): string {
  if (random.length < length) throw new Error('not enough random bytes for the UVCI');
  let id = '';
  for (let i = 0; i < length; i++) id += ID_ALPHABET[random[i] % ID_ALPHABET.length];
  const body = `URN:UVCI:01:${country}:${id}`;
  return `${body}#${checkCharacter(body)}`;
}
