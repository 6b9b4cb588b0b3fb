// The keys and revocation list the verifier trusts, fetched from the server and kept in
// localStorage so certificates can be checked offline afterwards.
import { useCallback, useEffect, useState } from 'react';
import type { PublicKeyDto, PublicKeysDto, RevokedListDto } from '../../../shared/api/certificates';
import { KeyRing } from '../../../shared/dcc/keyring';
import { ApiError } from '../api';

const STORAGE_KEY = 'phongdich.dcc.trust';

interface Stored {
  keys: PublicKeysDto;
  revoked: RevokedListDto;
  fetchedAt: string;
}

export interface Trust {
  ring: KeyRing | null;
  revoked: ReadonlySet<string>;
  keys: PublicKeyDto[];
  fetchedAt: string | null;
  /** fresh: fetched now; stale: kept from earlier, the server unreachable; missing: never fetched. */
  state: 'loading' | 'fresh' | 'stale' | 'missing';
}

function stored(): Stored | null {
  try {
    const s = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
    return s && Array.isArray(s.keys?.keys) && Array.isArray(s.revoked?.hashes) ? s : null;
  } catch {
    return null;
  }
}

function trustOf(s: Stored | null, state: Trust['state']): Trust {
  if (!s) return { ring: null, revoked: new Set(), keys: [], fetchedAt: null, state };
  return { ring: new KeyRing(s.keys.keys), revoked: new Set(s.revoked.hashes), keys: s.keys.keys, fetchedAt: s.fetchedAt, state };
}

async function get<T>(path: string): Promise<T> {
  // The server lets proxies keep the lists a minute; the page itself always asks for the latest.
  const res = await fetch(`/api${path}`, { cache: 'no-cache' });
  if (!res.ok) throw new ApiError(res.status, 'internal', res.statusText);
  return (await res.json()) as T;
}

async function fetchLists(): Promise<Stored> {
  const [keys, revoked] = await Promise.all([get<PublicKeysDto>('/public/certificates/keys'), get<RevokedListDto>('/public/certificates/revoked')]);
  const s = { keys, revoked, fetchedAt: new Date().toISOString() };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  } catch {
    // A full storage only costs the offline copy; this session still has the lists.
  }
  return s;
}

/** The trusted lists: the stored copy at once, then a fresh one when the server answers. */
export function useTrust(): { trust: Trust; refresh: () => Promise<Trust> } {
  const [trust, setTrust] = useState<Trust>(() => trustOf(stored(), 'loading'));
  const refresh = useCallback(async () => {
    let next: Trust;
    try {
      next = trustOf(await fetchLists(), 'fresh');
    } catch {
      const kept = stored();
      next = trustOf(kept, kept ? 'stale' : 'missing');
    }
    setTrust(next);
    return next;
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { trust, refresh };
}
