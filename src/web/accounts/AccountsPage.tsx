import { useState } from 'react';
import { App, Button, Input, Modal, Space, Table, Tag } from 'antd';
import { KeyOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AccountViewDto } from '../../shared/api/auth.js';
import { api } from '../api/client';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import AccountForm, { ResetPasswordForm } from './AccountForm';

type Dialog = { kind: 'create' } | { kind: 'edit'; account: AccountViewDto } | { kind: 'password'; account: AccountViewDto } | null;

export default function AccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = useQuery({ queryKey: ['accounts', search], queryFn: () => api.get<AccountViewDto[]>('/accounts', { search }) });

  function done(text: string) {
    setDialog(null);
    void message.success(text);
    void qc.invalidateQueries({ queryKey: ['accounts'] });
  }

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('ui.accounts.create')}
          </Button>
        }
      >
        {t('ui.nav.accounts')}
      </PageTitle>
      <div className="toolbar">
        <Input.Search
          allowClear
          enterButton={t('ui.common.search')}
          placeholder={t('ui.accounts.searchPlaceholder')}
          aria-label={t('ui.accounts.searchPlaceholder')}
          onSearch={(v) => setSearch(v.trim())}
          style={{ maxWidth: 420 }}
        />
      </div>
      <ErrorAlert error={list.error} />
      <Table<AccountViewDto>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 960 }}
        columns={[
          { title: t('fields.username'), dataIndex: 'username', width: 150 },
          { title: t('fields.displayName'), dataIndex: 'displayName' },
          { title: t('fields.role'), dataIndex: 'role', width: 190, render: (r: string) => t(`ui.roles.${r}`) },
          { title: t('fields.unitId'), dataIndex: 'unitName', width: 220 },
          {
            title: t('ui.accounts.status'),
            key: 'status',
            width: 170,
            render: (_, a) => (
              <Space size={4} wrap>
                {a.active ? <Tag color="green">{t('ui.accounts.active')}</Tag> : <Tag color="red">{t('ui.accounts.disabled')}</Tag>}
                {a.mustChangePassword && <Tag color="gold">{t('ui.accounts.mustChange')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('ui.common.actions'),
            key: 'act',
            width: 96,
            fixed: 'end',
            render: (_, a) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} aria-label={t('ui.accounts.editNamed', { name: a.username })} onClick={() => setDialog({ kind: 'edit', account: a })} />
                <Button size="small" icon={<KeyOutlined />} aria-label={t('ui.accounts.resetNamed', { name: a.username })} onClick={() => setDialog({ kind: 'password', account: a })} />
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        footer={null}
        destroyOnHidden
        onCancel={() => setDialog(null)}
        title={
          dialog?.kind === 'create'
            ? t('ui.accounts.create')
            : dialog?.kind === 'edit'
              ? t('ui.accounts.editNamed', { name: dialog.account.username })
              : dialog
                ? t('ui.accounts.resetNamed', { name: dialog.account.username })
                : ''
        }
      >
        {dialog?.kind === 'create' && <AccountForm onDone={() => done(t('ui.accounts.created'))} />}
        {dialog?.kind === 'edit' && <AccountForm account={dialog.account} onDone={() => done(t('ui.common.saved'))} />}
        {dialog?.kind === 'password' && <ResetPasswordForm account={dialog.account} onDone={() => done(t('ui.accounts.passwordReset'))} />}
      </Modal>
    </>
  );
}
