import { useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Modal, Segmented, Space, Table, Typography } from 'antd';
import { ApartmentOutlined, NotificationOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { CROWD_STATUSES, type CrowdView } from '../../shared/api/cases.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import { formatNumber } from '../components/format';
import { testRow } from './domProps';
import { LevelTag } from './tags';

type Status = CrowdView['status'];
type Decision = 'expand' | 'dismiss';

/**
 * dd/MM/yyyy HH:mm–HH:mm when the visit stays within one Vietnamese day, both ends in full otherwise.
 * Split from formatDateTime ("HH:mm dd/MM/yyyy") so the Vietnam time zone stays in one place.
 */
function windowText(c: CrowdView): string {
  const [startClock, startDate] = formatDateTime(c.windowStart).split(' ');
  const [endClock, endDate] = formatDateTime(c.windowEnd).split(' ');
  return startDate === endDate ? `${startDate} ${startClock}–${endClock}` : `${startDate} ${startClock} – ${endDate} ${endClock}`;
}

/**
 * Visits of this case's traced people shared with more people than the profile's crowd size. A
 * check-in shows who was in the market, not who stood within 2 m, so a crowd is screened as a
 * whole (announcement, testing) unless the tracer expands it into person-by-person proposals.
 */
export default function CrowdsSection({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const mayDecide = can('tracing.decide');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<Status>('pending');
  const [open, setOpen] = useState<{ crowd: CrowdView; decision: Decision } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const list = useQuery({
    queryKey: ['cases', 'crowds', caseId, status],
    queryFn: () => api.get<{ total: number; rows: CrowdView[] }>('/tracing/crowds', { caseId, status, limit: 500 }),
  });
  const rows = list.data?.rows ?? [];

  function ask(crowd: CrowdView, decision: Decision) {
    setError(null);
    setOpen({ crowd, decision });
  }

  async function submit(v: { reason?: string }) {
    if (!open) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ crowd: CrowdView; proposed: number }>(`/tracing/crowds/${open.crowd.id}/decide`, {
        decision: open.decision,
        reason: v.reason?.trim() ?? '',
      });
      // Both lists move: the crowd leaves this one, its people join the proposals.
      await qc.invalidateQueries({ queryKey: ['cases'] });
      void message.success(
        open.decision === 'expand'
          ? t('casesUi.crowds.expanded', { count: r.proposed, n: formatNumber(r.proposed) })
          : t('casesUi.crowds.dismissed', { venue: open.crowd.venue.name }),
      );
      setOpen(null);
    } catch (err) {
      setError(placeServerError(form, err, ['reason']));
    } finally {
      setBusy(false);
    }
  }

  const decidedColumn = {
    title: t('casesUi.crowds.decidedAt'),
    dataIndex: 'decidedAt',
    width: 150,
    render: (d: string | null) => formatDateTime(d),
  };
  const actionsColumn = {
    title: t('ui.common.actions'),
    key: 'actions',
    width: 260,
    render: (_: unknown, c: CrowdView) => (
      <Space wrap>
        <Button size="small" type="primary" ghost icon={<ApartmentOutlined />} data-testid="crowd-expand" onClick={() => ask(c, 'expand')}>
          {t('casesUi.crowds.expand')}
        </Button>
        <Button size="small" icon={<NotificationOutlined />} data-testid="crowd-dismiss" onClick={() => ask(c, 'dismiss')}>
          {t('casesUi.crowds.dismiss')}
        </Button>
      </Space>
    ),
  };

  return (
    <section aria-labelledby="crowds-title" data-testid="crowds-section" style={{ marginBottom: 24 }}>
      <div className="toolbar" style={{ justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={3} id="crowds-title" style={{ fontSize: 18, margin: 0 }}>
          {status === 'pending' && list.data ? t('casesUi.crowds.titleCount', { count: list.data.total }) : t('casesUi.crowds.title')}
        </Typography.Title>
        <Segmented<Status>
          size="small"
          value={status}
          onChange={setStatus}
          options={CROWD_STATUSES.map((s) => ({ value: s, label: t(`casesUi.crowds.status.${s}`) }))}
          data-testid="crowds-status"
        />
      </div>
      <ErrorAlert error={list.error} />
      {list.data && rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`casesUi.crowds.none.${status}`)} />}
      {status === 'pending' && rows.length > 0 && <Typography.Paragraph type="secondary">{t('casesUi.crowds.hint')}</Typography.Paragraph>}
      {list.data && list.data.total > rows.length && (
        <Typography.Paragraph type="warning">{t('casesUi.crowds.more', { shown: rows.length, total: list.data.total })}</Typography.Paragraph>
      )}
      {rows.length > 0 && (
        <Table<CrowdView>
          rowKey="id"
          size="small"
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 860 }}
          onRow={(c) => testRow('crowd-row', { 'data-people': c.people, 'data-crowd-id': c.id })}
          columns={[
            {
              title: t('casesUi.crowds.venue'),
              key: 'venue',
              width: 200,
              render: (_, c) => (
                <>
                  {c.venue.name}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {c.venue.address}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t('casesUi.crowds.subject'),
              key: 'subject',
              width: 210,
              render: (_, c) => (
                <Space size={4}>
                  <LevelTag level={c.subject.level} />
                  {c.subject.fullName ? <Link to={`/people/${c.subject.id}`}>{c.subject.fullName}</Link> : t('casesUi.common.outside')}
                </Space>
              ),
            },
            { title: t('casesUi.crowds.window'), key: 'window', width: 190, render: (_, c) => windowText(c) },
            {
              title: t('casesUi.crowds.people'),
              dataIndex: 'people',
              width: 110,
              align: 'right',
              render: (n: number) => <strong>{formatNumber(n)}</strong>,
            },
            ...(status !== 'pending' ? [decidedColumn] : mayDecide ? [actionsColumn] : []),
          ]}
        />
      )}
      <Modal
        open={open !== null}
        title={open && t(open.decision === 'expand' ? 'casesUi.crowds.expandTitle' : 'casesUi.crowds.dismissTitle', { venue: open.crowd.venue.name })}
        okText={open && t(open.decision === 'expand' ? 'casesUi.crowds.expandOk' : 'casesUi.crowds.dismissOk', { n: formatNumber(open.crowd.people), count: open.crowd.people })}
        okButtonProps={{ loading: busy, 'data-testid': open?.decision === 'expand' ? 'crowd-expand-confirm' : 'crowd-dismiss-confirm' }}
        cancelText={t('ui.common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        {open && (
          <>
            <Typography.Paragraph>
              {open.crowd.subject.fullName ?? t('casesUi.common.outside')} · {windowText(open.crowd)}
            </Typography.Paragraph>
            <Alert
              type={open.decision === 'expand' ? 'warning' : 'info'}
              showIcon
              title={t(open.decision === 'expand' ? 'casesUi.crowds.expandWarning' : 'casesUi.crowds.dismissInfo', {
                count: open.crowd.people,
                n: formatNumber(open.crowd.people),
              })}
              style={{ marginBottom: 16 }}
            />
            <ErrorAlert error={error} />
            <Form form={form} layout="vertical" name="crowd-decision" onFinish={(v) => void submit(v)}>
              <Form.Item name="reason" label={t('casesUi.crowds.reason')} extra={open.decision === 'dismiss' ? t('casesUi.crowds.reasonHint') : undefined}>
                <Input.TextArea rows={2} maxLength={500} data-testid="crowd-reason" />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </section>
  );
}
