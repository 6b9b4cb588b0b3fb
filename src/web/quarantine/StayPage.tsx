import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Progress, Row, Table, Timeline, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { StayDetail, StayTestView } from '../../shared/api/quarantine.js';
import { formatDate, formatDateTime, todayInVietnam } from '../../shared/vn/dates.js';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { birthText, docText } from '../people/format';
import { testRow } from '../cases/domProps';
import { eventDetail } from './model';
import { certificateHref, useStay } from './queries';
import QuarantineTabs from './QuarantineTabs';
import RecordTestModal, { type TestTask } from './RecordTestModal';
import StayActions from './StayActions';
import HealthChecksCard from './monitoring/HealthChecksCard';
import { CohortTag, DayOf, RiskTag, StayStatusTag, TestTag } from './tags';

export default function StayPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const query = useStay(Number(id));
  const s = query.data;
  if (query.error) return <ErrorAlert error={query.error} />;

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to={s?.facility ? `/quarantine/stays?facilityId=${s.facility.id}` : '/quarantine/stays'}>← {t('quarantineUi.stay.backToList')}</Link>
      </Typography.Paragraph>
      <PageTitle
        extra={
          s && (
            <>
              {s.status === 'discharged' && s.certificateNumber && (
                <Button href={certificateHref(s.id)} target="_blank" icon={<FilePdfOutlined />} data-testid="stay-certificate">
                  {t('quarantineUi.stay.certificate')}
                </Button>
              )}
              {can('quarantine.admit') && <StayActions stay={s} />}
            </>
          )
        }
      >
        {s ? (
          <span data-testid="stay-title" data-status={s.status}>
            {s.person?.fullName ?? t('quarantineUi.stays.outside', { id: s.personId })} <StayStatusTag status={s.status} />
          </span>
        ) : (
          t('ui.common.loading')
        )}
      </PageTitle>
      <QuarantineTabs />
      {s && s.status === 'active' && !s.discharge.eligible && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="stay-discharge-blocks"
          title={t('quarantineUi.stay.notYet')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {s.discharge.blocks.map((b) => (
                <li key={`${b.code}${b.dayNumber ?? ''}`} data-code={b.code}>
                  {b.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {s && s.status === 'active' && s.discharge.eligible && <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('quarantineUi.stay.eligible')} data-testid="stay-discharge-eligible" />}
      <Card loading={query.isPending} style={{ marginBottom: 16 }}>
        {s && <Facts s={s} />}
      </Card>
      {s && (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Tests s={s} canRecord={can('quarantine.admit')} />
            <HealthChecksCard stayId={s.id} active={s.status === 'active'} />
          </Col>
          <Col xs={24} xl={10}>
            <Events s={s} />
          </Col>
        </Row>
      )}
    </>
  );
}

function Facts({ s }: { s: StayDetail }) {
  const { t } = useTranslation();
  const p = s.person;
  const where = s.facility ? (
    <>
      <Link to={`/quarantine/facilities/${s.facility.id}`}>{s.facility.name}</Link>
      {s.room && ` · ${[s.room.zone, t('quarantineUi.stays.room', { code: s.room.code }), s.bed ? t('quarantineUi.stays.bed', { code: s.bed.code }) : null].filter(Boolean).join(' · ')}`}
    </>
  ) : (
    t(`quarantineUi.place.${s.place}`)
  );
  return (
    <Descriptions
      column={{ xs: 1, md: 2, xl: 3 }}
      size="small"
      items={[
        {
          key: 'person',
          label: t('quarantineUi.fields.person'),
          children: p ? <Link to={`/people/${p.id}`}>{[p.fullName, birthText(p), t(`people.sex.${p.sex}`)].join(' · ')}</Link> : '—',
        },
        { key: 'doc', label: t('ui.people.document'), children: p ? docText(t, p) || '—' : '—' },
        { key: 'home', label: t('quarantineUi.stay.home'), children: p ? [p.addressLine, p.communeName].filter(Boolean).join(', ') : '—' },
        { key: 'where', label: t('quarantineUi.fields.where'), children: <span data-testid="stay-where" data-room={s.room?.code ?? ''}>{where}</span> },
        { key: 'kind', label: t('quarantineUi.fields.stayKind'), children: [t(`quarantineUi.stayKind.${s.kind}`), s.tier ? t('quarantineUi.fields.tierN', { tier: s.tier }) : null].filter(Boolean).join(' · ') },
        { key: 'category', label: t('quarantineUi.fields.category'), children: <>{t(`quarantineUi.category.${s.category}`)} <RiskTag risk={s.risk} /></> },
        {
          key: 'source',
          label: t('quarantineUi.fields.source'),
          children: (
            <span>
              {t(`quarantineUi.source.${s.source}`)}
              {s.caseId && (
                <>
                  {' · '}
                  <Link to={`/cases/${s.caseId}`}>{t('quarantineUi.stay.caseLink', { id: s.caseId })}</Link>
                </>
              )}
            </span>
          ),
        },
        { key: 'cohort', label: t('quarantineUi.fields.cohort'), children: <CohortTag admissionDay={s.admissionDay} risk={s.risk} /> },
        { key: 'admitted', label: t('quarantineUi.stay.admittedAt'), children: formatDateTime(s.admittedAt) },
        ...(s.dayNumber === null
          ? []
          : [
              {
                key: 'day',
                label: t('quarantineUi.fields.day'),
                children: (
                  <span data-testid="stay-day" data-day={s.dayNumber}>
                    <DayOf day={s.dayNumber} days={s.plannedDays} />
                    <Progress percent={Math.min(100, Math.round((s.dayNumber / s.plannedDays) * 100))} size="small" showInfo={false} style={{ maxWidth: 200 }} />
                  </span>
                ),
              },
            ]),
        { key: 'until', label: t('quarantineUi.fields.plannedUntil'), children: formatDate(s.plannedUntil) },
        { key: 'rule', label: t('quarantineUi.fields.rule'), children: s.ruleId },
        { key: 'funding', label: t('quarantineUi.fields.funding'), children: t(`quarantineUi.funding.${s.fundingSource}`) },
        ...(s.placeReason ? [{ key: 'place', label: t('quarantineUi.stay.placeReason'), children: s.placeReason }] : []),
        ...(s.overrideReason ? [{ key: 'override', label: t('quarantineUi.stay.overrideReason'), children: s.overrideReason }] : []),
        ...(s.dischargedAt ? [{ key: 'ended', label: t(s.status === 'transferred' ? 'quarantineUi.stay.transferredAt' : 'quarantineUi.stay.dischargedAt'), children: formatDateTime(s.dischargedAt) }] : []),
        ...(s.certificateNumber ? [{ key: 'cert', label: t('quarantineUi.stay.certificateNumber'), children: <span data-testid="stay-certificate-number">{s.certificateNumber}</span> }] : []),
        ...(s.transferredToStayId ? [{ key: 'to', label: t('quarantineUi.stay.continuedIn'), children: <Link to={`/quarantine/stays/${s.transferredToStayId}`}>#{s.transferredToStayId}</Link> }] : []),
        ...(s.transferredFromStayId ? [{ key: 'from', label: t('quarantineUi.stay.continues'), children: <Link to={`/quarantine/stays/${s.transferredFromStayId}`}>#{s.transferredFromStayId}</Link> }] : []),
      ]}
    />
  );
}

function Tests({ s, canRecord }: { s: StayDetail; canRecord: boolean }) {
  const { t } = useTranslation();
  const [task, setTask] = useState<TestTask | null>(null);
  const today = todayInVietnam();
  // A negative or positive result stands; an invalid one is taken again.
  const open = (x: StayTestView) => s.status === 'active' && (x.status === 'open' || x.result === 'invalid');
  return (
    <Card size="small" title={t('quarantineUi.tests.ofStay')} style={{ marginBottom: 16 }}>
      <Table<StayTestView>
        rowKey="id"
        size="small"
        dataSource={s.tests}
        pagination={false}
        aria-label={t('quarantineUi.tests.ofStay')}
        locale={{ emptyText: t('quarantineUi.tests.noneRequired') }}
        onRow={(x) => testRow('stay-test-row', { 'data-day-number': x.dayNumber, 'data-status': x.status, 'data-result': x.result ?? '' })}
        columns={[
          { title: t('quarantineUi.tests.day'), key: 'day', width: 90, render: (_, x) => t('quarantineUi.tests.dayN', { day: x.dayNumber }) },
          {
            title: t('quarantineUi.tests.dueOn'),
            key: 'due',
            width: 130,
            render: (_, x) => <Typography.Text type={x.status === 'open' && x.dueOn < today ? 'danger' : undefined}>{formatDate(x.dueOn)}</Typography.Text>,
          },
          { title: t('quarantineUi.tests.status'), key: 'status', width: 140, render: (_, x) => <TestTag test={x} /> },
          { title: t('quarantineUi.tests.sampleCode'), dataIndex: 'sampleCode', width: 130, render: (c: string | null) => c ?? '' },
          { title: t('quarantineUi.tests.resultAt'), key: 'at', width: 150, render: (_, x) => (x.resultAt ? formatDateTime(x.resultAt) : '') },
          ...(canRecord
            ? [
                {
                  title: '',
                  key: 'record',
                  width: 110,
                  render: (_: unknown, x: StayTestView) =>
                    open(x) && (
                      <Button size="small" onClick={() => setTask({ stayId: s.id, testId: x.id, dayNumber: x.dayNumber, dueOn: x.dueOn, who: s.person?.fullName })} data-testid="stay-test-record">
                        {t('quarantineUi.tests.record')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <RecordTestModal task={task} onClose={() => setTask(null)} />
    </Card>
  );
}

function Events({ s }: { s: StayDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('quarantineUi.stay.events')} style={{ marginBottom: 16 }}>
      <Timeline
        data-testid="stay-events"
        items={[...s.events].reverse().map((e) => {
          const d = eventDetail(e.kind, e.params);
          const values = d ? { ...d.values, ...('source' in d.values ? { source: t(`quarantineUi.source.${d.values.source}`) } : {}), ...('result' in d.values ? { result: t(`quarantineUi.testResult.${d.values.result}`) } : {}) } : {};
          return {
            key: e.id,
            color: e.kind === 'discharged' ? 'green' : e.kind === 'extended' || e.kind === 'warning_signs' || e.kind === 'report_missed' ? 'red' : 'blue',
            content: (
              <div data-testid="stay-event" data-kind={e.kind}>
                <Typography.Text strong>{t(`quarantineUi.event.${e.kind}`)}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {[formatDateTime(e.at), e.byName].filter(Boolean).join(' · ')}
                </Typography.Text>
                {d && <div style={{ fontSize: 13 }}>{t(`quarantineUi.eventDetail.${d.key}`, values)}</div>}
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
