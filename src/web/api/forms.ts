import type { FormInstance } from 'antd';
import { ApiError, rowErrorsOf } from './client';

/**
 * Puts a server error on the form field it names (fields may be dotted paths like "rules.quarantine.days").
 * Returns the error when no listed field matches, or when it carries per-row problems of a file (those
 * need the table of the alert), so the caller shows it in an alert instead.
 */
export function placeServerError(form: FormInstance, err: unknown, fields: readonly string[]): unknown {
  if (err instanceof ApiError && err.field && rowErrorsOf(err).length === 0) {
    const match = fields.find((f) => f === err.field || err.field!.startsWith(`${f}.`));
    if (match) {
      form.setFields([{ name: match.split('.'), errors: [err.message] }]);
      return null;
    }
  }
  return err;
}
