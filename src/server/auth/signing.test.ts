import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../db/testing.js';
import type { DbHandle } from '../db/handle.js';
import { signingKeys } from './schema.js';
import { SIGNER_TTL_MS, cachedSigner, retireKey, rotateKey, signer, verifyCached } from './signing.js';

let h: DbHandle;
beforeEach(async () => {
  h = await testDb();
});
afterEach(async () => {
  vi.useRealTimers();
  await h.close();
});

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

  it('caches the keys for a minute: changes made by another process apply within it, those made here at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const old = (await signer(h.db, 'venue')).sign('ABC');
    expect(await verifyCached(h.db, 'venue', old)).toBe('ABC');
    // Another process rotates (a direct insert: this process is not told) and signs with the new key.
    const [first] = await h.db.select().from(signingKeys);
    await h.db.insert(signingKeys).values({ purpose: 'venue', secret: 'khoa-moi-cua-tien-trinh-khac' });
    const fresh = (await signer(h.db, 'venue')).sign('ABC');
    vi.setSystemTime(Date.now() + 6_000);
    // A token naming a newer key than the cached ones reloads them.
    expect(await verifyCached(h.db, 'venue', fresh)).toBe('ABC');
    // Another process retires the old key: it keeps verifying here until the cache expires.
    await h.db.update(signingKeys).set({ retiredAt: new Date() }).where(eq(signingKeys.id, first.id));
    expect(await verifyCached(h.db, 'venue', old)).toBe('ABC');
    vi.setSystemTime(Date.now() + SIGNER_TTL_MS + 1);
    expect(await verifyCached(h.db, 'venue', old)).toBeNull();
    expect(await verifyCached(h.db, 'venue', fresh)).toBe('ABC');
    // Rotating or retiring on this process applies at once.
    await rotateKey(h.db, 'venue');
    const newest = await cachedSigner(h.db, 'venue');
    const [, second, third] = await h.db.select().from(signingKeys).orderBy(signingKeys.id);
    expect(newest.sign('ABC').split('.')[1]).toBe(third.id.toString(36));
    await retireKey(h.db, second.id);
    expect(await verifyCached(h.db, 'venue', fresh)).toBeNull();
  });
});
