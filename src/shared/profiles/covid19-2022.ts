// COVID-19 rules in force from 21/2/2022: F1 quarantine of 762/BYT-DP and the risk levels of
// 218/QĐ-BYT. The 1909/BYT-DP change of 15/4/2022 (F1 within 1 m, no F1 quarantine) is a
// separate version to save when a province adopts it.
import type { DefaultProfile } from './default-profile.js';
import { COVID19_SOURCES } from './covid19-sources.js';
import * as c from './covid19-common.js';

export const covid19Profile2022: DefaultProfile = {
  disease: 'covid-19',
  version: 2,
  label: 'COVID-19 – quy định năm 2022',
  effectiveFrom: '2022-02-21',
  notes:
    'Cách ly F1 theo 762/BYT-DP; cấp độ dịch theo 218/QĐ-BYT; F0 ra viện sau 7 ngày + test nhanh âm tính. ' +
    'Từ 15/4/2022 (1909/BYT-DP) F1 là người tiếp xúc trong phạm vi 1 m và không còn cách ly F1: lưu một phiên bản mới có hiệu lực từ 15/4/2022 để áp dụng.\n' +
    'F1 quarantine per 762/BYT-DP; risk levels per 218/QĐ-BYT; F0 released after 7 days + negative rapid test. ' +
    'From 15/4/2022 (1909/BYT-DP) an F1 is a contact within 1 m and F1s are no longer quarantined: save a new version effective 15/4/2022 to apply it.',
  rules: {
    sources: COVID19_SOURCES,
    unverified: [
      ...c.commonUnverified,
      'quarantine.rules[0].places',
      'quarantine.rules[0].signAtHome',
      'quarantine.rules[1].places',
      'quarantine.rules[1].signAtHome',
      'quarantine.rules[2]',
      'quarantine.rules[3]',
      'riskLevels.caseBands[1]',
      'riskLevels.caseBands[2]',
      'riskLevels.caseBands[3]',
      'riskLevels.coverage.measure',
      'riskLevels.coverage.alsoRequired[0].measure',
      'riskLevels.matrix',
      'riskLevels.capacityNotMet',
    ],
    caseDefinition: c.caseDefinition,
    contacts: c.contacts,
    tracing: c.tracing,
    quarantine: {
      rules: [
        {
          id: 'f1-vaccinated-2022-02',
          category: 'close_contact',
          vaccination: 'fully_vaccinated',
          places: ['home'],
          days: 5,
          monitoringDays: 5,
          testDays: [5],
          signAtHome: false,
          from: null,
          until: null,
          source: '762-byt-dp',
        },
        {
          id: 'f1-other-2022-02',
          category: 'close_contact',
          vaccination: 'not_fully_vaccinated',
          places: ['home'],
          days: 7,
          monitoringDays: 3,
          testDays: [7],
          signAtHome: false,
          from: null,
          until: null,
          source: '762-byt-dp',
        },
        // Arrivals: the 2021 rules carried over; the 2022 arrival rules are not in the reference.
        {
          id: 'arrival-vaccinated',
          category: 'arrival_abroad',
          vaccination: 'fully_vaccinated',
          places: ['centralized'],
          days: 7,
          monitoringDays: 7,
          testDays: [1, 7],
          signAtHome: false,
          from: null,
          until: null,
          source: '6288-byt-mt',
        },
        {
          id: 'arrival-other',
          category: 'arrival_abroad',
          vaccination: 'not_fully_vaccinated',
          places: ['centralized'],
          days: 14,
          monitoringDays: 14,
          testDays: [1, 7, 14],
          signAtHome: false,
          from: null,
          until: null,
          source: 'moh-2020',
        },
      ],
      allocation: c.quarantineAllocation,
      sources: ['762-byt-dp'],
    },
    vaccinationStatus: c.vaccinationStatus,
    testing: c.testing,
    riskLevels: {
      model: { name: { vi: 'Cấp độ dịch theo Quyết định 218/QĐ-BYT', en: 'Epidemic levels under Decision 218/QĐ-BYT' }, decision: '218/QĐ-BYT' },
      levels: c.levels,
      caseBands: [
        { min: 0, minInclusive: true },
        { min: 20, minInclusive: true },
        { min: 50, minInclusive: true },
        { min: 150, minInclusive: true },
        // Level 4 needs more than 600 new cases per 100,000 per week.
        { min: 600, minInclusive: false },
      ],
      coverage: {
        measure: 'adults_fully_vaccinated',
        thresholds: [75],
        alsoRequired: [{ measure: 'high_risk_fully_vaccinated', minPct: 90 }],
      },
      // Rows: case bands; columns: coverage not met, met. Only the last band reaches level 4.
      matrix: [
        [2, 1],
        [2, 2],
        [3, 2],
        [3, 3],
        [4, 4],
      ],
      escalation: null,
      capacityNotMet: 'no_lowering',
      aggregation: c.aggregation,
      sources: ['128-nq-cp', '218-qd-byt', '2686-qd-bcdqg'],
    },
    distancing: c.distancing,
    transport: c.transport,
    vaccination: { ...c.vaccinationCommon, products: [c.astraZeneca(28), ...c.productsAfterAstraZeneca] },
    treatment: {
      ...c.treatmentCommon,
      homeCare: c.homeCare('261-qd-byt'),
      warningSigns: c.warningSigns('261-qd-byt'),
      release: { days: 7, test: 'rapid_antigen_negative', sources: ['762-byt-dp'] },
    },
    declaration: c.declaration,
    retention: c.retention,
    support: c.support,
  },
};
