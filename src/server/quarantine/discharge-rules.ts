// When a stay may end: its planned period has passed (the last day counts: the day-14 test is
// taken and read on day 14) and every test the profile required is done and negative. Pure.
import { translate, type Lang } from '../../shared/i18n/index.js';
import { formatDate } from '../../shared/vn/dates.js';
import type { DischargeBlock, DischargeCheck, StayTestResult } from '../../shared/api/quarantine.js';

export interface Block {
  code: DischargeBlock;
  dayNumber: number | null;
}

interface TestState {
  dayNumber: number;
  status: 'open' | 'done' | 'cancelled';
  result: StayTestResult | null;
}

export function dischargeBlocks(stay: { status: string; plannedUntil: string }, tests: readonly TestState[], on: string): Block[] {
  if (stay.status !== 'active') return [{ code: 'not_active', dayNumber: null }];
  const blocks: Block[] = [];
  if (on < stay.plannedUntil) blocks.push({ code: 'period_not_over', dayNumber: null });
  for (const t of tests) {
    if (t.status === 'cancelled') continue;
    if (t.status === 'open' || t.result === null) blocks.push({ code: 'test_missing', dayNumber: t.dayNumber });
    else if (t.result === 'positive') blocks.push({ code: 'test_positive', dayNumber: t.dayNumber });
    else if (t.result === 'invalid') blocks.push({ code: 'test_invalid', dayNumber: t.dayNumber });
  }
  return blocks;
}

export function dischargeCheck(lang: Lang, blocks: Block[], plannedUntil: string, monitoringDays: number): DischargeCheck {
  return {
    eligible: blocks.length === 0,
    blocks: blocks.map((b) => ({ ...b, message: translate(lang, `quarantine.discharge.${b.code}`, { dayNumber: b.dayNumber ?? '', plannedUntil: formatDate(plannedUntil) }) })),
    monitoringDays,
  };
}
