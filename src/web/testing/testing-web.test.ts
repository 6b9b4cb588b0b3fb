import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import vi from '../../shared/i18n/messages/testing-web.vi.json';
import en from '../../shared/i18n/messages/testing-web.en.json';
import { hasMessage } from '../../shared/i18n/index.js';
import { campaignInput, codeFromBytes, POOL_GROUPS, POOLING, SAMPLE_STATES, SITE_KINDS, TARGET_KINDS, TEST_RESULTS, TEST_TYPES } from '../../shared/api/testing.js';
import { addToBatch, campaignFormField, campaignPhase, compactHistory, labelProblem, progressPct, readCode, runsOn, spacedCode, targetInput } from './model';
import { TESTING_TABS, testingTabOf } from './tabs';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('testing screens: campaigns, sampling, custody', () => {
  it('have the same strings in Vietnamese and English, and a name for everything the server sends', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
    const wanted = [
      ...TARGET_KINDS.map((k) => `testingUi.targetKind.${k}`),
      ...TARGET_KINDS.map((k) => `testingUi.targetHint.${k}`),
      ...POOLING.map((p) => `testingUi.pooling.${p}`),
      ...POOL_GROUPS.map((g) => `testingUi.poolGroup.${g}`),
      ...SITE_KINDS.map((k) => `testingUi.siteKind.${k}`),
      ...SAMPLE_STATES.map((s) => `testing.state.${s}`),
      ...TEST_RESULTS.map((r) => `testing.result.${r}`),
      ...TEST_TYPES.map((x) => `testing.testType.${x}`),
      ...TESTING_TABS.map((tab) => `testingUi.tabs.${tab.key}`),
      ...['doc', 'phone_name', 'name_birth_commune'].map((m) => `testingUi.sampling.matched.${m}`),
    ];
    expect(wanted.filter((k) => !hasMessage(k))).toEqual([]);
  });

  it('builds every kind of target the server takes, from the form', () => {
    const base = { name: 'Sàng lọc chợ Hạ Long 1', unitId: 5, startsOn: '2021-09-20', endsOn: '2021-09-26', siteIds: [1] };
    const window: [string, string] = ['2021-09-13T00:00:00.000Z', '2021-09-20T00:00:00.000Z'];
    const targets = [
      targetInput({ kind: 'commune_population', communeId: 7 }),
      targetInput({ kind: 'venue_visitors', venueId: 3, window }),
      targetInput({ kind: 'factory_workers', venueId: 4, window }),
      targetInput({ kind: 'cluster_contacts', clusterId: 2, levels: [2, 1] }),
      targetInput({ kind: 'explicit', personIds: [11, 12] }),
    ];
    expect(targets.map((t) => t.kind)).toEqual([...TARGET_KINDS]);
    for (const target of targets) expect(campaignInput.safeParse({ ...base, target }).success).toBe(true);
    expect(targets[1]).toEqual({ kind: 'venue_visitors', venueId: 3, from: window[0], to: window[1] });
    expect(targets[3]).toEqual({ kind: 'cluster_contacts', clusterId: 2, levels: [1, 2] });
    // Nothing chosen yet: the server refuses and names the field, which lands on the form's field.
    const missing = campaignInput.safeParse({ ...base, target: targetInput({ kind: 'venue_visitors' }) });
    expect(missing.success).toBe(false);
    expect(campaignFormField(missing.error!.issues[0].path.join('.'))).toEqual(['target', 'venueId']);
    expect(campaignFormField('siteIds[1]')).toEqual(['siteIds']);
    expect(campaignFormField('endsOn')).toEqual(['dates']);
    expect(campaignFormField('target.to')).toEqual(['target', 'window']);
    expect(campaignFormField('somethingElse')).toBeNull();
  });

  it('reads labels as printed, typed or scanned, and refuses a mistyped one before asking', () => {
    const code = codeFromBytes('sample', randomBytes(5));
    const pool = codeFromBytes('pool', randomBytes(5));
    expect(spacedCode(code)).toMatch(/^S\w{3}-\w{4}-\w{2}$/);
    expect(readCode(` ${spacedCode(code).toLowerCase()} `)).toEqual({ code, kind: 'sample' });
    const wrong = code.slice(0, 9) + (code[9] === '0' ? '1' : '0');
    expect(readCode(wrong).kind).toBeNull();
    expect(labelProblem('', 'sample')).toBeNull();
    expect(labelProblem(wrong, 'sample')).toBe('invalid');
    expect(labelProblem(pool, 'sample')).toBe('wrongKind');
    expect(labelProblem(pool, 'pool')).toBeNull();

    let batch = addToBatch([], code);
    expect(batch).toEqual({ codes: [code], problem: null });
    batch = addToBatch(batch.codes, spacedCode(pool));
    expect(batch.codes).toEqual([code, pool]);
    expect(addToBatch(batch.codes, code.toLowerCase())).toEqual({ codes: [code, pool], problem: 'repeated' });
    expect(addToBatch(batch.codes, wrong)).toEqual({ codes: [code, pool], problem: 'invalid' });
  });

  it('tells where a campaign stands and how far its sampling is', () => {
    const c = { status: 'active' as const, startsOn: '2021-09-20', endsOn: '2021-09-26' };
    expect(['2021-09-19', '2021-09-20', '2021-09-26', '2021-09-27'].map((d) => campaignPhase(c, d))).toEqual(['scheduled', 'running', 'running', 'ended']);
    expect(campaignPhase({ ...c, status: 'closed' }, '2021-09-21')).toBe('closed');
    expect(runsOn(c, '2021-09-26')).toBe(true);
    expect(runsOn({ ...c, status: 'closed' }, '2021-09-22')).toBe(false);
    expect(progressPct({ members: 0, sampledMembers: 0 })).toBe(0);
    expect(progressPct({ members: 3, sampledMembers: 1 })).toBe(33);
    expect(progressPct({ members: 3, sampledMembers: 3 })).toBe(100);
  });

  it('shows the history of a pool one line per run of the same move, samples added up', () => {
    const e = (toState: string, at: string, accountName: string, samples = 1, fromState: string | null = null, labName: string | null = null) => ({ fromState, toState, at, accountName, labName, samples });
    const lines = compactHistory([
      e('collected', '2021-09-20T01:00:00Z', 'an'),
      e('collected', '2021-09-20T01:05:00Z', 'an'),
      e('collected', '2021-09-20T01:10:00Z', 'binh'),
      e('collected', '2021-09-20T01:20:00Z', 'an'),
      e('sent', '2021-09-20T02:00:00Z', 'an', 4, 'collected', 'CDC'),
    ]);
    expect(lines.map((l) => [l.toState, l.accountName, l.samples, l.at, l.until])).toEqual([
      ['collected', 'an', 2, '2021-09-20T01:00:00Z', '2021-09-20T01:05:00Z'],
      ['collected', 'binh', 1, '2021-09-20T01:10:00Z', null],
      ['collected', 'an', 1, '2021-09-20T01:20:00Z', null],
      ['sent', 'an', 4, '2021-09-20T02:00:00Z', null],
    ]);
  });

  it('highlights the tab of the page, sub-pages included', () => {
    expect(testingTabOf('/testing')).toBe('campaigns');
    expect(testingTabOf('/testing/campaigns/12')).toBe('campaigns');
    expect(testingTabOf('/testing/sampling')).toBe('sampling');
    expect(testingTabOf('/testing/case-proposals')).toBe('caseProposals');
  });
});
