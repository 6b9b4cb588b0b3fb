import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StaffInput, StaffView } from '../../shared/api/quarantine.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import FormModal from '../components/FormModal';
import { useActionMessage } from '../components/useActionMessage';
import { useFormSubmit } from '../components/useFormSubmit';
import { enterConfirmsDates } from '../cases/domProps';
import { QUARANTINE_KEY, useRefresh } from './queries';

interface Values {
  fullName: string;
  phone?: string;
  role: string;
  onDutyFrom: Dayjs;
  onDutyTo?: Dayjs | null;
}

/** Who is on duty at the facility now (or the whole roster), with shifts added and ended by its managers. */
export default function StaffCard({ facilityId, canEdit }: { facilityId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const act = useActionMessage();
  const refresh = useRefresh();
  const [all, setAll] = useState(false);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useFormSubmit(form, ['fullName', 'phone', 'role', 'onDutyFrom', 'onDutyTo']);
  const staff = useQuery({
    queryKey: [...QUARANTINE_KEY, 'staff', facilityId, all],
    queryFn: () => api.get<{ rows: StaffView[] }>(`/quarantine/facilities/${facilityId}/staff`, { all: all ? 'true' : undefined }),
  });

  function add(v: Values) {
    const body: StaffInput = { fullName: v.fullName, phone: v.phone || null, role: v.role, onDutyFrom: v.onDutyFrom.toISOString(), onDutyTo: v.onDutyTo ? v.onDutyTo.toISOString() : null };
    return run(async () => {
      await api.post(`/quarantine/facilities/${facilityId}/staff`, body);
      await refresh();
      setOpen(false);
      form.resetFields();
    });
  }

  const end = (s: StaffView) =>
    act(async () => {
      await api.post(`/quarantine/facilities/${facilityId}/staff/${s.id}/end`, { onDutyTo: new Date().toISOString() });
      await refresh();
    });

  return (
    <Card
      size="small"
      title={t('quarantineUi.staff.title')}
      extra={
        <>
          <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
            {t('quarantineUi.staff.showAll')}
          </Typography.Text>
          <Switch size="small" checked={all} onChange={setAll} aria-label={t('quarantineUi.staff.showAll')} />
          {canEdit && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginInlineStart: 12 }} data-testid="staff-add">
              {t('quarantineUi.staff.add')}
            </Button>
          )}
        </>
      }
      style={{ marginBottom: 16 }}
    >
      <ErrorAlert error={staff.error} />
      <Table<StaffView>
        rowKey="id"
        size="small"
        loading={staff.isFetching}
        dataSource={staff.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 700 }}
        aria-label={t('quarantineUi.staff.title')}
        locale={{ emptyText: t('quarantineUi.staff.none') }}
        onRow={() => ({ 'data-testid': 'staff-row' }) as object}
        columns={[
          { title: t('quarantineUi.staff.name'), dataIndex: 'fullName', width: 180 },
          { title: t('quarantineUi.staff.role'), dataIndex: 'role', width: 160 },
          { title: t('quarantineUi.staff.phone'), dataIndex: 'phone', width: 120 },
          {
            title: t('quarantineUi.staff.shift'),
            key: 'shift',
            width: 240,
            render: (_, s) => `${formatDateTime(s.onDutyFrom)} – ${s.onDutyTo ? formatDateTime(s.onDutyTo) : t('quarantineUi.staff.open')}`,
          },
          { title: '', key: 'on', width: 110, render: (_, s) => (s.onDuty ? <Tag color="green">{t('quarantineUi.staff.onDuty')}</Tag> : null) },
          ...(canEdit
            ? [
                {
                  title: '',
                  key: 'end',
                  width: 110,
                  render: (_: unknown, s: StaffView) =>
                    s.onDuty && (
                      <Popconfirm title={t('quarantineUi.staff.endConfirm', { name: s.fullName })} onConfirm={() => void end(s)} okText={t('quarantineUi.staff.end')} cancelText={t('ui.common.cancel')}>
                        <Button size="small">{t('quarantineUi.staff.end')}</Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      <FormModal open={open} onClose={() => setOpen(false)} title={t('quarantineUi.staff.add')} form={form} busy={busy} error={error} submitTestId="staff-submit">
        <Form<Values> form={form} layout="vertical" name="staff" initialValues={{ onDutyFrom: dayjs().startOf('minute') }} onKeyDown={enterConfirmsDates} onFinish={(v) => void add(v)}>
          <Form.Item name="fullName" label={t('quarantineUi.staff.name')} rules={[{ required: true, message: t('quarantine.errors.name_length') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="role" label={t('quarantineUi.staff.role')} rules={[{ required: true, message: t('quarantine.errors.staff_role_length') }]}>
            <Input maxLength={100} placeholder={t('quarantineUi.staff.rolePlaceholder')} />
          </Form.Item>
          <Form.Item name="phone" label={t('quarantineUi.staff.phone')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="onDutyFrom" label={t('quarantineUi.staff.from')} rules={[{ required: true, message: t('quarantine.errors.time_invalid') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="onDutyTo" label={t('quarantineUi.staff.to')} extra={t('quarantineUi.staff.toHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </FormModal>
    </Card>
  );
}
