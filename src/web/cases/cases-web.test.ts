import { describe, expect, it } from 'vitest';
import vi from '../../shared/i18n/messages/cases-web.vi.json';
import en from '../../shared/i18n/messages/cases-web.en.json';
import { hasMessage } from '../../shared/i18n/index.js';
import { CASE_STATUSES, EXPOSURE_SETTINGS, LEVEL_REASONS, TASK_KINDS, TASK_OUTCOMES, type GraphResponse, type ProposalView } from '../../shared/api/cases.js';
import { buildGraphOption, EXPOSURE_EDGE, TRANSMISSION_EDGE } from './graphModel';
import { levelColor } from './levels';
import { groupProposals } from './proposalGroups';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('cases screens', () => {
  // Vietnamese has no plural forms; its _one keys repeat the plain text so both files hold the same keys.
  it('have the same strings in Vietnamese and English', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it('find a name for every status, setting, level reason, task kind and outcome the server sends', () => {
    const wanted = [
      ...CASE_STATUSES.map((s) => `cases.status.${s}`),
      ...EXPOSURE_SETTINGS.map((s) => `cases.setting.${s}`),
      ...LEVEL_REASONS.map((r) => `cases.levelReasons.${r}`),
      ...TASK_KINDS.map((k) => `tracing.taskKind.${k}`),
      ...TASK_OUTCOMES.map((o) => `tracing.outcome.${o}`),
    ];
    expect(wanted.filter((k) => !hasMessage(k))).toEqual([]);
  });

});

describe('transmission graph option', () => {
  const node = (personId: number, level: number, c?: { caseId: number; code: string; status: 'confirmed' | 'died' }) => ({
    personId,
    label: personId === 9 ? null : `Người ${personId}`,
    level,
    caseId: c?.caseId ?? null,
    caseCode: c?.code ?? null,
    caseStatus: c?.status ?? null,
    clusterId: null,
    communeId: 1,
  });
  const data: GraphResponse = {
    nodes: [node(1, 0, { caseId: 11, code: 'BN1', status: 'confirmed' }), node(2, 0, { caseId: 12, code: 'BN2', status: 'died' }), node(3, 1), node(4, 2), node(9, 1)],
    edges: [
      { source: 1, target: 2, setting: 'household', transmission: true },
      { source: 1, target: 3, setting: 'venue', transmission: false },
      { source: 3, target: 4, setting: 'workplace', transmission: false },
      { source: 3, target: 77, setting: 'other', transmission: false },
    ],
    truncated: false,
  };
  const option = buildGraphOption(data, { outside: 'ngoài địa bàn', nodeTooltip: (n) => `<${n.label}>`, edgeTooltip: () => 'e' });
  const series = option.series[0] as { data: Array<Record<string, any>>; links: Array<Record<string, any>>; categories: Array<{ name: string; itemStyle: { color: string } }> };

  it('colours by level (F0 red, F1 orange, F2 yellow) and labels only the cases', () => {
    expect(series.categories.map((c) => c.name)).toEqual(['F0', 'F1', 'F2']);
    expect(series.categories.map((c) => c.itemStyle.color)).toEqual([levelColor(0), levelColor(1), levelColor(2)]);
    expect(series.data.map((n) => n.label.show)).toEqual([true, true, false, false, false]);
    expect(series.data[0].name).toBe('BN1');
    expect(series.data[4].name).toBe('ngoài địa bàn');
  });

  it('shows the case status in the shape and border', () => {
    expect(series.data[0].symbol).toBe('circle');
    expect(series.data[1].symbol).toBe('rect');
    expect(series.data[0].symbolSize).toBeGreaterThan(series.data[2].symbolSize);
  });

  it('draws transmission apart from exposure, and drops edges to people not drawn', () => {
    expect(series.links).toHaveLength(3);
    expect(series.links[0].lineStyle.color).toBe(TRANSMISSION_EDGE.color);
    expect(series.links[0].symbol).toEqual(['none', 'arrow']);
    expect(series.links[1].lineStyle.type).toBe(EXPOSURE_EDGE.type);
    expect(series.links[1].symbol).toEqual(['none', 'none']);
  });

  it('escapes names in tooltips', () => {
    expect(series.data[2].tooltip.formatter).toBe('&#60;Người 3&#62;');
  });
});

describe('proposal groups', () => {
  const proposal = (id: number, visit: number | null, setting: ProposalView['setting'], overlapStart: string | null): ProposalView => ({
    id,
    subject: { id: 1, fullName: 'A', level: 0 },
    candidate: null,
    candidateId: 100 + id,
    candidateLevel: null,
    setting,
    venue: visit ? { id: 5, name: 'Chợ' } : null,
    subjectVisitId: visit,
    overlapStart,
    overlapMinutes: overlapStart ? 30 : null,
    evidence: {},
    status: 'pending',
    decidedAt: null,
  });

  it('puts the candidates of one visit together, in time order, and never mixes a trip into a visit', () => {
    const groups = groupProposals([
      proposal(1, null, 'household', null),
      proposal(2, 8, 'venue', '2021-07-02T03:00:00Z'),
      proposal(3, 7, 'venue', '2021-07-01T03:10:00Z'),
      proposal(4, 7, 'venue', '2021-07-01T03:00:00Z'),
      // a declared trip whose declaration id happens to equal a visit id
      proposal(5, 7, 'vehicle', '2021-07-03T00:00:00Z'),
    ]);
    expect(groups.map((g) => [g.setting, g.visitId, g.rows.map((r) => r.id)])).toEqual([
      ['venue', 7, [3, 4]],
      ['venue', 8, [2]],
      ['vehicle', null, [5]],
      ['household', null, [1]],
    ]);
    expect(groups[0].from).toBe('2021-07-01T03:00:00Z');
  });
});
