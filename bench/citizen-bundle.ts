// Compressed JavaScript a phone downloads for each citizen page: the entry's static imports, plus
// each page's lazily loaded chunks. Run after `npm run build:web`: `npm run bench:citizen-bundle`.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ASSETS = 'dist/web/assets';
const html = readFileSync('dist/web/public.html', 'utf8');
const entries = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
const files = new Set(readdirSync(ASSETS).filter((f) => f.endsWith('.js')));
const text = (f: string) => readFileSync(join(ASSETS, f), 'utf8');
const gz = (f: string) => gzipSync(readFileSync(join(ASSETS, f)), { level: 9 }).length;

function refs(file: string, dynamic: boolean): string[] {
  // Minified output: import(`./X.js`) for lazy chunks, from"./X.js" for static ones.
  const re = dynamic ? /import\(\s*[`"']\.\/([^`"']+\.js)[`"']\s*\)/g : /(?:from|import)\s*["']\.\/([^"']+\.js)["']/g;
  return [...text(file).matchAll(re)].map((m) => m[1]).filter((f) => files.has(f));
}

/** A chunk and everything it imports statically (and, with `later`, what it may load lazily). */
function closure(start: string[], later = false, loaded = new Set<string>()): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f) || loaded.has(f)) continue;
    seen.add(f);
    todo.push(...refs(f, false), ...(later ? refs(f, true) : []));
  }
  return seen;
}

const base = closure(entries);
const size = (set: Iterable<string>) => [...set].reduce((n, f) => n + gz(f), 0);
const baseBytes = size(base);
console.log(`base (every citizen page): ${(baseBytes / 1024).toFixed(1)} KB gzip in ${base.size} files`);
const lazy = new Set([...base].flatMap((f) => refs(f, true)));
let worst = baseBytes;
for (const page of [...lazy].sort()) {
  const first = baseBytes + size(closure([page], false, base));
  const all = baseBytes + size(closure([page], true, base));
  worst = Math.max(worst, all);
  console.log(`  ${page.padEnd(36)} ${(first / 1024).toFixed(1)} KB on opening, ${(all / 1024).toFixed(1)} KB with what it loads later`);
}
console.log(`largest page: ${(worst / 1024).toFixed(1)} KB (target < 150 KB) ${worst < 150 * 1024 ? 'met' : 'MISSED'}`);
