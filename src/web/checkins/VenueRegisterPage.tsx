import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { VENUE_TYPES, type VenueInput, type VenueType, type VenueViewDto } from '../../shared/api/checkins.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import LinkButton from '../components/LinkButton';
import PageTitle from '../components/PageTitle';
import UnitSelect from '../components/UnitSelect';

interface Values {
  name: string;
  type: VenueType;
  addressLine: string;
  communeId: number;
  managerName: string;
  managerPhone: string;
  capacity?: number | null;
}

const FIELDS = ['name', 'type', 'addressLine', 'communeId', 'managerName', 'managerPhone', 'capacity'] as const;

/** Officials register a venue themselves; it is active at once, unlike an owner's registration. */
export default function VenueRegisterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, whitespace: true, message: t('ui.common.required') }];

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    const input: VenueInput = { ...v, capacity: v.capacity ?? null };
    try {
      const venue = await api.post<VenueViewDto>('/checkins/venues', input);
      await qc.invalidateQueries({ queryKey: ['venues'] });
      void message.success(t('ui.checkins.registered', { name: venue.name, code: venue.code }));
      navigate(`/checkins/venues/${venue.id}`);
    } catch (err) {
      setError(placeServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>{t('ui.checkins.registerTitle')}</PageTitle>
      <Card>
        <ErrorAlert error={error} />
        <Form<Values> form={form} layout="vertical" name="venue" onFinish={submit} scrollToFirstError style={{ maxWidth: 880 }}>
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item name="name" label={t('ui.checkins.venueName')} rules={required}>
                <Input maxLength={200} autoFocus autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="type" label={t('ui.checkins.venueType')} rules={[{ required: true, message: t('checkins.errors.type_unknown') }]}>
                <Select<VenueType> options={VENUE_TYPES.map((v) => ({ value: v, label: t(`citizen.venue.types.${v}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="communeId" label={t('fields.communeId')} rules={[{ required: true, message: t('checkins.errors.commune_required') }]}>
                <UnitSelect level="commune" placeholder={t('ui.people.communePlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="addressLine" label={t('fields.addressLine')} rules={required}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="managerName" label={t('ui.checkins.managerName')} rules={required}>
                <Input maxLength={100} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="managerPhone" label={t('fields.managerPhone')} rules={required}>
                <Input inputMode="tel" maxLength={20} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item name="capacity" label={t('fields.capacity')}>
                <InputNumber<number> min={1} max={1_000_000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('ui.checkins.registerSubmit')}
            </Button>
            <LinkButton to="/checkins">{t('ui.common.cancel')}</LinkButton>
          </Space>
        </Form>
      </Card>
    </>
  );
}
