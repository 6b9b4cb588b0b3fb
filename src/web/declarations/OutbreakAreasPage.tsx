import { useState } from 'react';
import { App, Button, Card, Checkbox, Popconfirm, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { OutbreakAreaView } from '../../shared/api/declarations.js';
import { formatDate, todayInVietnam } from '../../shared/vn/dates.js';
import { api, request } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import { countryName } from './names';
import OutbreakAreaForm from './OutbreakAreaForm';

export default function OutbreakAreasPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const today = todayInVietnam();
  const [onlyCurrent, setOnlyCurrent] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const areas = useQuery({
    queryKey: ['declarations', 'outbreak-areas', onlyCurrent],
    queryFn: () => api.get<OutbreakAreaView[]>('/declarations/outbreak-areas', { on: onlyCurrent ? today : undefined }),
  });
  const manage = can('outbreak_areas.manage');

  async function end(a: OutbreakAreaView) {
    setError(null);
    try {
      await request('DELETE', `/declarations/outbreak-areas/${a.id}`);
      await qc.invalidateQueries({ queryKey: ['declarations', 'outbreak-areas'] });
      void message.success(t('ui.declarations.areaEnded', { label: a.label }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/declarations">← {t('ui.declarations.backToWorklist')}</Link>
      </Typography.Paragraph>
      <PageTitle>{t('ui.declarations.outbreakAreas')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('ui.declarations.areasIntro')}</Typography.Paragraph>
      {manage && (
        <Card title={t('ui.declarations.markArea')} style={{ marginBottom: 16 }}>
          <OutbreakAreaForm />
        </Card>
      )}
      <Card title={t('ui.declarations.areaList')}>
        <div className="toolbar">
          <Checkbox checked={onlyCurrent} onChange={(e) => setOnlyCurrent(e.target.checked)}>
            {t('ui.declarations.onlyCurrent')}
          </Checkbox>
        </div>
        <ErrorAlert error={areas.error ?? error} />
        <Table<OutbreakAreaView>
          rowKey="id"
          size="small"
          loading={areas.isPending}
          dataSource={areas.data ?? []}
          pagination={false}
          scroll={{ x: 720 }}
          aria-label={t('ui.declarations.areaList')}
          locale={{ emptyText: t('ui.declarations.noAreas') }}
          columns={[
            { title: t('ui.declarations.areaLabel'), dataIndex: 'label', width: 220 },
            {
              title: t('ui.declarations.areaKind'),
              key: 'kind',
              width: 200,
              render: (_, a) =>
                a.kind === 'country' && a.countryCode
                  ? `${t('ui.declarations.areaKinds.country')}: ${countryName(a.countryCode, i18n.language)} (${a.countryCode})`
                  : `${t('ui.declarations.areaKinds.unit')} (${t('ui.declarations.unitCode', { code: a.unitCode ?? '' })})`,
            },
            { title: t('fields.fromDate'), dataIndex: 'fromDate', width: 110, render: (v: string) => formatDate(v) },
            { title: t('fields.untilDate'), dataIndex: 'untilDate', width: 110, render: (v: string | null) => (v ? formatDate(v) : t('ui.declarations.openEnded')) },
            {
              title: t('ui.declarations.status'),
              key: 'state',
              width: 120,
              render: (_, a) =>
                a.fromDate > today ? (
                  <Tag color="blue">{t('ui.declarations.areaUpcoming')}</Tag>
                ) : !a.untilDate || a.untilDate >= today ? (
                  <Tag color="red">{t('ui.declarations.areaActive')}</Tag>
                ) : (
                  <Tag>{t('ui.declarations.areaEndedTag')}</Tag>
                ),
            },
            ...(manage
              ? [
                  {
                    title: t('ui.common.actions'),
                    key: 'actions',
                    width: 140,
                    render: (_: unknown, a: OutbreakAreaView) =>
                      (!a.untilDate || a.untilDate > today) && (
                        <Popconfirm
                          title={t('ui.declarations.endConfirm', { label: a.label })}
                          okText={t('ui.declarations.endArea')}
                          cancelText={t('ui.common.cancel')}
                          onConfirm={() => end(a)}
                        >
                          <Button size="small" danger aria-label={t('ui.declarations.endAreaNamed', { label: a.label })}>
                            {t('ui.declarations.endArea')}
                          </Button>
                        </Popconfirm>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
