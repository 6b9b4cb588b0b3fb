// The verifier's own words (certificates.*), looked up like the citizen messages but kept out of
// the other citizen pages, which never show them.
import vi from '../../../shared/i18n/messages/certificates.vi.json';
import en from '../../../shared/i18n/messages/certificates.en.json';
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

/** A certificates.* message in the page's language (Vietnamese when English lacks it). */
export function tc(key: string, params: Record<string, unknown> = {}): string {
  const text = lookup(trees[currentLang()], `certificates.${key}`) ?? lookup(trees.vi, `certificates.${key}`) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A value-set code's label when one exists ("LP6464-4" -> "RT-PCR"), else the code itself. */
export function codeLabel(group: 'testTypes' | 'testResults' | 'types', code: string): string {
  return lookup(trees[currentLang()], `certificates.${group}.${code}`) ?? code;
}
