import type { ZodError } from 'zod';
import { hasMessage } from '../../shared/i18n/index.js';
import { AppError } from './errors.js';

interface IssueLike {
  code?: string;
  keyword?: string;
  message?: string;
  path?: PropertyKey[];
  instancePath?: string;
}

/** "rows/3/phone" or ['rows', 3, 'phone'] -> "rows[3].phone" */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/**
 * The first problem of a schema validation, as an AppError that names the field. Schemas may use
 * a message key as their message (z.string().regex(re, 'people.errors.phone')); other issues get
 * a generic message by their kind.
 */
export function issueToAppError(issue: IssueLike, prefix = ''): AppError {
  const path = issue.path ?? (issue.instancePath ?? '').split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const field = [prefix, fieldPath(path)].filter(Boolean).join('.') || prefix || 'body';
  const message = issue.message ?? '';
  if (hasMessage(message)) return new AppError('validation', message, {}, field);
  const kind = issue.code ?? issue.keyword ?? 'invalid';
  const key = /received undefined|required/i.test(message)
    ? 'errors.required'
    : hasMessage(`errors.${kind}`)
      ? `errors.${kind}`
      : 'errors.invalid';
  return new AppError('validation', key, {}, field);
}

export function zodToAppError(err: ZodError, prefix = ''): AppError {
  return issueToAppError(err.issues[0] as IssueLike, prefix);
}
