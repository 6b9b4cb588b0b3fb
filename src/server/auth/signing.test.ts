import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDb } from '../db/testing.js';
import type { DbHandle } from '../db/handle.js';
import { signingKeys } from './schema.js';
import { retireKey, rotateKey, signer } from './signing.js';

let h: DbHandle;
beforeEach(async () => {
  h = await testDb();
});
afterEach(() => h.close());

describe('signed tokens', () => {
  it('verifies its own tokens and refuses altered, forged or cross-purpose ones', async () => {
    const venues = await signer(h.db, 'venue');
    const token = venues.sign('V7K2Q9');
    expect(token).toMatch(/^V7K2Q9\.1\.[A-Za-z0-9_-]{22}$/);
    expect(venues.verify(token)).toBe('V7K2Q9');
    expect(venues.verify(token.replace('V7K2Q9', 'V7K2Q8'))).toBeNull();
    // Every other last character, including those base64 decoding would read as the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const c of alphabet.replace(token.slice(-1), '')) expect(venues.verify(token.slice(0, -1) + c)).toBeNull();
    expect(venues.verify('V7K2Q9.1.AAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
    expect(venues.verify('garbage')).toBeNull();
    const persons = await signer(h.db, 'person');
    expect(persons.verify(token)).toBeNull();
  });

  it('keeps verifying old tokens after a rotation, and stops after a key is retired', async () => {
    const before = (await signer(h.db, 'venue')).sign('ABC');
    await rotateKey(h.db, 'venue');
    const after = await signer(h.db, 'venue');
    const fresh = after.sign('ABC');
    expect(fresh).not.toBe(before);
    expect(after.verify(before)).toBe('ABC');
    const [first] = await h.db.select().from(signingKeys);
    await retireKey(h.db, first.id);
    const now = await signer(h.db, 'venue');
    expect(now.verify(before)).toBeNull();
    expect(now.verify(fresh)).toBe('ABC');
  });
});
