import { useEffect, useState } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS, facilityInput, FUNDING_SOURCES, isTreatmentKind, type FacilityDetail, type FacilityInput, type FacilityKind } from '../../shared/api/quarantine.js';
import { ApiError } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import PageTitle from '../components/PageTitle';
import UnitSelect from '../components/UnitSelect';
import { draftsOf, fieldPath, newKey, structureOf, structureSpot, totalsOf, type ZoneDraft } from './model';
import { saveFacility, useFacility, useRefresh } from './queries';
import StructureEditor, { type StructureError } from './StructureEditor';

interface Values {
  code: string;
  name: string;
  kind: FacilityKind;
  tier?: number | null;
  paid: boolean;
  fundingSource: FacilityInput['fundingSource'];
  communeId?: number;
  managingUnitId?: number | null;
  addressLine?: string;
  oxygenBeds?: number | null;
  icuBeds?: number | null;
  familyRooms: boolean;
}
const FIELDS = ['code', 'name', 'kind', 'tier', 'paid', 'fundingSource', 'communeId', 'managingUnitId', 'addressLine', 'oxygenBeds', 'icuBeds', 'familyRooms'] as const;

const valuesOf = (f: FacilityDetail): Values => ({
  code: f.code,
  name: f.name,
  kind: f.kind,
  tier: f.tier,
  paid: f.paid,
  fundingSource: f.fundingSource,
  communeId: f.communeId,
  managingUnitId: f.managingUnit?.id ?? null,
  addressLine: f.addressLine,
  oxygenBeds: f.oxygenBeds,
  icuBeds: f.icuBeds,
  familyRooms: f.familyRooms,
});

/** A new facility, or a stored one rewritten: its details and its zones, rooms and beds, saved in one call. */
export default function FacilityEditorPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useRefresh();
  const { id: idParam } = useParams();
  const [params] = useSearchParams();
  const id = idParam ? Number(idParam) : null;
  const stored = useFacility(id ?? undefined);
  const [form] = Form.useForm<Values>();
  const [zones, setZones] = useState<ZoneDraft[]>(() => [{ key: newKey(), name: t('quarantineUi.editor.defaultZone'), rooms: [] }]);
  const [structError, setStructError] = useState<StructureError | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const treatment = kind ? isTreatmentKind(kind) : false;
  const totals = totalsOf(zones);

  useEffect(() => {
    if (!stored.data) return;
    form.setFieldsValue(valuesOf(stored.data));
    setZones(draftsOf(stored.data.zones));
  }, [stored.data, form]);

  // A facility has at least the oxygen and ICU beds its rooms list: the counts follow the listing up.
  useEffect(() => {
    const { oxygenBeds, icuBeds } = form.getFieldsValue(['oxygenBeds', 'icuBeds']);
    if ((oxygenBeds ?? 0) < totals.oxygen) form.setFieldValue('oxygenBeds', totals.oxygen);
    if ((icuBeds ?? 0) < totals.icu) form.setFieldValue('icuBeds', totals.icu);
  }, [totals.oxygen, totals.icu, form]);

  function place(field: string, message: string): boolean {
    const spot = structureSpot(field);
    if (spot) {
      setStructError({ spot, message });
      return true;
    }
    if (field === 'zones') {
      setStructError({ spot: { zone: 0, room: null, bed: null, prop: null }, message });
      return true;
    }
    return false;
  }

  async function submit(v: Values) {
    setError(null);
    setStructError(null);
    const input: FacilityInput = {
      ...v,
      tier: isTreatmentKind(v.kind) ? (v.tier ?? null) : null,
      communeId: v.communeId as number,
      managingUnitId: v.managingUnitId ?? null,
      addressLine: v.addressLine ?? '',
      oxygenBeds: v.oxygenBeds ?? 0,
      icuBeds: v.icuBeds ?? 0,
      zones: structureOf(zones),
    };
    // The shared contract checks the structure here, so a mistake is shown on its room before sending.
    const checked = facilityInput.safeParse(input);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = fieldPath(issue.path);
      const message = t(issue.message, { defaultValue: t('errors.invalid') });
      if (!place(field, message)) form.setFields([{ name: field.split('.')[0] as never, errors: [message] }]);
      return;
    }
    setBusy(true);
    try {
      const saved = await saveFacility(id, input);
      await refresh();
      navigate(`/quarantine/facilities/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.field && place(err.field, err.message)) return;
      setError(placeServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const initialKind = params.get('kind') === 'treatment' ? 'treatment_field' : 'quarantine_centralized';
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to={id ? `/quarantine/facilities/${id}` : '/quarantine'}>← {t(id ? 'quarantineUi.editor.backToFacility' : 'quarantineUi.facilities.backToList')}</Link>
      </Typography.Paragraph>
      <PageTitle>{id ? t('quarantineUi.editor.editTitle', { name: stored.data?.name ?? '' }) : t('quarantineUi.editor.newTitle')}</PageTitle>
      <ErrorAlert error={stored.error ?? error} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="facility"
        initialValues={{ kind: initialKind, paid: false, fundingSource: 'state', familyRooms: false, oxygenBeds: 0, icuBeds: 0, addressLine: '' }}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
        disabled={!!id && !stored.data}
      >
        <Card size="small" title={t('quarantineUi.editor.details')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="code" label={t('quarantineUi.fields.code')} extra={t('quarantineUi.editor.codeHint')} rules={[{ required: true, message: t('quarantine.errors.facility_code_invalid') }]}>
                <Input maxLength={30} data-testid="facility-code" onChange={(e) => form.setFieldValue('code', e.target.value.toUpperCase())} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="name" label={t('quarantineUi.fields.name')} rules={[{ required: true, message: t('quarantine.errors.name_length') }]}>
                <Input maxLength={200} data-testid="facility-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('quarantineUi.fields.kind')}>
                <Select<FacilityKind> data-testid="facility-kind" options={FACILITY_KINDS.map((k) => ({ value: k, label: t(`quarantineUi.kind.${k}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="communeId" label={t('quarantineUi.fields.commune')} rules={[{ required: true, message: t('quarantine.errors.commune_required') }]}>
                <UnitSelect level="commune" aria-label={t('quarantineUi.fields.commune')} initial={stored.data ? { value: stored.data.communeId, label: stored.data.communeName } : undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="managingUnitId" label={t('quarantineUi.fields.managingUnit')} extra={t('quarantineUi.editor.managingHint')}>
                <UnitSelect allowClear aria-label={t('quarantineUi.fields.managingUnit')} initial={stored.data?.managingUnit ? { value: stored.data.managingUnit.id, label: stored.data.managingUnit.name } : undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="addressLine" label={t('quarantineUi.fields.address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            {treatment && (
              <Col xs={12} md={4}>
                <Form.Item name="tier" label={t('quarantineUi.fields.tier')} rules={[{ required: true, message: t('quarantine.errors.tier_required') }]}>
                  <Select<number> data-testid="facility-tier" options={[1, 2, 3].map((n) => ({ value: n, label: t('quarantineUi.fields.tierN', { tier: n }) }))} />
                </Form.Item>
              </Col>
            )}
            <Col xs={12} md={5}>
              <Form.Item name="fundingSource" label={t('quarantineUi.fields.funding')}>
                <Select options={FUNDING_SOURCES.map((f) => ({ value: f, label: t(`quarantineUi.funding.${f}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={3}>
              <Form.Item name="paid" label={t('quarantineUi.fields.paid')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="familyRooms" label={t('quarantineUi.fields.familyRooms')} valuePropName="checked" tooltip={t('quarantineUi.editor.familyHint')}>
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="oxygenBeds" label={t('quarantineUi.fields.oxygenBeds')} extra={totals.oxygen ? t('quarantineUi.editor.listed', { count: totals.oxygen }) : undefined}>
                <InputNumber<number> min={0} max={100_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="icuBeds" label={t('quarantineUi.fields.icuBeds')} extra={totals.icu ? t('quarantineUi.editor.listed', { count: totals.icu }) : undefined}>
                <InputNumber<number> min={0} max={100_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <StructureEditor
          zones={zones}
          onChange={(z) => {
            setZones(z);
            setStructError(null);
          }}
          error={structError}
        />
        <Button type="primary" htmlType="submit" loading={busy} data-testid="facility-save">
          {t(id ? 'quarantineUi.editor.save' : 'quarantineUi.editor.create')}
        </Button>
      </Form>
    </>
  );
}
