import { useState } from 'react';
import { Button, Card, Modal, QRCode, Table, Tag, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CertificateViewDto } from '../../shared/api/certificates.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import { testRow } from '../cases/domProps';
import { certificateStatus, STATUS_COLOR } from './certificateStatus';
import RevokeCertificate from './RevokeCertificate';

/** The QR exactly as issued ("HC1:…"), large enough for a phone's camera to read the dense code. */
function CertificateQr({ certificate, onClose }: { certificate: CertificateViewDto; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('labWeb.certificates.qrTitle', { uvci: certificate.uvci })} onCancel={onClose} footer={
        <Button onClick={onClose} data-testid="certificate-qr-close">
          {t('labWeb.certificates.close')}
        </Button>
      }>
      <div style={{ display: 'flex', justifyContent: 'center' }} data-testid="certificate-qr" data-qr={certificate.qr}>
        <QRCode value={certificate.qr} size={320} errorLevel="M" bordered={false} />
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('labWeb.certificates.qrHint')}
      </Typography.Paragraph>
    </Modal>
  );
}

/** A person's certificates (tests now, vaccination later), with their QR and, for those allowed, revocation. */
export default function PersonCertificatesCard({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const q = useQuery({ queryKey: ['certificates', 'person', personId], queryFn: () => api.get<CertificateViewDto[]>(`/certificates/people/${personId}`) });
  const [shown, setShown] = useState<CertificateViewDto | null>(null);
  const now = new Date();

  return (
    <Card title={t('labWeb.certificates.title')} style={{ marginBottom: 16 }} loading={q.isPending} data-testid="person-certificates">
      <ErrorAlert error={q.error} />
      {q.data && (
        <Table<CertificateViewDto>
          rowKey="id"
          size="small"
          dataSource={q.data}
          pagination={q.data.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          scroll={{ x: 900 }}
          aria-label={t('labWeb.certificates.title')}
          locale={{ emptyText: t('labWeb.certificates.none') }}
          onRow={(c) => testRow('certificate-row', { 'data-certificate-id': c.id, 'data-status': certificateStatus(c, now), 'data-uvci': c.uvci })}
          columns={[
            { title: t('labWeb.certificates.type'), dataIndex: 'type', width: 170, render: (v: CertificateViewDto['type']) => t(`certificates.types.${v}`) },
            { title: t('labWeb.certificates.issuedAt'), dataIndex: 'issuedAt', width: 140, render: (v: string) => formatDateTime(v) },
            { title: t('labWeb.certificates.expiresAt'), dataIndex: 'expiresAt', width: 140, render: (v: string) => formatDateTime(v) },
            {
              title: t('labWeb.certificates.status'),
              key: 'status',
              width: 220,
              render: (_, c) => {
                const status = certificateStatus(c, now);
                return (
                  <>
                    <Tag color={STATUS_COLOR[status]} data-testid="certificate-status">
                      {t(`labWeb.certificates.statuses.${status}`)}
                    </Tag>
                    {c.revokedAt && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('labWeb.certificates.revokedAt', { at: formatDateTime(c.revokedAt), reason: c.revocationReason ?? '' })}
                      </Typography.Text>
                    )}
                  </>
                );
              },
            },
            {
              title: t('labWeb.certificates.uvci'),
              dataIndex: 'uvci',
              render: (v: string) => (
                <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                  {v}
                </Typography.Text>
              ),
            },
            {
              title: '',
              key: 'actions',
              width: 190,
              render: (_, c) => (
                <div className="toolbar" style={{ marginBottom: 0, gap: 8, flexWrap: 'nowrap' }}>
                  <Button size="small" icon={<QrcodeOutlined />} onClick={() => setShown(c)} data-testid="certificate-qr-open">
                    {t('labWeb.certificates.qr')}
                  </Button>
                  {!c.revokedAt && can('certificates.revoke') && <RevokeCertificate certificate={c} />}
                </div>
              ),
            },
          ]}
        />
      )}
      {shown && <CertificateQr certificate={shown} onClose={() => setShown(null)} />}
    </Card>
  );
}
