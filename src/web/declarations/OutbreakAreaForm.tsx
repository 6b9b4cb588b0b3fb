import { useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OUTBREAK_AREA_KINDS, type OutbreakAreaInput } from '../../shared/api/declarations.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import UnitSelect from '../components/UnitSelect';
import { countryName } from './names';

interface Values {
  kind: 'unit' | 'country';
  unitId?: number | null;
  country?: string;
  label?: string;
  fromDate: Dayjs;
  untilDate?: Dayjs | null;
}

const FIELDS = ['kind', 'unitId', 'country', 'label', 'fromDate', 'untilDate'] as const;
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** Marks a unit of the tree or a country as an outbreak area: declarations that touch it are flagged. */
export default function OutbreakAreaForm() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const country = Form.useWatch('country', form);
  const code = country?.trim().toUpperCase() ?? '';

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    const input: OutbreakAreaInput = {
      kind: v.kind,
      unitId: v.kind === 'unit' ? (v.unitId ?? null) : null,
      country: v.kind === 'country' ? (v.country?.trim() ?? null) : null,
      label: v.label?.trim() || null,
      fromDate: iso(v.fromDate) ?? '',
      untilDate: iso(v.untilDate),
    };
    try {
      await api.post('/declarations/outbreak-areas', input);
      await qc.invalidateQueries({ queryKey: ['declarations', 'outbreak-areas'] });
      form.resetFields();
      void message.success(t('ui.declarations.areaMarked'));
    } catch (err) {
      setError(placeServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" name="outbreakArea" initialValues={{ kind: 'unit', fromDate: dayjs() }} onFinish={submit}>
        <Form.Item name="kind" label={t('ui.declarations.areaKind')}>
          <Radio.Group optionType="button" options={OUTBREAK_AREA_KINDS.map((k) => ({ value: k, label: t(`ui.declarations.areaKinds.${k}`) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {kind === 'country' ? (
              <Form.Item
                name="country"
                label={t('ui.declarations.countryCode')}
                extra={/^[A-Z]{2}$/.test(code) ? countryName(code, i18n.language) : t('ui.declarations.countryHint')}
                rules={[{ required: true, message: t('declarations.errors.area_country_required') }]}
              >
                <Input maxLength={2} autoComplete="off" style={{ textTransform: 'uppercase', maxWidth: 120 }} />
              </Form.Item>
            ) : (
              <Form.Item name="unitId" label={t('ui.declarations.areaUnit')} rules={[{ required: true, message: t('declarations.errors.area_unit_required') }]}>
                <UnitSelect placeholder={t('ui.declarations.areaUnitPlaceholder')} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="label"
              label={t('ui.declarations.areaLabel')}
              extra={kind === 'country' ? undefined : t('ui.declarations.areaLabelHint')}
              rules={kind === 'country' ? [{ required: true, whitespace: true, message: t('declarations.errors.area_label_required') }] : []}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="fromDate" label={t('fields.fromDate')} rules={[{ required: true, message: t('ui.common.required') }]}>
              <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="untilDate" label={t('fields.untilDate')} extra={t('ui.declarations.untilHint')}>
              <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ui.declarations.markArea')}
        </Button>
      </Form>
    </>
  );
}
