import commonVi from './messages/common.vi.json';
import commonEn from './messages/common.en.json';
import authVi from './messages/auth.vi.json';
import authEn from './messages/auth.en.json';
import geoVi from './messages/geo.vi.json';
import geoEn from './messages/geo.en.json';
import peopleVi from './messages/people.vi.json';
import peopleEn from './messages/people.en.json';
import uiVi from './messages/ui.vi.json';
import uiEn from './messages/ui.en.json';
import profilesVi from './messages/profiles.vi.json';
import profilesEn from './messages/profiles.en.json';
import citizenVi from './messages/citizen.vi.json';
import citizenEn from './messages/citizen.en.json';
import declarationsVi from './messages/declarations.vi.json';
import declarationsEn from './messages/declarations.en.json';
import checkinsVi from './messages/checkins.vi.json';
import checkinsEn from './messages/checkins.en.json';
import casesVi from './messages/cases.vi.json';
import casesEn from './messages/cases.en.json';
import tracingVi from './messages/tracing.vi.json';
import tracingEn from './messages/tracing.en.json';
import casesWebVi from './messages/cases-web.vi.json';
import casesWebEn from './messages/cases-web.en.json';
import testingVi from './messages/testing.vi.json';
import testingEn from './messages/testing.en.json';
import certificatesVi from './messages/certificates.vi.json';
import certificatesEn from './messages/certificates.en.json';
import testingWebVi from './messages/testing-web.vi.json';
import testingWebEn from './messages/testing-web.en.json';
import labWebVi from './messages/lab-web.vi.json';
import labWebEn from './messages/lab-web.en.json';
import quarantineVi from './messages/quarantine.vi.json';
import quarantineEn from './messages/quarantine.en.json';
import quarantineMonitoringVi from './messages/quarantine-monitoring.vi.json';
import quarantineMonitoringEn from './messages/quarantine-monitoring.en.json';
import quarantineWebVi from './messages/quarantine-web.vi.json';
import quarantineWebEn from './messages/quarantine-web.en.json';
import quarantineMonitoringWebVi from './messages/quarantine-monitoring-web.vi.json';
import quarantineMonitoringWebEn from './messages/quarantine-monitoring-web.en.json';
import citizenHealthReportVi from './messages/citizen-health-report.vi.json';
import citizenHealthReportEn from './messages/citizen-health-report.en.json';

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];
type Tree = { [k: string]: string | Tree };

/**
 * Messages of every capability, Vietnamese first. Each capability keeps its own pair of files in
 * messages/ (<capability>.vi.json and .en.json) under its own top-level keys.
 */
const bundles: Record<Lang, Tree[]> = {
  vi: [commonVi, authVi, geoVi, peopleVi, uiVi, profilesVi, declarationsVi, citizenVi, checkinsVi, casesVi, tracingVi, casesWebVi, testingVi, certificatesVi, labWebVi, testingWebVi, quarantineVi, quarantineMonitoringVi, quarantineWebVi, quarantineMonitoringWebVi, citizenHealthReportVi],
  en: [commonEn, authEn, geoEn, peopleEn, uiEn, profilesEn, declarationsEn, citizenEn, checkinsEn, casesEn, tracingEn, casesWebEn, testingEn, certificatesEn, labWebEn, testingWebEn, quarantineEn, quarantineMonitoringEn, quarantineWebEn, quarantineMonitoringWebEn, citizenHealthReportEn],
};

function deepMerge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = typeof v === 'object' && typeof cur === 'object' ? deepMerge(cur, v) : v;
  }
  return into;
}

let cache: Record<Lang, Tree> | undefined;
export function resources(): Record<Lang, Tree> {
  cache ??= {
    vi: bundles.vi.reduce((acc, b) => deepMerge(acc, structuredClone(b)), {} as Tree),
    en: bundles.en.reduce((acc, b) => deepMerge(acc, structuredClone(b)), {} as Tree),
  };
  return cache;
}

function lookup(tree: Tree, key: string): string | undefined {
  let cur: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return typeof cur === 'string' ? cur : undefined;
}

export function hasMessage(key: string): boolean {
  return lookup(resources().vi, key) !== undefined;
}

/** Translates a key with {{name}} parameters (the i18next syntax, so the web shares the files). */
export function translate(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  const text = lookup(resources()[lang], key) ?? lookup(resources().vi, key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function pickLang(header: string | undefined | null): Lang {
  if (!header) return 'vi';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
