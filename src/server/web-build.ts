import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './config.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web UI when the build is missing or older than its sources, so a fresh clone needs
 * only `npm start`. Production images build once (`npm run build:web`) and ship dist/web.
 */
export async function ensureWebBuilt(webRoot: string, log: (msg: string) => void): Promise<void> {
  const index = join(webRoot, 'index.html');
  const sources = [join(PROJECT_ROOT, 'src/web'), join(PROJECT_ROOT, 'src/shared')].filter(existsSync);
  if (sources.length === 0) return;
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built >= Math.max(...sources.map(newestMtime))) return;
  log('building the web UI (first start or changed sources)…');
  const { build } = await import('vite');
  // React's production build even when started from a test runner (NODE_ENV=test picks its
  // development build, which a later plain start would keep serving), into the root this server
  // serves (WEB_ROOT): another process serving dist/web keeps its files.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir: webRoot, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
