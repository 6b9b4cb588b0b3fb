import type { Lang } from '../../shared/i18n/index.js';
import { hasMessage, translate } from '../../shared/i18n/index.js';

export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  internal: 500,
};

/**
 * An error a service raises for the caller to see. It carries a message key, not text, so the
 * HTTP layer can word it in the caller's language; `field` names the input at fault.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string = `errors.${code}`,
    readonly params: Record<string, unknown> = {},
    readonly field?: string,
    readonly details?: ErrorDetails,
  ) {
    super(messageKey);
    this.status = STATUS[code];
  }
}

/** One problem of one row of an uploaded file; worded in the caller's language like the error itself. */
export interface RowProblem {
  row: number;
  field: string;
  messageKey: string;
  params?: Record<string, unknown>;
  file?: string;
}
export interface ErrorDetails {
  rows?: RowProblem[];
}

export const notFound = (what = 'errors.not_found') => new AppError('not_found', what);
export const forbidden = (key = 'errors.forbidden') => new AppError('forbidden', key);
export const invalid = (field: string, key: string, params: Record<string, unknown> = {}) =>
  new AppError('validation', key, params, field);

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: unknown };
}

/** The label of a field in the caller's language: fields.<last segment> when one exists. */
export function fieldLabel(lang: Lang, field: string): string {
  const last = field.replace(/\[\d+\]/g, '').split('.').pop() ?? field;
  const key = `fields.${last}`;
  return hasMessage(key) ? translate(lang, key) : field;
}

export function errorBody(lang: Lang, err: AppError): ErrorBody {
  const params = { ...err.params, ...(err.field ? { field: fieldLabel(lang, err.field) } : {}) };
  return {
    error: {
      code: err.code,
      message: translate(lang, err.messageKey, params),
      ...(err.field ? { field: err.field } : {}),
      ...(err.details ? { details: wordDetails(lang, err.details) } : {}),
    },
  };
}

function wordDetails(lang: Lang, details: ErrorDetails) {
  return {
    ...details,
    rows: details.rows?.map(({ messageKey, params, ...row }) => ({
      ...row,
      message: translate(lang, messageKey, { ...params, field: fieldLabel(lang, row.field) }),
    })),
  };
}
