// The self-report page's own words (citizenHealthReport.*), looked up like the citizen messages
// but kept in this page's chunk: the other citizen pages never show them.
import vi from '../../../shared/i18n/messages/citizen-health-report.vi.json';
import en from '../../../shared/i18n/messages/citizen-health-report.en.json';
import { currentLang } from '../i18n';

type Tree = { [k: string]: string | Tree };
const trees: Record<'vi' | 'en', Tree> = { vi, en };

function lookup(tree: Tree, key: string): string | undefined {
  let cur: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return typeof cur === 'string' ? cur : undefined;
}

/** A citizenHealthReport.* message in the page's language (Vietnamese when English lacks it). */
export function th(key: string, params: Record<string, unknown> = {}): string {
  const text = lookup(trees[currentLang()], `citizenHealthReport.${key}`) ?? lookup(trees.vi, `citizenHealthReport.${key}`) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
