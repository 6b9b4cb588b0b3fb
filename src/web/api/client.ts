import { currentLang } from '../i18n';
import { ApiError } from '../../shared/api/error';

export { ApiError };

export interface RowError {
  file?: string;
  row: number;
  field?: string;
  message: string;
}

export function rowErrorsOf(err: unknown): RowError[] {
  if (!(err instanceof ApiError)) return [];
  const rows = (err.details as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as RowError[]) : [];
}

let screen = 'app';
/** Names the screen on every request so the audit log says where staff were when they read personal data. */
export function setScreen(name: string): void {
  screen = name;
}

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request(method: string, path: string, body?: unknown, query?: Query): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': currentLang(), 'X-Screen': screen };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(withQuery(`/api${path}`, query), { method, headers, body: payload, credentials: 'same-origin' });
  if (res.ok) return res;
  let err: { code?: string; message?: string; field?: string; details?: unknown } = {};
  try {
    err = ((await res.json()) as { error?: typeof err }).error ?? {};
  } catch {
    // A proxy or crash page without our JSON body; fall back to the status text.
  }
  const apiErr = new ApiError(res.status, err.code ?? 'internal', err.message ?? res.statusText, err.field, err.details);
  if (res.status === 401 && path !== '/auth/login' && path !== '/auth/me') onUnauthorized();
  throw apiErr;
}

async function json<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const res = await request(method, path, body, query);
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => json<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, body),
  /** Fetches a file with the session and headers, then hands it to the browser as a download. */
  async download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
    const res = await request('GET', path, undefined, query);
    const disposition = res.headers.get('content-disposition') ?? '';
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name ? decodeURIComponent(name) : fallbackName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
