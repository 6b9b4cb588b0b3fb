// Entering lab results: one at a time on screen, or a lab's whole export file. A file is all or
// nothing (one transaction, refused with every row problem), and idempotent: the same file again
// is recognised by its SHA-256 and changes nothing, and any row repeating a recorded result is
// left as it is.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { resultInput, type ResultInput, type ResultsSummary } from '../../shared/api/testing.js';
import { labOfActor } from './access.js';
import { applyResults, type IncomingResult } from './results.js';
import { followUpResults } from './result-follow-up.js';
import { readLabFile, type LabFile } from './lab-file.js';
import { testingResultImports } from './schema.js';

const CLOCK_SKEW_MS = 5 * 60_000;

type Outcome = Omit<ResultsSummary, 'importId' | 'alreadyImported' | 'rows'>;

async function apply(tx: Tx, actor: Actor, rows: IncomingResult[], labId: number | null, importId: number | null, now: Date, single: boolean): Promise<Outcome> {
  const outcome = await applyResults(tx, actor, rows, { labId, importId, now });
  if ('problems' in outcome) {
    const [first] = outcome.problems;
    if (single) throw new AppError('validation', first.messageKey, first.params ?? {}, first.field);
    throw new AppError('validation', 'testing.errors.import_rows', { count: outcome.problemCount }, 'file', { rows: outcome.problems });
  }
  const follow = await followUpResults(tx, actor, now);
  return { applied: outcome.applied, unchanged: outcome.unchanged, ...follow };
}

/** One result for a sample or a pool, by its code. */
export async function recordResult(db: Db, actor: Actor, raw: ResultInput, now = new Date()): Promise<ResultsSummary> {
  requirePermission(actor, 'testing.lab');
  const input = parseInput(resultInput, raw);
  if (new Date(input.testedAt).getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('testedAt', 'testing.errors.time_future');
  const lab = input.labId === null ? null : await labOfActor(db, actor, input.labId);
  return db.transaction(async (tx) => {
    const out = await apply(tx, actor, [{ row: 1, ...input }], lab?.id ?? null, null, now, true);
    // The people the result is about: the sample's, or every member's of a pool.
    const people = await queryRows<{ person_id: number }>(
      tx,
      sql`select distinct s.person_id::int from testing_applied a join testing_samples s on s.id = a.id and a.kind = 'sample'
          union select distinct s.person_id::int from testing_applied a join testing_samples s on s.pool_id = a.id and a.kind = 'pool'`,
    );
    const details = { code: input.code, result: input.result, testType: input.testType, ...out };
    await audit.recordMany(
      tx,
      actor,
      people.length ? people.map((p) => ({ action: 'update' as const, entity: 'testing_result', personId: p.person_id, details })) : [{ action: 'update', entity: 'testing_result', details }],
    );
    return { importId: null, alreadyImported: false, rows: 1, ...out };
  });
}

/**
 * A lab's export (CSV or XLSX) for the actor's lab (labId) or any lab of their jurisdiction.
 * Audited once, naming the import: every sample it changed carries the import's id.
 */
export async function importLabResults(db: Db, actor: Actor, input: { file: LabFile; labId?: number | null }, now = new Date()): Promise<ResultsSummary> {
  requirePermission(actor, 'testing.lab');
  const lab = input.labId ? await labOfActor(db, actor, input.labId) : null;
  const sha256 = createHash('sha256').update(input.file.data).digest('hex');
  const earlier = async (tx: DbOrTx) =>
    (await tx.select().from(testingResultImports).where(eq(testingResultImports.fileSha256, sha256)))[0];
  const already = async (tx: Tx, row: typeof testingResultImports.$inferSelect) => {
    await audit.record(tx, actor, { action: 'import', entity: 'testing_results', entityId: row.id, details: { file: input.file.name, sha256, alreadyImported: true } });
    return { importId: row.id, alreadyImported: true, rows: row.rows, applied: 0, unchanged: row.rows, positives: 0, positivePools: 0, resampleTasks: 0, caseProposals: 0 };
  };
  const seen = await earlier(db);
  if (seen) return db.transaction((tx) => already(tx, seen));

  const file = await readLabFile(input.file, now, CLOCK_SKEW_MS);
  if (file.problemCount > 0) throw new AppError('validation', 'testing.errors.import_rows', { count: file.problemCount }, 'file', { rows: file.problems });
  if (file.rows.length === 0) throw invalid('file', 'testing.errors.no_rows');

  return db.transaction(async (tx) => {
    // Two uploads of one file at once: the second waits and then finds the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`testing-import:${sha256}`}))`);
    const raced = await earlier(tx);
    if (raced) return already(tx, raced);
    const [{ id }] = await tx
      .insert(testingResultImports)
      .values({ fileName: input.file.name.slice(0, 200), fileSha256: sha256, labId: lab?.id ?? null, rows: file.rows.length, applied: 0, unchanged: 0, importedBy: actor.accountId })
      .returning({ id: testingResultImports.id });
    const out = await apply(tx, actor, file.rows, lab?.id ?? null, id, now, false);
    // A file that changes nothing (every result already recorded) leaves no import behind.
    const importId = out.applied > 0 ? id : null;
    if (importId === null) await tx.delete(testingResultImports).where(eq(testingResultImports.id, id));
    else await tx.update(testingResultImports).set({ applied: out.applied, unchanged: out.unchanged }).where(eq(testingResultImports.id, id));
    await audit.record(tx, actor, { action: 'import', entity: 'testing_results', entityId: importId, details: { file: input.file.name, sha256, rows: file.rows.length, ...out } });
    return { importId, alreadyImported: false, rows: file.rows.length, ...out };
  });
}
