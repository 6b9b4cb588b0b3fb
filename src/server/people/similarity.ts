/** Jaro-Winkler similarity (0..1) of two strings; names are compared after foldKey. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Similarity of two folded Vietnamese names. They are compared given name first: the family
 * name leads a Vietnamese name and is shared by the relatives who share a phone, and
 * Jaro-Winkler weighs the beginning most, so in written order "nguyen van anh" and
 * "nguyen thi hoa" would look alike (0.87) where "anh van nguyen" and "hoa thi nguyen" do not (0.66).
 */
export function nameSimilarity(a: string, b: string): number {
  const givenFirst = (s: string) => s.split(' ').reverse().join(' ');
  return jaroWinkler(givenFirst(a), givenFirst(b));
}
