import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  webRoot: string;
  resetDemo: boolean;
  demoPeople: number;
  trustProxy: boolean;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(name + '='))?.split('=')[1];
}

/** Settings from the environment and command-line flags (flags win). */
export function loadConfig(args = process.argv.slice(2), env = process.env): Config {
  const people = Number(argValue(args, '--people') ?? env.DEMO_PEOPLE ?? 20_000);
  if (!Number.isInteger(people) || people < 0 || people > 5_000_000) throw new Error('--people must be a whole number up to 5,000,000');
  return {
    port: Number(argValue(args, '--port') ?? env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? `${PROJECT_ROOT}data/pglite`,
    webRoot: env.WEB_ROOT ?? `${PROJECT_ROOT}dist/web`,
    resetDemo: args.includes('--reset-demo') || env.RESET_DEMO === '1',
    demoPeople: people,
    trustProxy: env.TRUST_PROXY === '1',
  };
}
