import { useState } from 'react';
import { Button, Card, Col, Form, Input, Modal, Row, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SITE_KINDS, type LabInput, type LabView, type SiteInput, type SiteView } from '../../shared/api/testing.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import UnitSelect from '../components/UnitSelect';
import { TESTING_KEY, useLabs, useSites } from './queries';
import VenueSelect from './VenueSelect';

type Dialog = 'site' | 'lab' | null;

/** Where samples are taken and where they go: the lists a campaign and the custody screen pick from. */
export default function SitesLabsCard() {
  const { t } = useTranslation();
  const can = useCan();
  const sites = useSites(can('testing.sample'));
  const labs = useLabs();
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can('testing.manage');
  return (
    <Card title={t('testingUi.sites.title')} style={{ marginTop: 24 }}>
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          <div className="toolbar" style={{ justifyContent: 'space-between' }}>
            <strong>{t('testingUi.sites.sites')}</strong>
            {manage && (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('site')} data-testid="site-create">
                {t('testingUi.sites.addSite')}
              </Button>
            )}
          </div>
          <ErrorAlert error={sites.error} />
          <Table<SiteView>
            rowKey="id"
            size="small"
            loading={sites.isFetching}
            dataSource={sites.data?.rows ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('testingUi.sites.noSites') }}
            aria-label={t('testingUi.sites.sites')}
            columns={[
              { title: t('testingUi.fields.name'), dataIndex: 'name', render: (name: string, s) => (s.active ? name : <>{name} <Tag>{t('testingUi.sites.inactive')}</Tag></>) },
              { title: t('testingUi.fields.siteKind'), dataIndex: 'kind', width: 140, render: (k: SiteView['kind']) => t(`testingUi.siteKind.${k}`) },
              { title: t('testingUi.fields.commune'), dataIndex: 'communeName', width: 160 },
            ]}
          />
        </Col>
        <Col xs={24} lg={10}>
          <div className="toolbar" style={{ justifyContent: 'space-between' }}>
            <strong>{t('testingUi.sites.labs')}</strong>
            {manage && (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('lab')} data-testid="lab-create">
                {t('testingUi.sites.addLab')}
              </Button>
            )}
          </div>
          <ErrorAlert error={labs.error} />
          <Table<LabView>
            rowKey="id"
            size="small"
            loading={labs.isFetching}
            dataSource={labs.data?.rows ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('testingUi.sites.noLabs') }}
            aria-label={t('testingUi.sites.labs')}
            columns={[
              { title: t('testingUi.fields.labCode'), dataIndex: 'code', width: 110 },
              { title: t('testingUi.fields.name'), dataIndex: 'name' },
            ]}
          />
        </Col>
      </Row>
      {dialog === 'site' && <SiteDialog onClose={() => setDialog(null)} />}
      {dialog === 'lab' && <LabDialog onClose={() => setDialog(null)} />}
    </Card>
  );
}

/** Saves through the server, which checks every field; a problem lands on the field it names. */
function useSave<T>(fields: readonly string[], path: string, onClose: () => void) {
  const qc = useQueryClient();
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function save(values: T) {
    setBusy(true);
    setError(null);
    try {
      await api.post(path, values);
      await qc.invalidateQueries({ queryKey: TESTING_KEY });
      onClose();
    } catch (err) {
      setError(placeServerError(form, err, fields));
    } finally {
      setBusy(false);
    }
  }
  return { form, error, busy, save };
}

function SiteDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { form, error, busy, save } = useSave<SiteInput>(['name', 'kind', 'venueId', 'addressLine', 'communeId'], '/testing/sites', onClose);
  const kind = Form.useWatch('kind', form);
  return (
    <Modal open title={t('testingUi.sites.addSite')} onCancel={onClose} onOk={() => form.submit()} okText={t('ui.common.create')} confirmLoading={busy} okButtonProps={{ 'data-testid': 'site-submit' } as Record<string, string>}>
      <ErrorAlert error={error} />
      <Form<SiteInput> form={form} layout="vertical" name="site" initialValues={{ kind: 'fixed', addressLine: '' }} onFinish={save}>
        <Form.Item name="name" label={t('testingUi.fields.name')} rules={[{ required: true, message: t('ui.common.required') }]}>
          <Input maxLength={200} data-testid="site-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('testingUi.fields.siteKind')}>
          <Select options={SITE_KINDS.map((k) => ({ value: k, label: t(`testingUi.siteKind.${k}`) }))} />
        </Form.Item>
        {kind === 'venue' && (
          <Form.Item name="venueId" label={t('testingUi.fields.venue')}>
            <VenueSelect />
          </Form.Item>
        )}
        <Form.Item name="communeId" label={t('testingUi.fields.commune')} rules={[{ required: true, message: t('testing.errors.commune_required') }]}>
          <UnitSelect level="commune" aria-label={t('testingUi.fields.commune')} />
        </Form.Item>
        <Form.Item name="addressLine" label={t('testingUi.fields.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LabDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { form, error, busy, save } = useSave<LabInput>(['code', 'name', 'communeId'], '/testing/labs', onClose);
  return (
    <Modal open title={t('testingUi.sites.addLab')} onCancel={onClose} onOk={() => form.submit()} okText={t('ui.common.create')} confirmLoading={busy} okButtonProps={{ 'data-testid': 'lab-submit' } as Record<string, string>}>
      <ErrorAlert error={error} />
      <Form<LabInput> form={form} layout="vertical" name="lab" onFinish={save}>
        <Form.Item name="code" label={t('testingUi.fields.labCode')} extra={t('testingUi.sites.labCodeHint')} rules={[{ required: true, message: t('ui.common.required') }]}>
          <Input maxLength={30} style={{ textTransform: 'uppercase' }} data-testid="lab-code" />
        </Form.Item>
        <Form.Item name="name" label={t('testingUi.fields.name')} rules={[{ required: true, message: t('ui.common.required') }]}>
          <Input maxLength={200} data-testid="lab-name" />
        </Form.Item>
        <Form.Item name="communeId" label={t('testingUi.fields.commune')} rules={[{ required: true, message: t('testing.errors.commune_required') }]}>
          <UnitSelect level="commune" aria-label={t('testingUi.fields.commune')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
