import { currentLang } from './i18n';
import { ApiError } from '../../shared/api/error';

export { ApiError };

export async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const all: Record<string, string> = { 'Accept-Language': currentLang(), ...headers };
  if (body !== undefined) all['Content-Type'] = 'application/json';
  const res = await fetch(`/api${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  let err: { code?: string; message?: string; field?: string; details?: unknown } = {};
  try {
    err = ((await res.json()) as { error?: typeof err }).error ?? {};
  } catch {
    // A proxy or crash page without the JSON body: the status text is all there is.
  }
  throw new ApiError(res.status, err.code ?? 'internal', err.message ?? res.statusText, err.field, err.details);
}

/** A network failure (offline, server unreachable) as opposed to an answer from the server. */
export function isOffline(err: unknown): boolean {
  return !(err instanceof ApiError);
}
