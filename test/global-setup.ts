import { mkdir, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../src/server/db/migrate.js';
import { openPostgres, wrapPglite } from '../src/server/db/handle.js';
import { adminQuery, withDatabase } from '../src/server/db/testing.js';

/** Migrates one template database per run; each test then gets its own copy of it. */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `pd_template_${process.pid}`;
    await adminQuery(url, `drop database if exists ${name} with (force)`);
    await adminQuery(url, `create database ${name}`);
    const handle = openPostgres(withDatabase(url, name), 1);
    await migrate(handle);
    await handle.close();
    process.env.PD_TEMPLATE_DB = name;
    return async () => adminQuery(url, `drop database if exists ${name} with (force)`);
  }
  const client = await PGlite.create();
  await migrate(wrapPglite(client));
  const dump = await client.dumpDataDir('none');
  await client.close();
  await mkdir('.test-cache', { recursive: true });
  const path = `.test-cache/template-${process.pid}.tar`;
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  process.env.PD_TEMPLATE_TARBALL = path;
  return async () => undefined;
}
