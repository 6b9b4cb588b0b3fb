import type { CaseStatus } from '../../shared/api/cases.js';

/** F0 red, F1 orange, F2 yellow, then cooler colours for the rarer deeper levels. */
export const LEVEL_COLORS = ['#cf1322', '#fa8c16', '#fadb14', '#1677ff', '#722ed1', '#8c8c8c'] as const;

export function levelColor(level: number): string {
  return LEVEL_COLORS[Math.min(Math.max(level, 0), LEVEL_COLORS.length - 1)];
}

/** "F0", "F1" …: how officials name the levels. */
export function levelLabel(level: number | null | undefined): string {
  return level == null ? '—' : `F${level}`;
}

export const STATUS_COLORS: Record<CaseStatus, string> = {
  suspected: 'gold',
  confirmed: 'red',
  isolating: 'volcano',
  in_treatment: 'magenta',
  recovered: 'green',
  re_positive: 'red',
  died: 'default',
  transferred: 'geekblue',
  ruled_out: 'default',
};

