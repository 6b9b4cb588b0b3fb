// Shapes passed between the parts of the cases capability (levels, tracing, tasks).
import type { LEVEL_REASONS } from '../../shared/api/cases.js';

export type LevelReason = (typeof LEVEL_REASONS)[number];

/** One person's level moved (null: not traced); written to level_changes and handed to follow-up. */
export interface LevelChange {
  personId: number;
  fromLevel: number | null;
  toLevel: number | null;
  reason: LevelReason;
  params: Record<string, unknown>;
  /** the case at the root of the person's new (or lost) path */
  caseId: number | null;
  /** when the person's exposure began, for task due times and F2 windows */
  exposedAt: Date | null;
}

/** What follow-up did after levels changed. */
export interface FollowUpResult {
  tasksCreated: number;
  tasksCancelled: number;
  proposed: number;
  autoAccepted: number;
}
