import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from './handle.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

interface Applied {
  name: string;
  checksum: string;
}

/**
 * Applies migrations/NNNN_*.sql in name order, each in its own transaction. An applied file that
 * was later edited is an error: schema history must be append-only so every database agrees.
 */
export async function migrate(handle: DbHandle, dir = MIGRATIONS_DIR): Promise<string[]> {
  await handle.exec(`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
  const files = (await readdir(dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied = new Map(
    (await queryRows<Applied>(handle.db, sql`select name, checksum from schema_migrations`)).map((r) => [r.name, r.checksum]),
  );
  const ran: string[] = [];
  for (const file of files) {
    const text = await readFile(dir + file, 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    const known = applied.get(file);
    if (known) {
      if (known !== checksum) throw new Error(`migration ${file} was changed after it was applied`);
      continue;
    }
    const escaped = file.replace(/'/g, "''");
    try {
      await handle.exec(
        `begin;\n${text}\n;insert into schema_migrations(name, checksum) values ('${escaped}', '${checksum}');\ncommit;`,
      );
    } catch (err) {
      await handle.exec('rollback').catch(() => undefined);
      throw new Error(`migration ${file} failed: ${(err as Error).message}`);
    }
    ran.push(file);
  }
  return ran;
}
