import { useState } from 'react';
import { App, Button, Tooltip, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

type Imported = { rows: number; completed: number; unchanged: number };

/**
 * Uploads the exported worklist with outcomes written in by the teams; the rows' problems come
 * back through onError, for the page's error box to list them.
 */
export default function OutcomesUpload({ onError }: { onError: (err: unknown) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function upload(file: File) {
    setBusy(true);
    onError(null);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const r = await api.post<Imported>('/tracing/tasks/import', body);
      void message.success(t('casesUi.tasks.outcomesImported', { rows: r.rows, completed: r.completed, unchanged: r.unchanged }));
      await qc.invalidateQueries({ queryKey: ['cases'] });
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Upload
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      showUploadList={false}
      beforeUpload={(file) => {
        void upload(file);
        return false;
      }}
    >
      <Tooltip title={t('casesUi.tasks.importOutcomesHint')}>
        <Button icon={<UploadOutlined />} loading={busy} data-testid="tasks-import">
          {t('casesUi.tasks.importOutcomes')}
        </Button>
      </Tooltip>
    </Upload>
  );
}
