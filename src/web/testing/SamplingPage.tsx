import { useState } from 'react';
import { Alert, Button, Card, Col, Dropdown, Radio, Row, Select, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TEST_TYPES, type SampleInput, type SampleView, type TestType } from '../../shared/api/testing.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { api, withQuery } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import LabelField from './LabelField';
import { labelProblem, readCode, runsOn } from './model';
import OpenPools from './OpenPools';
import PersonStep, { type Who } from './PersonStep';
import { TESTING_KEY, useCampaigns, useSites } from './queries';
import RecordedSamples from './RecordedSamples';
import TestingTabs from './TestingTabs';

const LABEL_COUNT = 24;

function labelSheetUrl(kind: 'sample' | 'pool') {
  return withQuery('/api/testing/labels.pdf', { kind, count: LABEL_COUNT });
}

/** The sampling station: one campaign and site chosen for the day, then person, label, record, again. */
export default function SamplingPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const campaignId = Number(params.get('campaign')) || null;
  const siteId = Number(params.get('site')) || null;
  const today = todayInVietnam();
  const campaigns = useCampaigns();
  const sites = useSites();
  const running = (campaigns.data?.rows ?? []).filter((c) => runsOn(c, today));
  const campaign = running.find((c) => c.id === campaignId) ?? null;
  const siteChoices = (sites.data?.rows ?? []).filter((s) => s.active && (!campaign || campaign.sites.some((x) => x.id === s.id)));
  const site = siteChoices.find((s) => s.id === siteId) ?? null;
  const pooled = !!campaign && campaign.pooling !== 'none';

  const [who, setWho] = useState<Who | null>(null);
  const [label, setLabel] = useState('');
  const [poolLabel, setPoolLabel] = useState('');
  const [test, setTest] = useState<TestType>('rt_pcr');
  const [recorded, setRecorded] = useState<SampleView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function choose(key: 'campaign' | 'site', value: number | null) {
    const p = new URLSearchParams(params);
    if (value) p.set(key, String(value));
    else p.delete(key);
    // Another campaign may not use the site chosen for the previous one.
    if (key === 'campaign') p.delete('site');
    setParams(p, { replace: true });
  }

  const ready = !!site && !!who && !labelProblem(label, 'sample') && !labelProblem(poolLabel, 'pool');
  async function record() {
    if (!site || !who) return;
    setBusy(true);
    setError(null);
    try {
      const body: SampleInput = {
        siteId: site.id,
        campaignId: campaign?.id ?? null,
        ...(who.kind === 'found' ? { personId: who.person.id } : { person: who.input }),
        code: label.trim() ? readCode(label).code : null,
        poolCode: pooled && poolLabel.trim() ? readCode(poolLabel).code : null,
        requestedTest: test,
      };
      const sample = await api.post<SampleView>('/testing/samples', body);
      setRecorded((r) => [sample, ...r].slice(0, 50));
      setWho(null);
      setLabel('');
      // A hand-held pool tube stays in use until it is full.
      if (sample.pool?.closed) setPoolLabel('');
      await qc.invalidateQueries({ queryKey: TESTING_KEY });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle
        extra={
          <Dropdown
            menu={{
              items: [
                { key: 'sample', label: <a href={labelSheetUrl('sample')} target="_blank" rel="noreferrer" data-testid="labels-sample">{t('testingUi.sampling.sampleLabels', { count: LABEL_COUNT })}</a> },
                { key: 'pool', label: <a href={labelSheetUrl('pool')} target="_blank" rel="noreferrer" data-testid="labels-pool">{t('testingUi.sampling.poolLabels', { count: LABEL_COUNT })}</a> },
              ],
            }}
          >
            <Button icon={<PrinterOutlined />} data-testid="labels-print">
              {t('testingUi.sampling.printLabels')}
            </Button>
          </Dropdown>
        }
      >
        {t('testingUi.sampling.title')}
      </PageTitle>
      <TestingTabs />
      <ErrorAlert error={campaigns.error ?? sites.error} />
      <Card size="small" title={t('testingUi.sampling.station')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
              {t('testingUi.fields.campaign')}
            </Typography.Text>
            <div data-testid="sampling-campaign">
              <Select<number>
                aria-label={t('testingUi.fields.campaign')}
                value={campaign?.id ?? 0}
                loading={campaigns.isPending}
                onChange={(v) => choose('campaign', v || null)}
                options={[{ value: 0, label: t('testingUi.sampling.noCampaign') }, ...running.map((c) => ({ value: c.id, label: c.name }))]}
                style={{ width: '100%' }}
              />
            </div>
          </Col>
          <Col xs={24} md={8}>
            <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
              {t('testingUi.fields.site')}
            </Typography.Text>
            <div data-testid="sampling-site">
              <Select<number>
                aria-label={t('testingUi.fields.site')}
                value={site?.id}
                placeholder={t('testingUi.sampling.pickSite')}
                loading={sites.isPending}
                onChange={(v) => choose('site', v ?? null)}
                options={siteChoices.map((s) => ({ value: s.id, label: `${s.name} · ${s.communeName}` }))}
                style={{ width: '100%' }}
              />
            </div>
          </Col>
          <Col xs={24} md={6}>
            <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
              {t('testingUi.fields.testType')}
            </Typography.Text>
            <Radio.Group value={test} onChange={(e) => setTest(e.target.value as TestType)} options={TEST_TYPES.map((x) => ({ value: x, label: t(`testing.testType.${x}`) }))} />
          </Col>
        </Row>
        {campaign && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="sampling-campaign-info">
            {t('testingUi.sampling.campaignInfo', { done: campaign.sampledMembers, members: campaign.members, sampled: campaign.sampled })}
            {pooled && ` · ${t(`testingUi.pooling.${campaign.pooling}`, { size: campaign.poolSize })}`}
            {campaign.poolGroupBy && ` · ${t(`testingUi.poolGroup.${campaign.poolGroupBy}`)}`}
          </Typography.Paragraph>
        )}
      </Card>
      {!site ? (
        <Alert type="info" showIcon title={t('testingUi.sampling.pickSiteFirst')} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={pooled ? 15 : 24}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              {/* Remounted after each sample, so the next person starts with a search. */}
              <PersonStep key={recorded.length} who={who} onChange={setWho} />
              <Card size="small" title={t('testingUi.sampling.labelStep')}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <LabelField value={label} onChange={setLabel} kind="sample" testId="sampling-label" label={t('testingUi.sampling.sampleLabel')} emptyHint={t('testingUi.sampling.newCodeHint')} />
                  </Col>
                  {pooled && (
                    <Col xs={24} md={12}>
                      <LabelField value={poolLabel} onChange={setPoolLabel} kind="pool" testId="sampling-pool-label" label={t('testingUi.sampling.poolLabel')} emptyHint={t('testingUi.sampling.autoPoolHint')} />
                    </Col>
                  )}
                </Row>
                <ErrorAlert error={error} />
                <Button type="primary" size="large" disabled={!ready} loading={busy} onClick={record} data-testid="sampling-record" style={{ marginTop: 16 }}>
                  {t('testingUi.sampling.record')}
                </Button>
                {!who && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                    {t('testingUi.sampling.needPerson')}
                  </Typography.Text>
                )}
              </Card>
              <RecordedSamples rows={recorded} />
            </Space>
          </Col>
          {pooled && campaign && (
            <Col xs={24} xl={9}>
              <OpenPools campaignId={campaign.id} siteId={site.id} />
            </Col>
          )}
        </Row>
      )}
    </>
  );
}
