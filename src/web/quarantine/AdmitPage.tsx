import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { CheckOutlined, ExperimentOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ADMISSION_SOURCES, ADMISSION_VACCINATION, ARRIVAL_CATEGORIES, isTreatmentKind, type AdmissionResult, type AdmittedStay, type AdmitInput } from '../../shared/api/quarantine.js';
import type { z } from 'zod';
import type { listContactsResponse } from '../../shared/api/cases.js';
import { QUARANTINE_CATEGORIES } from '../../shared/profiles/rules.js';
import type { PersonSummary } from '../../shared/api/people.js';
import { formatDate } from '../../shared/vn/dates.js';
import { api, ApiError } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { formatNumber } from '../components/format';
import CaseSelect from '../cases/CaseSelect';
import { enterConfirmsDates, testRow } from '../cases/domProps';
import AdmitPeople from './AdmitPeople';
import { admitBody, admitField, sameAdmission, type AdmitChoice } from './model';
import { useFacilities, useRefresh } from './queries';
import QuarantineTabs from './QuarantineTabs';
import { CohortTag } from './tags';

interface Values {
  facility?: number | 'home';
  source: AdmitInput['source'];
  caseId?: number;
  category?: AdmitInput['category'];
  risk?: AdmitChoice['risk'];
  vaccination?: AdmitInput['vaccination'];
  admittedAt?: Dayjs | null;
  personIds: PersonSummary[];
  placeReason?: string;
}

const CONTACT_PAGE = 500;

/** The F1s of a case the reader may name (those outside the jurisdiction are only counted). */
async function f1sOf(caseId: number): Promise<{ people: PersonSummary[]; hidden: number }> {
  const people: PersonSummary[] = [];
  let hidden = 0;
  for (let offset = 0; ; offset += CONTACT_PAGE) {
    const page = await api.get<z.infer<typeof listContactsResponse>>('/tracing/contacts', { caseId, level: 1, limit: CONTACT_PAGE, offset });
    for (const r of page.rows) if (r.person) people.push(r.person);
    hidden += page.rows.filter((r) => !r.person).length;
    if (page.rows.length < CONTACT_PAGE) break;
  }
  return { people, hidden };
}

const choiceOf = (v: Partial<Values>): AdmitChoice => ({
  facility: v.facility,
  source: v.source ?? 'f1_list',
  caseId: v.caseId ?? null,
  category: v.category ?? null,
  risk: v.risk ?? null,
  vaccination: v.vaccination ?? null,
  admittedAt: v.admittedAt ? v.admittedAt.toISOString() : null,
  placeReason: v.placeReason ?? null,
});

/**
 * Admission in two steps: the rooms proposed for everyone (a dry run: people of different days or
 * risk never share a room), then the same request confirmed. Any change to the choice asks for a
 * new proposal, so what is confirmed is what was shown.
 */
export default function AdmitPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const refresh = useRefresh();
  const [params] = useSearchParams();
  const facilities = useFacilities();
  const [form] = Form.useForm<Values>();
  const [proposal, setProposal] = useState<{ request: AdmitInput; result: AdmissionResult } | null>(null);
  const [done, setDone] = useState<AdmissionResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [errorIndex, setErrorIndex] = useState<number | null>(null);
  // Asked for only when the rule in force puts the people elsewhere (the server says so).
  const [placeAsked, setPlaceAsked] = useState(false);
  const [busy, setBusy] = useState<'dry' | 'admit' | 'f1' | null>(null);
  const [f1Note, setF1Note] = useState<string | null>(null);
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const source = values?.source ?? 'f1_list';
  const people = values?.personIds ?? [];
  const current = admitBody(choiceOf(values ?? {}), people.map((p) => p.id), false);
  const stale = proposal !== null && !sameAdmission(proposal.request, current);

  const open = (facilities.data?.rows ?? []).filter((f) => f.status !== 'closed');
  const preset = Number(params.get('facilityId'));
  const facilityOptions = [
    ...(['quarantine', 'treatment'] as const).map((group) => ({
      label: t(`quarantineUi.facilities.group.${group}`),
      options: open
        .filter((f) => isTreatmentKind(f.kind) === (group === 'treatment'))
        .map((f) => ({ value: f.id as number | 'home', label: t('quarantineUi.admit.facilityOption', { name: f.name, free: formatNumber(f.free), capacity: formatNumber(f.capacity) }) })),
    })),
    { label: t('quarantineUi.admit.homeGroup'), options: [{ value: 'home' as const, label: t('quarantineUi.admit.home') }] },
  ];

  /** Whether the form shows the field a server error names (else the error goes in the alert). */
  const shown = (name: string) =>
    ({
      caseId: source === 'case' || (source === 'f1_list' && can('cases.read')),
      category: source === 'checkpoint' || source === 'manual',
      risk: source === 'manual',
      personIds: source !== 'case',
    })[name] ?? true;

  function showError(err: unknown) {
    const spot = err instanceof ApiError ? admitField(err.field) : null;
    if (spot?.name === 'placeReason') setPlaceAsked(true);
    if (spot && err instanceof ApiError && shown(spot.name)) {
      const name = (spot.name === 'facilityId' ? 'facility' : spot.name) as keyof Values;
      form.setFields([{ name, errors: [err.message] }]);
      setErrorIndex(spot.index);
      // The field may sit out of sight (the facility at the top, the people at the bottom).
      form.scrollToField(name, { block: 'center' });
    } else setError(err);
  }

  async function run(dryRun: boolean) {
    setError(null);
    setErrorIndex(null);
    setDone(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    // The reason has no rule of its own to clear the server's last word on it.
    form.setFields([{ name: 'placeReason', errors: [] }]);
    const request = admitBody(choiceOf(form.getFieldsValue()), (form.getFieldValue('personIds') as PersonSummary[] | undefined)?.map((p) => p.id) ?? [], dryRun);
    setBusy(dryRun ? 'dry' : 'admit');
    try {
      const result = await api.post<AdmissionResult>('/quarantine/admissions', request);
      if (dryRun) setProposal({ request, result });
      else {
        setDone(result);
        setProposal(null);
        form.setFieldValue('personIds', []);
        form.setFieldValue('caseId', undefined);
        setF1Note(null);
        await refresh();
        void message.success(t('quarantineUi.admit.admittedToast', { count: result.admitted }));
      }
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  async function loadF1s(caseId: number | undefined) {
    setF1Note(null);
    if (!caseId || form.getFieldValue('source') !== 'f1_list') return;
    setBusy('f1');
    try {
      const { people: found, hidden } = await f1sOf(caseId);
      const listed: PersonSummary[] = form.getFieldValue('personIds') ?? [];
      const ids = new Set(listed.map((p) => p.id));
      const fresh = found.filter((p) => !ids.has(p.id));
      form.setFieldValue('personIds', [...listed, ...fresh]);
      setF1Note(hidden > 0 ? t('quarantineUi.admit.f1Loaded', { count: fresh.length, hidden }) : t('quarantineUi.admit.f1LoadedAll', { count: fresh.length }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageTitle>{t('quarantineUi.admit.title')}</PageTitle>
      <QuarantineTabs />
      <ErrorAlert error={facilities.error ?? error} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="admit"
        initialValues={{ facility: preset > 0 ? preset : undefined, source: 'f1_list', personIds: [], admittedAt: dayjs().startOf('minute') }}
        onKeyDown={enterConfirmsDates}
        onValuesChange={() => {
          setDone(null);
          setErrorIndex(null);
        }}
        onFinish={() => void run(true)}
      >
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="facility" label={t('quarantineUi.admit.facility')} rules={[{ required: true, message: t('quarantineUi.admit.facilityRequired') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={facilityOptions} loading={facilities.isFetching} placeholder={t('quarantineUi.admit.facilityPlaceholder')} data-testid="admit-facility" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="admittedAt" label={t('quarantineUi.admit.admittedAt')} extra={t('quarantineUi.admit.admittedAtHint')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} data-testid="admit-day" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="source" label={t('quarantineUi.admit.source')}>
            <Radio.Group
              optionType="button"
              data-testid="admit-source"
              options={ADMISSION_SOURCES.map((s) => ({ value: s, label: t(`quarantineUi.source.${s}`) }))}
              onChange={() => {
                setF1Note(null);
                form.setFields([{ name: 'personIds', errors: [] }]);
              }}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
            {t(`quarantineUi.admit.sourceHint.${source}`)}
          </Typography.Paragraph>
          <Row gutter={16}>
            {(source === 'case' || (source === 'f1_list' && can('cases.read'))) && (
              <Col xs={24} md={12} data-testid="admit-case">
                <Form.Item
                  name="caseId"
                  label={t(source === 'case' ? 'quarantineUi.admit.case' : 'quarantineUi.admit.caseF1')}
                  extra={f1Note ?? undefined}
                  rules={source === 'case' ? [{ required: true, message: t('quarantine.errors.case_required') }] : []}
                >
                  <CaseSelect onChange={(id) => void loadF1s(id)} />
                </Form.Item>
              </Col>
            )}
            {source === 'checkpoint' && (
              <Col xs={24} md={8}>
                <Form.Item name="category" label={t('quarantineUi.fields.category')} rules={[{ required: true, message: t('quarantine.errors.arrival_category_required') }]}>
                  <Select data-testid="admit-category" options={ARRIVAL_CATEGORIES.map((c) => ({ value: c, label: t(`quarantineUi.category.${c}`) }))} />
                </Form.Item>
              </Col>
            )}
            {source === 'manual' && (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name="category" label={t('quarantineUi.fields.category')}>
                    <Select allowClear placeholder={t('quarantineUi.category.close_contact')} options={QUARANTINE_CATEGORIES.map((c) => ({ value: c, label: t(`quarantineUi.category.${c}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name="risk" label={t('quarantineUi.fields.risk')} extra={t('quarantineUi.admit.riskHint')}>
                    <Select allowClear placeholder={t('quarantineUi.risk.f1')} options={(['f1', 'f2', 'arrival'] as const).map((r) => ({ value: r, label: t(`quarantineUi.risk.${r}`) }))} />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="vaccination" label={t('quarantineUi.fields.vaccination')} extra={t('quarantineUi.admit.vaccinationHint')}>
                <Select allowClear options={ADMISSION_VACCINATION.map((v) => ({ value: v, label: t(`quarantineUi.vaccination.${v}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          {source !== 'case' && (
            <Form.Item
              name="personIds"
              label={t('quarantineUi.admit.people')}
              required
              rules={[{ validator: (_, v: PersonSummary[] | undefined) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('quarantine.errors.people_required')))) }]}
            >
              <AdmitPeople errorIndex={errorIndex} />
            </Form.Item>
          )}
          <Form.Item name="placeReason" label={t('quarantineUi.admit.placeReason')} extra={t('quarantineUi.admit.placeReasonHint')} hidden={!placeAsked}>
            <Input.TextArea rows={2} maxLength={500} data-testid="admit-place-reason" />
          </Form.Item>
          <Space wrap style={{ marginTop: 8 }}>
            <Button htmlType="submit" icon={<ExperimentOutlined />} loading={busy === 'dry' || busy === 'f1'} data-testid="admit-dry-run">
              {t('quarantineUi.admit.dryRun')}
            </Button>
            <Button type="primary" icon={<CheckOutlined />} disabled={!proposal || stale} loading={busy === 'admit'} onClick={() => void run(false)} data-testid="admit-confirm">
              {proposal ? t('quarantineUi.admit.confirm', { count: proposal.result.stays.length }) : t('quarantineUi.admit.confirmPlain')}
            </Button>
            {!proposal && <Typography.Text type="secondary">{t('quarantineUi.admit.confirmHint')}</Typography.Text>}
          </Space>
        </Card>
      </Form>
      {done && <Done result={done} />}
      {proposal && <Proposal result={proposal.result} stale={stale} people={people} />}
    </>
  );
}

function Done({ result }: { result: AdmissionResult }) {
  const { t } = useTranslation();
  const day = result.stays[0]?.admissionDay;
  const list = `/quarantine/stays?${new URLSearchParams({ ...(result.facilityId ? { facilityId: String(result.facilityId) } : { place: 'home' }), ...(day ? { admissionDay: day } : {}) })}`;
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="admit-result"
      data-admitted={result.admitted}
      title={t('quarantineUi.admit.done', { count: result.admitted, rooms: result.rooms.length })}
      description={<Link to={list}>{t('quarantineUi.admit.doneLink')}</Link>}
    />
  );
}

function Proposal({ result, stale, people }: { result: AdmissionResult; stale: boolean; people: PersonSummary[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // The proposal opens below a list that may be long: bring it into sight.
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [result]);
  const sex = new Map(people.map((p) => [p.id, p.sex]));
  const beds = result.stays.some((s) => s.bed);
  const title = result.facilityId === null ? t('quarantineUi.admit.proposalHome', { count: result.stays.length }) : t('quarantineUi.admit.proposalTitle', { people: result.stays.length, rooms: result.rooms.length });
  const rows = [...result.stays].sort((a, b) => (a.room?.code ?? '').localeCompare(b.room?.code ?? '', 'vi', { numeric: true }) || a.fullName.localeCompare(b.fullName, 'vi'));
  return (
    <Card ref={ref} size="small" title={title} data-testid="admit-proposal">
      {stale && <Alert type="warning" showIcon title={t('quarantineUi.admit.stale')} style={{ marginBottom: 12 }} data-testid="admit-stale" />}
      {result.rooms.length > 0 && (
        <Typography.Paragraph type="secondary">
          {result.rooms
            .slice()
            .sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }))
            .map((r) => t('quarantineUi.admit.roomTake', { code: r.code, count: r.people }))
            .join(' · ')}
        </Typography.Paragraph>
      )}
      <Table<AdmittedStay>
        rowKey="personId"
        size="small"
        dataSource={rows}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        scroll={{ x: 760 }}
        aria-label={title}
        onRow={(s) => testRow('admit-proposed-row', { 'data-person-id': s.personId, 'data-room': s.room?.code ?? '', 'data-day': s.admissionDay, 'data-risk': s.risk })}
        columns={[
          { title: t('fields.fullName'), dataIndex: 'fullName', width: 200 },
          { title: t('quarantineUi.fields.room'), key: 'room', width: 110, render: (_, s) => (s.room ? <Typography.Text strong>{s.room.code}</Typography.Text> : t('quarantineUi.admit.atHome')) },
          { title: t('fields.sex'), key: 'sex', width: 80, render: (_, s) => (sex.has(s.personId) ? t(`people.sex.${sex.get(s.personId)}`) : '') },
          ...(beds ? [{ title: t('quarantineUi.fields.bed'), key: 'bed', width: 80, render: (_: unknown, s: AdmittedStay) => s.bed?.code ?? '' }] : []),
          { title: t('quarantineUi.fields.cohort'), key: 'cohort', width: 180, render: (_, s) => <CohortTag admissionDay={s.admissionDay} risk={s.risk} /> },
          { title: t('quarantineUi.fields.plannedUntil'), key: 'until', width: 120, render: (_, s) => formatDate(s.plannedUntil) },
          { title: t('quarantineUi.fields.rule'), dataIndex: 'ruleId', width: 200 },
        ]}
      />
    </Card>
  );
}
