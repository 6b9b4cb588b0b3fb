import type { ReactNode } from 'react';
import { Collapse, Descriptions, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProfileRules } from '../../shared/profiles/rules.js';
import { isUnverified } from '../../shared/profiles/paths.js';
import { formatDate } from '../../shared/vn/dates.js';
import { currentLang } from '../i18n';
import { formatNumber } from '../components/format';

type Sources = ProfileRules['sources'];

const SECTIONS = [
  'caseDefinition',
  'contacts',
  'quarantine',
  'vaccinationStatus',
  'testing',
  'riskLevels',
  'distancing',
  'transport',
  'vaccination',
  'treatment',
  'declaration',
  'retention',
  'support',
] as const;

/** Which message group (profiles.<group>.<value>) translates the values under a key. */
const ENUM_GROUPS: Record<string, string> = {
  confirmedBy: 'f0Criteria',
  category: 'categories',
  vaccination: 'vaccinationStatuses',
  places: 'places',
  measure: 'coverageMeasures',
  capacityNotMet: 'capacityRules',
  transport: 'transportMeasures',
  exemptPlaces: 'exemptPlaces',
  groupBy: 'groupBy',
  infectiousUntil: 'infectiousUntil',
  measures: 'vitalSigns',
  severities: 'severities',
  test: 'releaseTests',
  format: 'certificateFormats',
  per: 'supportUnits',
};

/** Rule names share the "fields" labels the server's error messages use; structural keys have their own. */
function keyLabel({ t, i18n }: Ctx, key: string): string {
  if (i18n.exists(`fields.${key}`)) return t(`fields.${key}`);
  return t(`ui.profiles.keys.${key}`, { defaultValue: key });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLocalized = (v: unknown): v is { vi: string; en: string } =>
  isRecord(v) && Object.keys(v).length === 2 && typeof v.vi === 'string' && typeof v.en === 'string';

function UnverifiedTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('profiles.unverifiedHint')}>
      <Tag color="orange" style={{ marginInlineStart: 6 }}>
        {t('profiles.unverified')}
      </Tag>
    </Tooltip>
  );
}

/** Renders any part of the rules: labels come from the key names, enum values are translated, source ids show as document numbers. */
function Value({ value, path, keyName, ctx }: { value: unknown; path: string; keyName: string; ctx: Ctx }): ReactNode {
  const { t, i18n } = ctx;
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('ui.common.yes') : t('ui.common.no');
  if (typeof value === 'number') return keyName === 'colour' ? String(value) : formatNumber(value);
  if (typeof value === 'string') {
    if (keyName === 'source') return sourceLabel(ctx.sources, value);
    if (keyName === 'colour') return <Tag color={value}>{value}</Tag>;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    const group = ENUM_GROUPS[keyName];
    return group && i18n.exists(`profiles.${group}.${value}`) ? t(`profiles.${group}.${value}`) : value;
  }
  if (isLocalized(value)) return value[currentLang()];
  if (Array.isArray(value)) {
    if (value.length === 0) return t('ui.profiles.empty');
    if (keyName === 'matrix') return <Matrix rows={value as number[][]} path={path} ctx={ctx} />;
    if (keyName === 'sources') return value.map((id) => <Tag key={String(id)}>{sourceLabel(ctx.sources, String(id))}</Tag>);
    if (value.every((v) => !isRecord(v) && !Array.isArray(v)))
      return value.map((v, i) => (
        <Tag key={i} color={isUnverified(ctx.unverified, `${path}[${i}]`) && !isUnverified(ctx.unverified, path) ? 'orange' : undefined}>
          <Value value={v} path={`${path}[${i}]`} keyName={keyName} ctx={ctx} />
        </Tag>
      ));
    return (
      <div style={{ display: 'grid', gap: 12, width: '100%' }}>
        {value.map((item, i) => (
          <Fields key={i} value={item as Record<string, unknown>} path={`${path}[${i}]`} title={itemTitle(item, i, ctx)} ctx={ctx} />
        ))}
      </div>
    );
  }
  if (isRecord(value)) return <Fields value={value} path={path} ctx={ctx} />;
  return String(value);
}

function itemTitle(item: unknown, i: number, ctx: Ctx): string {
  if (!isRecord(item)) return ctx.t('ui.profiles.item', { n: i + 1 });
  const name = isLocalized(item.name) ? item.name[currentLang()] : typeof item.name === 'string' ? item.name : null;
  return [`${i + 1}.`, name ?? (typeof item.id === 'string' ? item.id : typeof item.code === 'string' ? item.code : '')].join(' ');
}

function sourceLabel(sources: Sources, id: string): string {
  return sources.find((s) => s.id === id)?.number ?? id;
}

/** Values that read well on one line of a label/value table; the rest get a block of their own. */
function isSimple(key: string, v: unknown): boolean {
  if (key === 'matrix') return false;
  if (Array.isArray(v)) return v.every((x) => !isRecord(x) && !Array.isArray(x));
  return !isRecord(v) || isLocalized(v);
}

function Fields({ value, path, title, ctx }: { value: Record<string, unknown>; path: string; title?: string; ctx: Ctx }) {
  const entries = Object.entries(value);
  const simple = entries.filter(([k, v]) => isSimple(k, v));
  const blocks = entries.filter(([k, v]) => !isSimple(k, v));
  const label = (k: string, p: string) => (
    <span>
      {keyLabel(ctx, k)}
      {isUnverified(ctx.unverified, p) && !isUnverified(ctx.unverified, path) && <UnverifiedTag />}
    </span>
  );
  return (
    <div className="rule-fields">
      {title && (
        <div className="rule-title">
          {title}
          {isUnverified(ctx.unverified, path) && <UnverifiedTag />}
        </div>
      )}
      {simple.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          styles={{ label: { width: '40%' } }}
          items={simple.map(([k, v]) => {
            const p = path ? `${path}.${k}` : k;
            return { key: k, label: label(k, p), children: <Value value={v} path={p} keyName={k} ctx={ctx} /> };
          })}
        />
      )}
      {blocks.map(([k, v]) => {
        const p = path ? `${path}.${k}` : k;
        return (
          <section key={k} className="rule-block">
            <div className="rule-block-title">{label(k, p)}</div>
            <Value value={v} path={p} keyName={k} ctx={ctx} />
          </section>
        );
      })}
    </div>
  );
}

function Matrix({ rows, path, ctx }: { rows: number[][]; path: string; ctx: Ctx }) {
  const { t } = ctx;
  const cols = Math.max(...rows.map((r) => r.length));
  return (
    <Table<{ key: number; cells: number[] }>
      size="small"
      bordered
      pagination={false}
      scroll={{ x: true }}
      dataSource={rows.map((cells, i) => ({ key: i, cells }))}
      columns={[
        { title: '', key: 'band', render: (_, r) => t('ui.profiles.matrixRow', { n: r.key + 1 }) },
        ...Array.from({ length: cols }, (_, c) => ({
          title: t('ui.profiles.matrixCol', { n: c + 1 }),
          key: String(c),
          render: (_: unknown, r: { key: number; cells: number[] }) => (
            <Tag color={isUnverified(ctx.unverified, `${path}[${r.key}][${c}]`) && !isUnverified(ctx.unverified, path) ? 'orange' : undefined}>{r.cells[c]}</Tag>
          ),
        })),
      ]}
    />
  );
}

interface Ctx {
  t: ReturnType<typeof useTranslation>['t'];
  i18n: ReturnType<typeof useTranslation>['i18n'];
  sources: Sources;
  unverified: readonly string[];
}

/** A profile version's rules, one collapsible section per area, with every unverified value tagged. */
export default function RulesView({ rules }: { rules: ProfileRules }) {
  const { t, i18n } = useTranslation();
  const ctx: Ctx = { t, i18n, sources: rules.sources, unverified: rules.unverified };
  const countIn = (section: string) => rules.unverified.filter((u) => u === section || u.startsWith(`${section}.`) || u.startsWith(`${section}[`)).length;

  return (
    <Collapse
      defaultActiveKey={['caseDefinition']}
      items={[
        ...SECTIONS.map((s) => ({
          key: s,
          label: (
            <span>
              {t(`profiles.sections.${s}`)}
              {countIn(s) > 0 && (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  {t('ui.profiles.unverifiedCount', { count: countIn(s) })}
                </Tag>
              )}
            </span>
          ),
          children: <Value value={rules[s]} path={s} keyName={s} ctx={ctx} />,
        })),
        {
          key: 'sources',
          label: t('profiles.sections.sources'),
          children: (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 600 }}
              dataSource={rules.sources}
              columns={[
                { title: t('ui.profiles.sourceNumber'), dataIndex: 'number', width: 180 },
                { title: t('ui.profiles.sourceIssued'), dataIndex: 'issued', width: 120, render: (d: string | null) => (d ? formatDate(d) : '—') },
                { title: t('ui.profiles.sourceTitle'), dataIndex: 'title', render: (x: { vi: string; en: string }) => x[currentLang()] },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
