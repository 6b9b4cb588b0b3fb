import { useState } from 'react';
import { Alert, Button, Modal, Popconfirm, QRCode, Space, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HomeStayView } from '../../../shared/api/quarantine-monitoring.js';
import { formatDateTime } from '../../../shared/vn/dates.js';
import { api } from '../../api/client';
import { useActionMessage } from '../../components/useActionMessage';
import { QUARANTINE_KEY } from '../queries';
import { reportLinkUrl } from './model';

/**
 * The self-report link of a home stay. Only the token's hash is kept, so the link is shown once,
 * as text to send by SMS or Zalo and as a QR to print; a lost link is replaced by a new one (the
 * old one stops working, hence the confirmation).
 */
export default function ReportLink({ stay }: { stay: HomeStayView }) {
  const { t } = useTranslation();
  const act = useActionMessage();
  const qc = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const has = stay.reportLinkCreatedAt !== null;

  async function create() {
    setBusy(true);
    await act(async () => {
      const link = await api.post<{ token: string }>(`/quarantine/stays/${stay.stayId}/report-link`);
      setUrl(reportLinkUrl(window.location.origin, link.token));
      await qc.invalidateQueries({ queryKey: QUARANTINE_KEY });
    });
    setBusy(false);
  }

  const button = (
    <Button size="small" icon={<LinkOutlined />} loading={busy} onClick={has ? undefined : () => void create()} data-testid="home-link-create" data-has-link={String(has)}>
      {t(has ? 'quarantineMonitoringUi.home.link.rotate' : 'quarantineMonitoringUi.home.link.create')}
    </Button>
  );

  return (
    <>
      <Space orientation="vertical" size={2}>
        {has ? (
          <Popconfirm title={t('quarantineMonitoringUi.home.link.rotateConfirm')} okText={t('quarantineMonitoringUi.home.link.rotate')} cancelText={t('ui.common.cancel')} onConfirm={() => void create()}>
            {button}
          </Popconfirm>
        ) : (
          button
        )}
        {has && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('quarantineMonitoringUi.home.link.since', { at: formatDateTime(stay.reportLinkCreatedAt) })}
          </Typography.Text>
        )}
      </Space>
      <Modal
        open={url !== null}
        title={t('quarantineMonitoringUi.home.link.title', { name: stay.person.fullName })}
        onCancel={() => setUrl(null)}
        footer={
          <Button type="primary" onClick={() => setUrl(null)} data-testid="home-link-close">
            {t('quarantineMonitoringUi.home.link.done')}
          </Button>
        }
        destroyOnHidden
      >
        {url && (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('quarantineMonitoringUi.home.link.once')} />
            <Typography.Paragraph>{t('quarantineMonitoringUi.home.link.send')}</Typography.Paragraph>
            <Typography.Paragraph
              copyable={{ text: url, tooltips: [t('quarantineMonitoringUi.home.link.copy'), t('quarantineMonitoringUi.home.link.copied')] }}
              style={{ fontFamily: 'monospace', fontSize: 13, wordBreak: 'break-all', background: '#f5f5f5', padding: 8, borderRadius: 6 }}
              data-testid="home-link-url"
            >
              {url}
            </Typography.Paragraph>
            <div style={{ display: 'flex', justifyContent: 'center' }}>
              <QRCode value={url} size={240} errorLevel="M" bordered={false} data-testid="home-link-qr" />
            </div>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 0 }}>
              {t('quarantineMonitoringUi.home.link.qrHint')}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </>
  );
}
