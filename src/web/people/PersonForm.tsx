import { useState } from 'react';
import { Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DOC_TYPES, SEXES, type DocType, type PersonDetail, type PersonInput, type Sex } from '../../shared/api/people.js';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import UnitSelect, { type UnitOption } from '../components/UnitSelect';

interface Values {
  fullName: string;
  sex: Sex;
  birthDate?: Dayjs | null;
  birthYear?: number | null;
  docType?: DocType | '';
  docNumber?: string;
  phone?: string;
  nationality: string;
  addressLine?: string;
  communeId?: number;
}

const FIELDS = ['fullName', 'sex', 'birthDate', 'birthYear', 'docType', 'docNumber', 'phone', 'nationality', 'addressLine', 'communeId'] as const;

function toValues(p?: PersonDetail): Partial<Values> {
  if (!p) return { nationality: 'VN', docType: 'cccd' };
  return {
    fullName: p.fullName,
    sex: p.sex,
    birthDate: p.birthDate ? dayjs(p.birthDate) : null,
    birthYear: p.birthDate ? null : p.birthYear,
    docType: p.docType ?? '',
    docNumber: p.docNumber ?? '',
    phone: p.phone ?? '',
    nationality: p.nationality,
    addressLine: p.addressLine,
    communeId: p.communeId,
  };
}

function toInput(v: Values): PersonInput {
  return {
    fullName: v.fullName,
    sex: v.sex,
    birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null,
    birthYear: v.birthDate ? null : (v.birthYear ?? null),
    docType: v.docType || null,
    docNumber: v.docNumber?.trim() || null,
    phone: v.phone?.trim() || null,
    nationality: v.nationality,
    addressLine: v.addressLine ?? '',
    communeId: v.communeId as number,
  };
}

interface Props {
  person?: PersonDetail;
  submitLabel: string;
  onSubmit: (input: PersonInput) => Promise<void>;
  onCancel?: () => void;
}

/** Create and edit share one form; the server checks everything and names the field of each problem. */
export default function PersonForm({ person, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const birthDate = Form.useWatch('birthDate', form);
  const commune: UnitOption | undefined = person
    ? { value: person.communeId, label: [person.commune.name, person.district?.name, person.province.name].filter(Boolean).join(', ') }
    : undefined;

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(toInput(v));
    } catch (err) {
      setError(placeServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" name="person" initialValues={toValues(person)} onFinish={submit} scrollToFirstError style={{ maxWidth: 880 }}>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="fullName" label={t('fields.fullName')} rules={[{ required: true, message: t('ui.common.required') }]}>
              <Input autoComplete="off" maxLength={100} autoFocus={!person} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="sex" label={t('fields.sex')} rules={[{ required: true, message: t('people.errors.sex_required') }]}>
              <Radio.Group options={SEXES.map((s) => ({ value: s, label: t(`people.sex.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="birthDate" label={t('fields.birthDate')} extra={t('ui.people.birthHint')}>
              <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="birthYear" label={t('fields.birthYear')}>
              <InputNumber<number> min={1890} max={dayjs().year()} disabled={!!birthDate} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={10} md={4}>
            <Form.Item name="docType" label={t('fields.docType')}>
              <Select<DocType | ''>
                options={[{ value: '', label: t('ui.people.noDocument') }, ...DOC_TYPES.map((d) => ({ value: d, label: t(`people.docType.${d}`) }))]}
              />
            </Form.Item>
          </Col>
          <Col xs={14} md={8}>
            <Form.Item name="docNumber" label={t('fields.docNumber')}>
              <Input inputMode="numeric" autoComplete="off" maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label={t('fields.phone')}>
              <Input inputMode="tel" autoComplete="off" maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="nationality" label={t('fields.nationality')} rules={[{ required: true, message: t('ui.common.required') }]}>
              <Input maxLength={2} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="communeId" label={t('fields.communeId')} rules={[{ required: true, message: t('people.errors.commune_required') }]}>
              <UnitSelect level="commune" initial={commune} placeholder={t('ui.people.communePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="addressLine" label={t('fields.addressLine')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {submitLabel}
          </Button>
          {onCancel && <Button onClick={onCancel}>{t('ui.common.cancel')}</Button>}
        </Space>
      </Form>
    </>
  );
}
