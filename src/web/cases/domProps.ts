import type { HTMLAttributes, KeyboardEvent } from 'react';

/** Table rows a browser test can find by role of the row rather than by its position. */
export function testRow(testId: string, extra: Record<string, string | number> = {}): HTMLAttributes<HTMLElement> {
  return { 'data-testid': testId, ...extra } as HTMLAttributes<HTMLElement>;
}

/**
 * Enter in a typed date would submit the form before the picker has taken the date (the case was
 * saved without its onset); in a date field Enter only confirms the date.
 */
export function enterConfirmsDates(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key === 'Enter' && (e.target as HTMLElement).closest('.ant-picker')) e.preventDefault();
}
