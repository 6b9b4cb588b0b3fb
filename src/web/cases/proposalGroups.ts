import type { ProposalView } from '../../shared/api/cases.js';

export interface ProposalGroup {
  key: string;
  subject: ProposalView['subject'];
  setting: ProposalView['setting'];
  venue: ProposalView['venue'];
  /** the subject's check-in at a venue; only venue proposals are decided by visit */
  visitId: number | null;
  from: string | null;
  rows: ProposalView[];
}

/** One group per venue visit (or declared trip) of the person traced from (a venue and a time); household, vehicle … proposals per subject and setting. */
export function groupProposals(rows: ProposalView[]): ProposalGroup[] {
  const groups = new Map<string, ProposalGroup>();
  for (const p of rows) {
    // A venue visit and a declared trip may share an id number: the setting keeps them apart.
    const key = `${p.setting}-${p.subject.id}-${p.subjectVisitId ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, subject: p.subject, setting: p.setting, venue: p.venue, visitId: p.setting === 'venue' ? p.subjectVisitId : null, from: null, rows: [] }));
    g.rows.push(p);
    if (p.overlapStart && (!g.from || p.overlapStart < g.from)) g.from = p.overlapStart;
  }
  // Visits in time order, then the other settings (no time) after them.
  return [...groups.values()].sort((a, b) => (a.from ?? '9').localeCompare(b.from ?? '9') || a.key.localeCompare(b.key));
}
