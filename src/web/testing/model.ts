// What the testing screens work out before they ask the server: the campaign's target from the
// form, a scanned or typed code, the batch of tubes to move, a campaign's progress.
import { codeKind, normalizeCode, type CampaignInput, type CampaignView, type CodeKind } from '../../shared/api/testing.js';

export type TargetKind = CampaignInput['target']['kind'];

/** The target fields of the campaign form; only those of the chosen kind are read. */
export interface TargetValues {
  kind: TargetKind;
  communeId?: number | null;
  venueId?: number | null;
  /** Visits overlapping this window, as ISO instants. */
  window?: [string, string] | null;
  clusterId?: number | null;
  levels?: number[];
  personIds?: number[];
}

/**
 * The target as the server takes it. Missing fields are sent as they are (null, empty) so the
 * server names the field in the user's language rather than the form guessing.
 */
export function targetInput(v: TargetValues): CampaignInput['target'] {
  switch (v.kind) {
    case 'commune_population':
      return { kind: v.kind, communeId: v.communeId as number };
    case 'venue_visitors':
    case 'factory_workers':
      return { kind: v.kind, venueId: v.venueId as number, from: v.window?.[0] as string, to: v.window?.[1] as string };
    case 'cluster_contacts':
      return { kind: v.kind, clusterId: v.clusterId as number, levels: v.levels?.length ? [...v.levels].sort((a, b) => a - b) : [1] };
    case 'explicit':
      return { kind: v.kind, personIds: v.personIds ?? [] };
  }
}

export type CodeCheck = { code: string; kind: CodeKind } | { code: string; kind: null };

/** A label as scanned or typed, normalised; kind null when the check character does not hold. */
export function readCode(raw: string): CodeCheck {
  const code = normalizeCode(raw.trim());
  return { code, kind: codeKind(code) };
}

/** Whether a typed label can be sent: empty (a new code is made), or a well-formed code of the expected kind. */
export function labelProblem(raw: string, kind: CodeKind): 'invalid' | 'wrongKind' | null {
  if (!raw.trim()) return null;
  const read = readCode(raw);
  if (!read.kind) return 'invalid';
  return read.kind === kind ? null : 'wrongKind';
}

/** "S7K3M9QX2F" shown as "S7K3-M9QX-2F", as printed on the labels. */
export const spacedCode = (code: string) => (code.length === 10 ? `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}` : code);

export type AddResult = { codes: string[]; problem: null } | { codes: string[]; problem: 'invalid' | 'repeated' };

/** Adds a scanned code to a batch once; a code that fails its check is refused before any look-up. */
export function addToBatch(codes: readonly string[], raw: string): AddResult {
  const read = readCode(raw);
  if (!read.kind) return { codes: [...codes], problem: 'invalid' };
  if (codes.includes(read.code)) return { codes: [...codes], problem: 'repeated' };
  return { codes: [...codes, read.code], problem: null };
}

/** Share of the drawn members sampled so far, 0–100; people sampled without being drawn do not count. */
export function progressPct(c: Pick<CampaignView, 'members' | 'sampledMembers'>): number {
  if (c.members <= 0) return 0;
  return Math.min(100, Math.round((c.sampledMembers / c.members) * 100));
}

/** A campaign runs on a Vietnam day between its dates, both included. */
export function runsOn(c: Pick<CampaignView, 'startsOn' | 'endsOn' | 'status'>, day: string): boolean {
  return c.status === 'active' && c.startsOn <= day && day <= c.endsOn;
}

const FORM_FIELDS: Record<string, string[]> = {
  name: ['name'],
  unitId: ['unitId'],
  'target.communeId': ['target', 'communeId'],
  'target.venueId': ['target', 'venueId'],
  'target.from': ['target', 'window'],
  'target.to': ['target', 'window'],
  'target.clusterId': ['target', 'clusterId'],
  'target.levels': ['target', 'levels'],
  'target.personIds': ['target', 'personIds'],
  sharePct: ['sharePct'],
  seed: ['seed'],
  pooling: ['pooling'],
  poolGroupBy: ['poolGroupBy'],
  startsOn: ['dates'],
  endsOn: ['dates'],
  siteIds: ['siteIds'],
  resampleDueHours: ['resampleDueHours'],
};

/** The campaign form's field for a field the server names ("siteIds[1]", "target.from" …), or null. */
export function campaignFormField(serverField: string | undefined): string[] | null {
  if (!serverField) return null;
  return FORM_FIELDS[serverField.replace(/\[\d+\]$/, '')] ?? null;
}

/** Where a campaign stands today: scheduled, running, past its end date, or closed. */
export function campaignPhase(c: Pick<CampaignView, 'status' | 'startsOn' | 'endsOn'>, today: string): 'closed' | 'scheduled' | 'running' | 'ended' {
  if (c.status === 'closed') return 'closed';
  if (today < c.startsOn) return 'scheduled';
  return today > c.endsOn ? 'ended' : 'running';
}

export interface HistoryLine {
  fromState: string | null;
  toState: string;
  at: string;
  accountName: string | null;
  labName: string | null;
  samples: number;
}

/**
 * A pool's history lists each member's collection; shown one line per run of the same move by the
 * same person at the same lab, with the first and last time and the samples added up.
 */
export function compactHistory<T extends HistoryLine>(history: readonly T[]): (T & { until: string | null })[] {
  const out: (T & { until: string | null })[] = [];
  for (const h of history) {
    const prev = out.at(-1);
    if (prev && prev.toState === h.toState && prev.fromState === h.fromState && prev.accountName === h.accountName && prev.labName === h.labName) {
      prev.samples += h.samples;
      prev.until = h.at;
    } else out.push({ ...h, until: null });
  }
  return out;
}
