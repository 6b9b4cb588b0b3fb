import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RowError } from '../api/client';

export default function RowErrorsTable({ rows }: { rows: RowError[] }) {
  const { t } = useTranslation();
  return (
    <Table<RowError>
      size="small"
      rowKey={(r, i) => `${r.row}-${r.field ?? ''}-${i}`}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: true }}
      aria-label={t('ui.import.rowErrors')}
      columns={[
        ...(rows.some((r) => r.file) ? [{ title: t('ui.import.file'), dataIndex: 'file', width: 160 }] : []),
        { title: t('ui.import.row'), dataIndex: 'row', width: 80 },
        { title: t('ui.import.field'), dataIndex: 'field', width: 160, render: (f?: string) => (f ? t(`fields.${f}`, { defaultValue: f }) : '') },
        { title: t('ui.import.message'), dataIndex: 'message' },
      ]}
    />
  );
}
