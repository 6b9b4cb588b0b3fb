import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import vi from '../../shared/i18n/messages/quarantine.vi.json';
import en from '../../shared/i18n/messages/quarantine.en.json';
import { hasMessage } from '../../shared/i18n/index.js';
import { DISCHARGE_BLOCKS } from '../../shared/api/quarantine.js';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('quarantine messages', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(keys(en)).toEqual(keys(vi));
  });

  it('word every message key the capability uses', async () => {
    const dir = new URL('.', import.meta.url);
    // The monitoring files keep their own messages (quarantine-monitoring.*.json).
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('monitoring')).map((f) => new URL(f, dir));
    const api = new URL('../../shared/api/quarantine.ts', import.meta.url);
    const used = new Set<string>(DISCHARGE_BLOCKS.map((b) => `quarantine.discharge.${b}`));
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/'(quarantine\.(?:errors|notify|discharge)\.[a-z0-9_]+)'/g)) used.add(m[1]);
    }
    const contract = await readFile(api, 'utf8');
    for (const m of contract.matchAll(/\b(?:E\(|issue\('[a-zA-Z]+',|text\(\d+, \d+,|id\(|count\([\d_]+,|code\()\s*'([a-z0-9_]+)'\)/g)) used.add(`quarantine.errors.${m[1]}`);
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((k) => !hasMessage(k))).toEqual([]);
  });
});
