import { useState } from 'react';
import { App, Button, Form, Input, Radio, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { DuplicatePair, PersonSummary } from '../../shared/api/people.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import ErrorAlert from '../components/ErrorAlert';
import { birthText, docText, scoreText } from './format';

interface Row {
  key: string;
  label: string;
  a: string;
  b: string;
}

interface Decision {
  keep: 'a' | 'b';
  reason: string;
}

/** The two records side by side, differing fields marked, with the merge and dismiss decisions. */
export default function ComparePair({ pair, onDecided }: { pair: DuplicatePair; onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Decision>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'merge' | 'dismiss' | null>(null);
  const open = pair.status === 'open';

  const field = (key: string, label: string, get: (p: PersonSummary) => string): Row => ({ key, label, a: get(pair.a), b: get(pair.b) });
  const rows: Row[] = [
    field('id', t('ui.people.recordId'), (p) => String(p.id)),
    field('fullName', t('fields.fullName'), (p) => p.fullName),
    field('birth', t('fields.birthDate'), birthText),
    field('sex', t('fields.sex'), (p) => t(`people.sex.${p.sex}`)),
    field('doc', t('ui.people.document'), (p) => docText(t, p)),
    field('phone', t('fields.phone'), (p) => p.phone ?? ''),
    field('nationality', t('fields.nationality'), (p) => p.nationality),
    field('address', t('fields.addressLine'), (p) => p.addressLine),
    field('commune', t('fields.communeId'), (p) => p.communeName),
  ];

  async function decide(kind: 'merge' | 'dismiss') {
    let values: Decision;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'merge') {
        const [kept, merged] = values.keep === 'a' ? [pair.a, pair.b] : [pair.b, pair.a];
        await api.post('/people/merge', { keepId: kept.id, mergeId: merged.id, reason: values.reason, duplicateId: pair.id });
        void message.success(t('ui.people.mergedDone', { name: kept.fullName }));
      } else {
        await api.post(`/people/duplicates/${pair.id}/dismiss`, { reason: values.reason });
        void message.success(t('ui.people.dismissedDone'));
      }
      await qc.invalidateQueries({ queryKey: ['people'] });
      onDecided();
    } catch (err) {
      setError(placeServerError(form, err, ['reason']));
    } finally {
      setBusy(null);
    }
  }

  const person = (p: PersonSummary, side: 'a' | 'b') => (
    <Link to={`/people/${p.id}`}>{t(side === 'a' ? 'ui.people.recordA' : 'ui.people.recordB')}</Link>
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="orange">{t('ui.people.score')}: {scoreText(pair.score)}</Tag>
        {pair.reasons.map((r) => (
          <Tag key={r}>{t(`people.duplicateReasons.${r}`)}</Tag>
        ))}
        {!open && (
          <Tag color="blue">
            {t(`ui.people.statuses.${pair.status}`)}
            {pair.decidedAt && ` · ${formatDateTime(pair.decidedAt)}`}
          </Tag>
        )}
      </Space>
      <Table<Row>
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        style={{ marginBottom: 16 }}
        rowClassName={(r) => (r.a !== r.b && r.key !== 'id' ? 'row-differs' : '')}
        columns={[
          { title: t('ui.people.field'), dataIndex: 'label', width: '24%' },
          { title: person(pair.a, 'a'), dataIndex: 'a', width: '38%' },
          { title: person(pair.b, 'b'), dataIndex: 'b', width: '38%' },
        ]}
      />
      {open && (
        <>
          <ErrorAlert error={error} />
          <Form<Decision> form={form} layout="vertical" name="duplicate-decision" initialValues={{ keep: 'a' }}>
            <Form.Item name="keep" label={t('ui.people.keepWhich')}>
              <Radio.Group
                options={[
                  { value: 'a', label: `${t('ui.people.recordA')}: ${pair.a.fullName} (#${pair.a.id})` },
                  { value: 'b', label: `${t('ui.people.recordB')}: ${pair.b.fullName} (#${pair.b.id})` },
                ]}
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('fields.reason')} rules={[{ required: true, min: 3, message: t('people.errors.reason_required') }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Space wrap>
              <Button type="primary" loading={busy === 'merge'} disabled={busy !== null} onClick={() => void decide('merge')}>
                {t('ui.people.merge')}
              </Button>
              <Button loading={busy === 'dismiss'} disabled={busy !== null} onClick={() => void decide('dismiss')}>
                {t('ui.people.dismiss')}
              </Button>
            </Space>
          </Form>
        </>
      )}
    </>
  );
}
