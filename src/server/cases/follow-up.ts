// What happens after levels change: tasks for the new levels, tracing proposals for the people
// now traced, household contacts added when the profile says so.
import type { DbOrTx, Tx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import type { FollowUpResult, LevelChange } from './types.js';
import { tracingRules } from './proposals-window.js';
import { proposeForSubjects } from './proposals.js';
import { autoAcceptHousehold } from './decide.js';
import { applyTaskChanges, type TaskChanges } from './tasks-from-levels.js';
import { communeRecipient, enqueue } from './outbox.js';

export const NEW_TASKS_TEMPLATE = 'tracing.notify.new_tasks';

/**
 * Accepting household proposals adds exposures, whose level changes come back here. Levels only
 * fall when exposures are added and proposals are never made twice, so this ends by itself; the
 * depth guard (per transaction) keeps it bounded whatever the data.
 */
const depth = new WeakMap<object, number>();

async function notifyCommunes(tx: DbOrTx, byCommune: TaskChanges['byCommune']): Promise<void> {
  await enqueue(
    tx,
    byCommune.map((c) => ({
      channel: 'log' as const,
      recipient: communeRecipient(c.communeId),
      template: NEW_TASKS_TEMPLATE,
      params: { tasks: c.tasks, people: c.people },
    })),
  );
}

export async function followUpLevelChanges(tx: DbOrTx, actor: Actor | null, changes: LevelChange[]): Promise<FollowUpResult> {
  const result: FollowUpResult = { tasksCreated: 0, tasksCancelled: 0, proposed: 0, autoAccepted: 0 };
  if (changes.length === 0) return result;
  const rules = await tracingRules(tx);
  const tasks = await applyTaskChanges(tx, changes, rules.tracing.tasks);
  result.tasksCreated = tasks.created;
  result.tasksCancelled = tasks.cancelled;
  await notifyCommunes(tx, tasks.byCommune);

  // New F0s and people newly traced (or moved up) below the deepest level: their contacts are
  // the next level down.
  const max = rules.contacts.maxTracingLevel;
  const subjects = changes.filter((c) => c.toLevel !== null && c.toLevel < max && (c.fromLevel === null || c.toLevel < c.fromLevel)).map((c) => c.personId);
  const stored = await proposeForSubjects(tx, subjects, rules);
  result.proposed = stored.length;

  const level = depth.get(tx) ?? 0;
  if (rules.tracing.autoAcceptHousehold && level <= max) {
    depth.set(tx, level + 1);
    try {
      // follow-up runs inside the transaction of the change that called it
      const accepted = await autoAcceptHousehold(tx as Tx, actor, stored, true);
      if (accepted) {
        result.autoAccepted += accepted.accepted + accepted.followUp.autoAccepted;
        result.tasksCreated += accepted.followUp.tasksCreated;
        result.tasksCancelled += accepted.followUp.tasksCancelled;
        result.proposed += accepted.followUp.proposed;
      }
    } finally {
      depth.set(tx, level);
    }
  }
  return result;
}
