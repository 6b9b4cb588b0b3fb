import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import vi from '../../shared/i18n/messages/testing.vi.json';
import en from '../../shared/i18n/messages/testing.en.json';
import { hasMessage } from '../../shared/i18n/index.js';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('testing messages', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(keys(en)).toEqual(keys(vi));
  });

  it('word every message key the capability uses', async () => {
    const dir = new URL('.', import.meta.url);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => new URL(f, dir));
    files.push(new URL('../../shared/api/testing.ts', import.meta.url));
    const used = new Set<string>();
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/'(testing\.(?:errors|notify|testType|proposedStatus)\.[a-z_]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\bE\('([a-z_]+)'\)/g)) used.add(`testing.errors.${m[1]}`);
      // Problems named in SQL as field:key.
      for (const m of text.matchAll(/'(?:code|result|testedAt):([a-z_]+)'/g)) used.add(`testing.errors.${m[1]}`);
    }
    for (const kind of ['sample', 'pool']) used.add(`testing.errors.${kind}_code_expected`);
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !hasMessage(k))).toEqual([]);
  });
});
