import { ApiError } from './api';
import { fieldDomId, focusField, type FieldError } from './fields';
import { t } from './i18n';

/** "answers.symptoms[2]" → "answers.symptoms"; a path without a parent stays as it is. */
function parentPath(path: string): string {
  return path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
}

/**
 * Where a failed submit shows its message: on the rendered field the server named (or the
 * nearest enclosing one: "answers.symptoms[2]" lands on the symptoms group), else above the form.
 */
export function placeError(err: unknown): { field: FieldError | null; general: string | null } {
  if (!(err instanceof ApiError)) return { field: null, general: t('citizen.offline') };
  let path = err.field ?? '';
  while (path) {
    if (document.getElementById(fieldDomId(path))) {
      const target = path;
      requestAnimationFrame(() => focusField(target));
      return { field: { field: path, message: err.message }, general: null };
    }
    const up = parentPath(path);
    path = up === path ? '' : up;
  }
  return { field: null, general: err.message };
}
