import { useState } from 'react';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Table, Tag } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';

interface Entry {
  id: number;
  at: string;
  accountId: number | null;
  username: string | null;
  role: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  personId: number | null;
  ip: string | null;
  via: string | null;
}

interface Filters {
  personId?: number | null;
  username?: string;
  action?: string;
  entity?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ACTIONS = ['read', 'search', 'create', 'update', 'merge', 'dismiss', 'export', 'import', 'login', 'logout', 'login_failed', 'password_change'];
const PAGE = 50;

/** Days are Vietnamese calendar days, whatever the browser's time zone. */
const dayStart = (d: Dayjs) => `${d.format('YYYY-MM-DD')}T00:00:00+07:00`;
const dayEnd = (d: Dayjs) => `${d.format('YYYY-MM-DD')}T23:59:59.999+07:00`;

export default function AuditPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const query = {
    personId: filters.personId ?? undefined,
    username: filters.username?.trim() || undefined,
    action: filters.action || undefined,
    entity: filters.entity?.trim() || undefined,
    from: filters.range?.[0] ? dayStart(filters.range[0]) : undefined,
    to: filters.range?.[1] ? dayEnd(filters.range[1]) : undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const log = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<{ total: number; rows: Entry[] }>('/audit', query),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageTitle>{t('ui.nav.audit')}</PageTitle>
      <Form<Filters>
        layout="vertical"
        name="audit-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Row gutter={12} align="bottom">
          <Col xs={12} md={4}>
            <Form.Item name="personId" label={t('ui.audit.personId')}>
              <InputNumber<number> min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="username" label={t('fields.username')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="action" label={t('ui.audit.action')}>
              <Select allowClear options={ACTIONS.map((a) => ({ value: a, label: t(`ui.audit.actions.${a}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="entity" label={t('ui.audit.entity')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="range" label={t('ui.audit.dates')}>
              <DatePicker.RangePicker format="DD/MM/YYYY" allowEmpty={[true, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={3}>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} block>
                {t('ui.common.filter')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <ErrorAlert error={log.error} />
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={log.isFetching}
        dataSource={log.data?.rows ?? []}
        scroll={{ x: 1100 }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: log.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (total) => t('ui.audit.total', { count: total }),
        }}
        columns={[
          { title: t('ui.audit.time'), dataIndex: 'at', width: 140, fixed: 'start', render: (v: string) => formatDateTime(v) },
          { title: t('ui.audit.user'), dataIndex: 'username', width: 130 },
          { title: t('fields.role'), dataIndex: 'role', width: 170, render: (r: string | null) => (r ? t(`ui.roles.${r}`, { defaultValue: r }) : '') },
          {
            title: t('ui.audit.action'),
            dataIndex: 'action',
            width: 150,
            render: (a: string) => <Tag color={a === 'login_failed' ? 'red' : undefined}>{t(`ui.audit.actions.${a}`, { defaultValue: a })}</Tag>,
          },
          { title: t('ui.audit.entity'), key: 'entity', width: 150, render: (_, e) => (e.entityId ? `${e.entity} #${e.entityId}` : e.entity) },
          {
            title: t('ui.audit.personId'),
            dataIndex: 'personId',
            width: 100,
            render: (p: number | null) => (p == null ? '' : can('people.read') ? <Link to={`/people/${p}`}>{p}</Link> : p),
          },
          { title: t('ui.audit.ip'), dataIndex: 'ip', width: 120 },
          { title: t('ui.audit.via'), dataIndex: 'via', ellipsis: true },
        ]}
      />
    </>
  );
}
