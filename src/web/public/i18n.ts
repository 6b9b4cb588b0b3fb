import { useSyncExternalStore } from 'react';
import commonVi from '../../shared/i18n/messages/common.vi.json';
import commonEn from '../../shared/i18n/messages/common.en.json';
import citizenVi from '../../shared/i18n/messages/citizen.vi.json';
import citizenEn from '../../shared/i18n/messages/citizen.en.json';

// Only the common and citizen messages: the shared index would pull every staff string into a
// page meant for cheap phones. Server errors arrive already worded in the caller's language.
export type Lang = 'vi' | 'en';
type Tree = { [k: string]: string | Tree };

const messages: Record<Lang, Tree[]> = { vi: [citizenVi, commonVi], en: [citizenEn, commonEn] };
const STORAGE_KEY = 'phongdich.lang';
const listeners = new Set<() => void>();
let lang: Lang = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
document.documentElement.lang = lang;

function lookup(tree: Tree, key: string): string | undefined {
  let cur: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return typeof cur === 'string' ? cur : undefined;
}

export function t(key: string, params: Record<string, unknown> = {}): string {
  let text: string | undefined;
  for (const tree of [...messages[lang], ...messages.vi]) if ((text = lookup(tree, key)) !== undefined) break;
  return (text ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

/** Re-renders the caller when the language changes; returns the current language. */
export function useLang(): Lang {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => lang,
  );
}

/** A name the server sends in both languages. */
export function pick(name: { vi: string; en: string }): string {
  return name[lang] || name.vi;
}
