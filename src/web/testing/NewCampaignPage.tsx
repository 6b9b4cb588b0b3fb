import { useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { POOLING, type CampaignInput, type CampaignView } from '../../shared/api/testing.js';
import { api, ApiError } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import UnitSelect from '../components/UnitSelect';
import { enterConfirmsDates } from '../cases/domProps';
import { campaignFormField, targetInput, type TargetKind } from './model';
import { TESTING_KEY, useProfileOn, useSites } from './queries';
import TargetFields from './TargetFields';

interface Values {
  name: string;
  unitId?: number;
  target: { kind: TargetKind; communeId?: number; venueId?: number; window?: [Dayjs, Dayjs]; clusterId?: number; levels?: number[]; personIds?: number[] };
  draw: boolean;
  sharePct?: number | null;
  seed?: number | null;
  pooling: CampaignInput['pooling'];
  poolGroupBy: 'household' | 'building' | '';
  dates: [Dayjs, Dayjs];
  siteIds: number[];
  resampleDueHours: number;
}

function toInput(v: Values): CampaignInput {
  return {
    name: v.name,
    unitId: v.unitId as number,
    target: targetInput({ ...v.target, window: v.target.window ? [v.target.window[0].toISOString(), v.target.window[1].toISOString()] : null }),
    sharePct: v.draw ? (v.sharePct ?? null) : null,
    seed: v.draw ? (v.seed ?? null) : null,
    pooling: v.pooling,
    poolGroupBy: v.pooling === 'none' || !v.poolGroupBy ? null : v.poolGroupBy,
    startsOn: v.dates?.[0]?.format('YYYY-MM-DD'),
    endsOn: v.dates?.[1]?.format('YYYY-MM-DD'),
    siteIds: v.siteIds ?? [],
    resampleDueHours: v.resampleDueHours,
  };
}

const initial: Partial<Values> = {
  target: { kind: 'venue_visitors', levels: [1], window: [dayjs().subtract(7, 'day').startOf('day'), dayjs().startOf('minute')] },
  draw: false,
  pooling: 'none',
  poolGroupBy: '',
  dates: [dayjs().startOf('day'), dayjs().add(6, 'day').startOf('day')],
  siteIds: [],
  resampleDueHours: 24,
};

export default function NewCampaignPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const sites = useSites();
  const draw = Form.useWatch('draw', form);
  const pooling = Form.useWatch('pooling', form);
  const dates = Form.useWatch('dates', form);
  const profile = useProfileOn(dates?.[0]?.format('YYYY-MM-DD'));
  const pool = profile.data?.rules.testing.pooling;

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<CampaignView>('/testing/campaigns', toInput(v));
      await qc.invalidateQueries({ queryKey: TESTING_KEY });
      navigate(`/testing/campaigns/${created.id}`);
    } catch (err) {
      const field = err instanceof ApiError ? campaignFormField(err.field) : null;
      if (field && err instanceof ApiError) form.setFields([{ name: field as never, errors: [err.message] }]);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/testing">← {t('testingUi.campaigns.backToList')}</Link>
      </Typography.Paragraph>
      <PageTitle>{t('testingUi.campaigns.newTitle')}</PageTitle>
      <Card>
        <ErrorAlert error={error} />
        <Form<Values> form={form} layout="vertical" name="campaign" initialValues={initial} onFinish={submit} onKeyDown={enterConfirmsDates} scrollToFirstError style={{ maxWidth: 960 }}>
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item name="name" label={t('testingUi.fields.name')} rules={[{ required: true, message: t('testing.errors.name_length') }]}>
                <Input maxLength={200} data-testid="campaign-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="unitId" label={t('testingUi.fields.unit')} extra={t('testingUi.campaigns.unitHint')} rules={[{ required: true, message: t('testing.errors.unit_required') }]}>
                <UnitSelect aria-label={t('testingUi.fields.unit')} />
              </Form.Item>
            </Col>
          </Row>
          <TargetFields />
          <Space align="start" size={24} wrap>
            <Form.Item name="draw" label={t('testingUi.fields.randomShare')} valuePropName="checked">
              <Switch data-testid="campaign-draw" />
            </Form.Item>
            {draw && (
              <>
                <Form.Item name="sharePct" label={t('testingUi.fields.sharePct')} rules={[{ required: true, message: t('testing.errors.share_range') }]}>
                  <InputNumber<number> min={0.01} max={100} step={5} suffix="%" style={{ width: 130 }} data-testid="campaign-share" />
                </Form.Item>
                <Form.Item name="seed" label={t('testingUi.fields.seed')} extra={t('testingUi.campaigns.seedHint')}>
                  <InputNumber<number> min={0} max={2 ** 31 - 1} precision={0} style={{ width: 180 }} data-testid="campaign-seed" />
                </Form.Item>
              </>
            )}
          </Space>
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item name="pooling" label={t('testingUi.fields.pooling')}>
                <Radio.Group
                  data-testid="campaign-pooling"
                  options={POOLING.map((p) => ({
                    value: p,
                    label: p === 'none' ? t('testingUi.pooling.none') : t(`testingUi.pooling.${p}`, { size: p === 'low_risk' ? (pool?.lowRiskPoolSize ?? '…') : (pool?.highRiskPoolSize ?? '…') }),
                  }))}
                />
              </Form.Item>
            </Col>
            {pooling && pooling !== 'none' && (
              <Col xs={24} md={10}>
                <Form.Item name="poolGroupBy" label={t('testingUi.fields.poolGroupBy')}>
                  <Radio.Group
                    data-testid="campaign-pool-group"
                    options={[
                      { value: '', label: t('testingUi.poolGroup.none') },
                      ...(pool?.groupBy ?? []).map((g) => ({ value: g, label: t(`testingUi.poolGroup.${g}`) })),
                    ]}
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name="dates" label={t('testingUi.fields.dates')} rules={[{ required: true, message: t('testing.errors.date_invalid') }]}>
                <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item name="siteIds" label={t('testingUi.fields.sites')} rules={[{ required: true, type: 'array', min: 1, message: t('testing.errors.sites_required') }]}>
                <Select<number[]>
                  mode="multiple"
                  data-testid="campaign-sites"
                  aria-label={t('testingUi.fields.sites')}
                  loading={sites.isPending}
                  showSearch={{ optionFilterProp: 'label' }}
                  notFoundContent={t('testingUi.campaigns.noSitesHint')}
                  options={(sites.data?.rows ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.name} · ${s.communeName}` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item name="resampleDueHours" label={t('testingUi.fields.resampleDueHours')}>
                <InputNumber<number> min={1} max={720} precision={0} suffix="h" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="campaign-submit">
              {t('testingUi.campaigns.submit')}
            </Button>
            <Link to="/testing">{t('ui.common.cancel')}</Link>
          </Space>
        </Form>
      </Card>
    </>
  );
}
