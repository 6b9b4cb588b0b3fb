// Parts of the COVID-19 rules that did not change between the 2021 and 2022 default profiles.
import { DEFAULT_QUARANTINE_ALLOCATION, DEFAULT_TRACING, type ProfileRules } from './rules.js';

const l = (vi: string, en: string) => ({ vi, en });
const item = (code: string, vi: string, en: string) => ({ code, name: l(vi, en) });

export const caseDefinition: ProfileRules['caseDefinition'] = {
  confirmedBy: ['rt_pcr_positive', 'f1_rapid_positive', 'symptoms_rapid_epi_link', 'two_rapid_positive'],
  repeatRapidWithinHours: 8,
  sources: ['11042-byt-dp'],
};

export const contacts: ProfileRules['contacts'] = {
  closeContactDistanceM: 2,
  maskedMinMinutes: 15,
  unmaskedAnyDuration: true,
  bodyContactIsClose: true,
  caregiverWithoutPpeIsClose: true,
  secondaryDistanceM: 2,
  infectiousDaysBeforeOnset: 2,
  infectiousDaysBeforePositiveSample: 2,
  infectiousUntil: 'negative_test',
  maxTracingLevel: 2,
  escalateOnPositive: true,
  sources: ['11042-byt-dp', '3638-qd-byt', '5053-qd-byt'],
};

export const vaccinationStatus: ProfileRules['vaccinationStatus'] = {
  minDaysAfterLastDose: 14,
  maxMonthsAfterLastDose: 6,
  maxMonthsForArrivals: 12,
  recoveredWithinMonths: 6,
  sources: ['10696-byt-mt', '6288-byt-mt'],
};

export const testing: ProfileRules['testing'] = {
  pooling: {
    lowRiskPoolSize: 10,
    highRiskPoolSize: 5,
    groupBy: ['household', 'building'],
    retestMembersIndividually: true,
    sources: ['3486-qd-byt', 'hcmc-2021-08'],
  },
  // "3 times a week" is encoded as every 2 to 3 days.
  screening: [
    { levels: [3, 4], minIntervalDays: 2, maxIntervalDays: 3, source: 'moh-2021-09' },
    { levels: [1, 2], minIntervalDays: 5, maxIntervalDays: 7, source: 'moh-2021-09' },
  ],
  certificateValidityHours: 72,
  sources: ['7630-bgtvt-vt'],
};

export const levels: ProfileRules['riskLevels']['levels'] = [
  { level: 1, code: 'low', name: l('Cấp 1 – Nguy cơ thấp (bình thường mới)', 'Level 1 – Low risk (new normal)'), colour: '#43a047' },
  { level: 2, code: 'medium', name: l('Cấp 2 – Nguy cơ trung bình', 'Level 2 – Medium risk'), colour: '#fdd835' },
  { level: 3, code: 'high', name: l('Cấp 3 – Nguy cơ cao', 'Level 3 – High risk'), colour: '#fb8c00' },
  { level: 4, code: 'very_high', name: l('Cấp 4 – Nguy cơ rất cao', 'Level 4 – Very high risk'), colour: '#e53935' },
];

/** The district rule of Decision 2686, with its "high / at risk / very high" mapped to levels 3 / 2 / 4. */
export const aggregation: ProfileRules['riskLevels']['aggregation'] = [
  { level: 3, childLevel: 3, minSharePct: 30, minCount: null },
  { level: 3, childLevel: 2, minSharePct: 50, minCount: null },
  { level: 3, childLevel: 4, minSharePct: null, minCount: 1 },
];

export const distancing: ProfileRules['distancing'] = {
  regimes: [
    {
      id: 'ct-15',
      name: l('Chỉ thị 15', 'Directive 15'),
      maxPerRoom: 20,
      maxOutdoors: 9,
      exemptPlaces: [],
      crowdsBanned: false,
      stayHome: false,
      distanceM: 2,
      transport: 'limit_from_affected_areas',
      goodsTransportBlocked: false,
      durationDays: null,
      source: 'ct-15',
    },
    {
      id: 'ct-16',
      name: l('Chỉ thị 16', 'Directive 16'),
      maxPerRoom: null,
      maxOutdoors: 2,
      exemptPlaces: [],
      crowdsBanned: true,
      stayHome: true,
      distanceM: 2,
      transport: 'public_transport_stopped',
      goodsTransportBlocked: false,
      durationDays: null,
      source: 'ct-16',
    },
    {
      id: 'ct-19',
      name: l('Chỉ thị 19', 'Directive 19'),
      maxPerRoom: null,
      maxOutdoors: null,
      exemptPlaces: [],
      crowdsBanned: true,
      stayHome: false,
      distanceM: 1,
      transport: 'none',
      goodsTransportBlocked: false,
      durationDays: null,
      source: 'ct-19',
    },
    {
      id: 'very-high-2686',
      name: l('Nguy cơ rất cao (2686/QĐ-BCĐQG)', 'Very high risk (2686/QĐ-BCĐQG)'),
      maxPerRoom: 2,
      maxOutdoors: 2,
      exemptPlaces: ['office', 'school', 'hospital'],
      crowdsBanned: true,
      stayHome: false,
      distanceM: 2,
      transport: 'public_transport_stopped',
      goodsTransportBlocked: false,
      durationDays: 14,
      source: '2686-qd-bcdqg',
    },
  ],
  sources: ['ct-15', 'ct-16', 'ct-19', '2686-qd-bcdqg'],
};

export const transport: ProfileRules['transport'] = {
  greenLane: {
    testValidityHours: 72,
    qrCertificatePassesWithoutInspection: true,
    othersShowDeclaration: true,
    sources: ['7630-bgtvt-vt', '5187-vpcp-cn'],
  },
};

export const priorityGroups: ProfileRules['vaccination']['priorityGroups'] = [
  l('Nhân viên y tế, lực lượng tuyến đầu chống dịch, quân đội, công an', 'Frontline health and anti-epidemic staff, army, police'),
  l('Cán bộ ngoại giao, hải quan, xuất nhập cảnh', 'Diplomats, customs, immigration'),
  l('Dịch vụ thiết yếu: hàng không, vận tải, du lịch, điện, nước', 'Essential services: aviation, transport, tourism, power, water'),
  l('Giáo viên, người làm việc tại cơ quan hành chính tiếp xúc nhiều người', 'Teachers and public-facing officials'),
  l('Người mắc bệnh mạn tính, người trên 65 tuổi', 'The chronically ill and people over 65'),
  l('Người sinh sống tại vùng có dịch', 'People in outbreak areas'),
  l('Người nghèo, đối tượng chính sách xã hội', 'The poor and social-policy beneficiaries'),
  l('Người đi công tác, học tập, lao động ở nước ngoài', 'People going abroad for work or study'),
  l('Đối tượng khác do Bộ Y tế quyết định', 'Others as decided by the Ministry of Health'),
].map((name, i) => ({ rank: i + 1, name }));

const vaccine = (id: string, name: string, doses: number, minDays: number, maxDays: number) => ({
  id,
  name,
  doses,
  interval: { minDays, maxDays },
  intervalChanges: [],
  source: '3588-qd-byt',
});

/** AstraZeneca is first and Abdala last: the profiles flag them by index. */
export const productsAfterAstraZeneca: ProfileRules['vaccination']['products'] = [
  vaccine('sputnik-v', 'Sputnik V', 2, 21, 21),
  vaccine('pfizer', 'Pfizer-BioNTech (Comirnaty)', 2, 21, 21),
  vaccine('vero-cell', 'Sinopharm Vero Cell', 2, 21, 28),
  vaccine('moderna', 'Moderna (Spikevax)', 2, 28, 28),
  vaccine('abdala', 'Abdala', 3, 14, 14),
];
export const astraZeneca = (minDays: number) => vaccine('astrazeneca', 'AstraZeneca (Vaxzevria)', 2, minDays, 84);

export const vaccinationCommon = {
  priorityGroups,
  boosterMinMonths: 6,
  observation: { onSiteMinutes: 30, homeHours: 24, recordAdverseEvents: true },
  certificate: { format: 'eu_dcc', validityMonths: 12, source: '5772-qd-byt' },
  coverageTargets: [
    { area: 'Quảng Ninh', minAgeYears: 18, targetPct: 90, by: '2021-12-31', source: 'seed-quang-ninh' },
    { area: 'Điện Biên', minAgeYears: 18, targetPct: 100, by: null, source: 'seed-dien-bien' },
  ],
  sources: ['21-nq-cp', '3588-qd-byt', '5772-qd-byt'],
} satisfies Omit<ProfileRules['vaccination'], 'products'>;

export const warningSigns = (source: string): ProfileRules['treatment']['warningSigns'] => ({
  respiratoryRate: [
    { fromYears: 12, toYears: null, minRate: 21 },
    { fromYears: 1, toYears: 5, minRate: 40 },
    { fromYears: 5, toYears: 12, minRate: 30 },
  ],
  spo2Below: 96,
  pulseAbove: 120,
  pulseBelow: 50,
  systolicBelow: 90,
  diastolicBelow: 60,
  symptoms: [
    item('chest_pain', 'Đau tức ngực', 'Chest pain'),
    item('altered_consciousness', 'Thay đổi ý thức', 'Altered consciousness'),
    item('cyanosis', 'Tím tái', 'Cyanosis'),
    item('unable_to_drink', 'Không uống được', 'Unable to drink'),
  ],
  sources: [source],
});

export const treatmentCommon = {
  monitoring: { timesPerDay: 2, measures: ['respiratory_rate', 'pulse', 'temperature', 'spo2', 'blood_pressure'] },
  tiers: [
    { tier: 1, name: l('Tầng 1', 'Tier 1'), severities: ['asymptomatic', 'mild'], places: [l('Bệnh viện dã chiến', 'Field hospitals'), l('Tại nhà', 'At home')] },
    { tier: 2, name: l('Tầng 2', 'Tier 2'), severities: ['moderate'], places: [l('Bệnh viện tuyến huyện trở lên', 'District hospitals and above')] },
    { tier: 3, name: l('Tầng 3', 'Tier 3'), severities: ['severe', 'critical'], places: [l('Hồi sức tích cực (ICU)', 'Intensive care (ICU)')] },
  ],
  sources: ['moh-2021-08-tiers'],
} satisfies Pick<ProfileRules['treatment'], 'monitoring' | 'tiers' | 'sources'>;

export const homeCare = (source: string): ProfileRules['treatment']['homeCare'] => ({
  severities: ['asymptomatic', 'mild'],
  maxRespiratoryRate: 20,
  minSpo2: 96,
  sources: [source],
});

export const declaration: ProfileRules['declaration'] = {
  lookbackDays: 14,
  symptoms: [
    item('fever', 'Sốt', 'Fever'),
    item('cough', 'Ho', 'Cough'),
    item('shortness_of_breath', 'Khó thở', 'Shortness of breath'),
    item('pneumonia', 'Viêm phổi', 'Pneumonia'),
    item('sore_throat', 'Đau họng', 'Sore throat'),
    item('fatigue', 'Mệt mỏi', 'Fatigue'),
  ],
  exposureQuestions: [
    item('contact_sick_or_suspected', 'Tiếp xúc người bệnh hoặc nghi ngờ mắc bệnh', 'Contact with a sick or suspected person'),
    item('contact_from_affected_country', 'Tiếp xúc người từ nước có bệnh', 'Contact with a person from an affected country'),
    item('contact_with_symptoms', 'Tiếp xúc người có biểu hiện sốt, ho, khó thở', 'Contact with a person with fever, cough or shortness of breath'),
  ],
  sources: ['tokhaiyte'],
};

/** A platform default, not an official rule: how long check-ins and declarations are kept. */
export const retention: ProfileRules['retention'] = { checkInDays: 30, declarationDays: 30 };

export const support: ProfileRules['support'] = {
  items: [
    { code: 'suspended_15_days', name: l('Tạm hoãn HĐLĐ / nghỉ không lương từ 15 ngày đến dưới 1 tháng', 'Suspended contract / unpaid leave, 15 days to < 1 month'), amountVnd: 1_855_000, per: 'once', source: '68-nq-cp' },
    { code: 'suspended_1_month', name: l('Tạm hoãn HĐLĐ / nghỉ không lương từ 1 tháng trở lên', 'Suspended contract / unpaid leave, ≥ 1 month'), amountVnd: 3_710_000, per: 'once', source: '68-nq-cp' },
    { code: 'f0_f1_daily', name: l('Điều trị F0 / cách ly F1', 'F0 treatment / F1 quarantine'), amountVnd: 80_000, per: 'per_day', source: '68-nq-cp', maxDays: { f0: 45, f1: 21 } },
    { code: 'child_f0_f1', name: l('Trẻ em dưới 16 tuổi là F0/F1 (thêm)', 'Children under 16 who are F0/F1 (extra)'), amountVnd: 1_000_000, per: 'once', source: '68-nq-cp' },
    { code: 'household_business', name: l('Hộ kinh doanh', 'Household businesses'), amountVnd: 3_000_000, per: 'once', source: '68-nq-cp' },
  ],
  sources: ['68-nq-cp'],
};

/** Flags that hold in both profiles (indices as laid out above). */
/** Venue overlap follows the masked-contact minutes of 11042; the task deadlines are the platform's reading of 5053. */
export const tracing: ProfileRules['tracing'] = {
  ...DEFAULT_TRACING,
  tasks: DEFAULT_TRACING.tasks.map((t) => ({ ...t })),
  sources: ['11042-byt-dp', '5053-qd-byt'],
};

/** The platform's reading of "no cross-infection inside facilities"; no document fixes these switches. */
export const quarantineAllocation: ProfileRules['quarantine']['allocation'] = { ...DEFAULT_QUARANTINE_ALLOCATION };

export const commonUnverified = [
  'quarantine.allocation',
  'tracing.assumedStayMinutes',
  'tracing.tasks',
  'tracing.clusterMinCases',
  'tracing.crowdSize',
  'riskLevels.aggregation',
  'vaccination.products[5].interval',
  'vaccination.products[5].doses',
  'treatment.warningSigns.respiratoryRate[0].fromYears',
  'support.items[2].amountVnd',
  'support.items[2].maxDays',
  'support.items[3].amountVnd',
  'support.items[4].amountVnd',
];
