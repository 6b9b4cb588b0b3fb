import { useDownload } from '../components/useDownload';
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Space, Table, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { MAX_LOOKUP_DAYS, type VisitorsResponseDto } from '../../shared/api/checkins.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';

type Row = VisitorsResponseDto['rows'][number];
type Range = [Dayjs, Dayjs];
const PAGE = 100;

/** Who checked in at the venue in a window (at most MAX_LOOKUP_DAYS), to trace contacts; exportable to Excel. */
export default function VisitorsCard({ venueId }: { venueId: number }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<Range>(() => [dayjs().subtract(1, 'day').startOf('minute'), dayjs().add(1, 'minute').startOf('minute')]);
  const [picked, setPicked] = useState<Range | null>(range);
  const [page, setPage] = useState(1);
  const file = useDownload();
  // dayjs formats with the browser's offset, which the server reads as the instant meant.
  const span = { from: range[0].format(), to: range[1].format() };

  const visitors = useQuery({
    queryKey: ['venues', 'visitors', venueId, span.from, span.to, page],
    queryFn: () => api.get<VisitorsResponseDto>(`/checkins/venues/${venueId}/visitors`, { ...span, limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
  });

  const exportXlsx = () => file.download(`/checkins/venues/${venueId}/visitors.xlsx`, span, `khach-ra-vao-${venueId}.xlsx`, t('ui.checkins.exported'));

  const data = visitors.data;
  return (
    <Card title={t('ui.checkins.visitors')} style={{ marginBottom: 16 }}>
      <Form
        layout="vertical"
        name="visitors"
        onFinish={() => {
          if (picked) {
            setRange(picked);
            setPage(1);
          }
        }}
      >
        <div className="toolbar" style={{ alignItems: 'flex-end' }}>
          <Form.Item label={t('ui.checkins.window', { days: MAX_LOOKUP_DAYS })} htmlFor="visitors-window" style={{ marginBottom: 0, flex: '1 1 300px', maxWidth: 440 }}>
            <DatePicker.RangePicker
              id="visitors-window"
              showTime={{ format: 'HH:mm' }}
              format="HH:mm DD/MM/YYYY"
              value={picked}
              onChange={(v) => setPicked(v && v[0] && v[1] ? [v[0], v[1]] : null)}
              allowClear={false}
              placeholder={[t('fields.from'), t('fields.to')]}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Space wrap>
            <Button htmlType="submit" icon={<SearchOutlined />}>
              {t('ui.checkins.showVisitors')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={file.busy} onClick={() => void exportXlsx()}>
              {t('ui.checkins.exportVisitors')}
            </Button>
          </Space>
        </div>
      </Form>
      <ErrorAlert error={visitors.error ?? file.error} />
      {data && (
        <Typography.Paragraph aria-live="polite">
          {t('ui.checkins.visitsTotal', { count: data.total })}
          {data.outsideJurisdiction > 0 && ` ${t('ui.checkins.outsideCount', { count: data.outsideJurisdiction })}`}
        </Typography.Paragraph>
      )}
      <Table<Row>
        rowKey="visitId"
        size="small"
        loading={visitors.isFetching}
        dataSource={data?.rows ?? []}
        scroll={{ x: 900 }}
        aria-label={t('ui.checkins.visitors')}
        locale={{ emptyText: t('ui.checkins.noVisitors') }}
        pagination={
          (data?.total ?? 0) > PAGE ? { current: page, pageSize: PAGE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage } : false
        }
        columns={[
          { title: t('checkins.export.checkedInAt'), dataIndex: 'checkedInAt', width: 140, render: (v: string) => formatDateTime(v) },
          { title: t('checkins.export.checkedOutAt'), dataIndex: 'checkedOutAt', width: 140, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          {
            title: t('checkins.export.fullName'),
            key: 'name',
            width: 200,
            render: (_, r) =>
              r.person ? <Link to={`/people/${r.person.id}`}>{r.person.fullName}</Link> : <Typography.Text type="secondary">{t('checkins.export.outside')}</Typography.Text>,
          },
          { title: t('checkins.export.birthYear'), key: 'birthYear', width: 90, render: (_, r) => r.person?.birthYear ?? '' },
          { title: t('checkins.export.phone'), key: 'phone', width: 120, render: (_, r) => r.person?.phone ?? '' },
          { title: t('checkins.export.commune'), key: 'commune', width: 170, render: (_, r) => r.person?.communeName ?? '' },
          { title: t('checkins.export.source'), dataIndex: 'source', width: 200, render: (s: Row['source']) => t(`checkins.sources.${s}`) },
        ]}
      />
    </Card>
  );
}
