import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPostgres, wrapPglite, type DbHandle } from './handle.js';

/**
 * A fresh, migrated, empty database for one test. Built from the template that
 * test/global-setup.ts migrated once per run: a PGlite clone, or on a PostgreSQL server
 * (DATABASE_URL) a database created from the template database.
 */
export async function testDb(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `pd_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database ${name} template ${process.env.PD_TEMPLATE_DB}`);
    const handle = openPostgres(withDatabase(url, name), 4);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await adminQuery(url, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const template = await pgliteTemplate();
  return wrapPglite((await template.clone()) as PGlite);
}

let templatePromise: Promise<PGlite> | undefined;
function pgliteTemplate(): Promise<PGlite> {
  templatePromise ??= (async () => {
    const tarball = await readFile(process.env.PD_TEMPLATE_TARBALL!);
    return PGlite.create({ loadDataDir: new Blob([tarball]) });
  })();
  return templatePromise;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
