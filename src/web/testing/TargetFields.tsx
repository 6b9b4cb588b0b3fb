import { useState } from 'react';
import { Checkbox, DatePicker, Form, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TARGET_KINDS } from '../../shared/api/testing.js';
import type { PersonSummary } from '../../shared/api/people.js';
import UnitSelect from '../components/UnitSelect';
import ClusterSelect from '../cases/ClusterSelect';
import PersonPicker from '../cases/PersonPicker';
import VenueSelect from './VenueSelect';

const LEVELS = [1, 2, 3];

/** The fields of whom a campaign tests, under the form's "target" name; only the chosen kind's are shown. */
export default function TargetFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const kind = Form.useWatch(['target', 'kind'], form);
  const required = (key: string) => [{ required: true, message: t(key) }];
  return (
    <>
      <Form.Item name={['target', 'kind']} label={t('testingUi.fields.target')}>
        <Radio.Group
          data-testid="campaign-target-kind"
          optionType="button"
          options={TARGET_KINDS.map((k) => ({ value: k, label: t(`testingUi.targetKind.${k}`), 'data-testid': `target-kind-${k}` }) as { value: string; label: string })}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginTop: -16 }}>
        {kind && t(`testingUi.targetHint.${kind}`)}
      </Typography.Paragraph>
      {kind === 'commune_population' && (
        <Form.Item name={['target', 'communeId']} label={t('testingUi.fields.commune')} rules={required('testing.errors.commune_required')}>
          <UnitSelect level="commune" aria-label={t('testingUi.fields.commune')} />
        </Form.Item>
      )}
      {(kind === 'venue_visitors' || kind === 'factory_workers') && (
        <>
          <Form.Item name={['target', 'venueId']} label={kind === 'factory_workers' ? t('testingUi.fields.factory') : t('testingUi.fields.venue')} rules={required('testing.errors.venue_required')}>
            <VenueSelect types={kind === 'factory_workers' ? ['factory'] : undefined} data-testid="campaign-venue" />
          </Form.Item>
          <Form.Item name={['target', 'window']} label={t('testingUi.fields.visitWindow')} extra={t('testingUi.campaigns.visitWindowHint')} rules={required('testingUi.campaigns.windowRequired')}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: 360 }} />
          </Form.Item>
        </>
      )}
      {kind === 'cluster_contacts' && (
        <>
          <Form.Item name={['target', 'clusterId']} label={t('testingUi.fields.cluster')} rules={required('testing.errors.cluster_required')}>
            <ClusterFormSelect />
          </Form.Item>
          <Form.Item name={['target', 'levels']} label={t('testingUi.fields.levels')}>
            <Checkbox.Group options={LEVELS.map((l) => ({ value: l, label: `F${l}` }))} />
          </Form.Item>
        </>
      )}
      {kind === 'explicit' && (
        <Form.Item name={['target', 'personIds']} label={t('testingUi.fields.people')} rules={[{ required: true, type: 'array', min: 1, message: t('testing.errors.people_required') }]}>
          <PeopleList />
        </Form.Item>
      )}
    </>
  );
}

function ClusterFormSelect({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  return <ClusterSelect value={value} onChange={(v) => onChange?.(v)} style={{ width: 360 }} />;
}

/** People chosen one by one from the registry. */
function PeopleList({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const { t } = useTranslation();
  const [names, setNames] = useState<Map<number, string>>(new Map());
  const ids = value ?? [];
  return (
    // Enter in the people search searches; it must not submit the campaign form around it.
    <div onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
      <div style={{ marginBottom: 8 }} data-testid="campaign-people">
        {ids.length === 0 && <Typography.Text type="secondary">{t('testingUi.campaigns.noPeopleYet')}</Typography.Text>}
        {ids.map((id) => (
          <Tag key={id} closable onClose={() => onChange?.(ids.filter((x) => x !== id))}>
            {names.get(id) ?? `#${id}`}
          </Tag>
        ))}
      </div>
      <PersonPicker
        exclude={ids}
        pickLabel={t('testingUi.campaigns.addPerson')}
        onPick={(p: PersonSummary) => {
          setNames((m) => new Map(m).set(p.id, p.fullName));
          onChange?.([...ids, p.id]);
        }}
      />
    </div>
  );
}
