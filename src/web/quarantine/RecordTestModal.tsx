import { useEffect, useState } from 'react';
import { DatePicker, Form, Input, Modal, Radio, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { STAY_TEST_RESULTS, type StayDetail, type StayTestBody, type StayTestResult } from '../../shared/api/quarantine.js';
import { formatDate } from '../../shared/vn/dates.js';
import { api } from '../api/client';
import { placeServerError } from '../api/forms';
import { useCan } from '../auth/session';
import ErrorAlert from '../components/ErrorAlert';
import { enterConfirmsDates } from '../cases/domProps';
import { useRefresh } from './queries';

export interface TestTask {
  stayId: number;
  testId: number;
  dayNumber: number;
  dueOn: string;
  who?: string | null;
}

interface Values {
  result?: StayTestResult;
  sampleCode?: string;
  testedAt?: Dayjs | null;
}

/** A test task's result read at the facility, or the code of the sample sent to a lab (its result then comes from there). */
export default function RecordTestModal({ task, onClose, onSaved }: { task: TestTask | null; onClose: () => void; onSaved?: (s: StayDetail) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const refresh = useRefresh();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'result' | 'sample'>('result');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Each task opens on a clean form (before anyone can click in it).
  useEffect(() => {
    if (!task) return;
    setError(null);
    setMode('result');
    form.resetFields();
  }, [task, form]);

  async function submit(v: Values) {
    if (!task) return;
    setBusy(true);
    setError(null);
    const body: StayTestBody = {
      result: mode === 'result' ? (v.result ?? null) : null,
      sampleCode: mode === 'sample' ? (v.sampleCode?.trim() ?? null) : null,
      // A sample's own sampling time is the test's time.
      testedAt: mode === 'result' && v.testedAt ? v.testedAt.toISOString() : null,
    };
    try {
      const stay = await api.post<StayDetail>(`/quarantine/stays/${task.stayId}/tests/${task.testId}`, body);
      await refresh(stay);
      onSaved?.(stay);
      onClose();
    } catch (err) {
      setError(placeServerError(form, err, ['result', 'sampleCode', 'testedAt']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={task !== null}
      title={task && t('quarantineUi.tests.recordTitle', { day: task.dayNumber, due: formatDate(task.dueOn), who: task.who ?? '' })}
      okText={t('quarantineUi.tests.save')}
      cancelText={t('ui.common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'test-record-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      {can('testing.read') && (
        <Segmented<'result' | 'sample'>
          value={mode}
          onChange={setMode}
          style={{ marginBottom: 16 }}
          data-testid="test-record-mode"
          options={[
            { value: 'result', label: t('quarantineUi.tests.modeResult') },
            { value: 'sample', label: t('quarantineUi.tests.modeSample') },
          ]}
        />
      )}
      <Form<Values> form={form} layout="vertical" name="stay-test" initialValues={{ testedAt: dayjs().startOf('minute') }} onKeyDown={enterConfirmsDates} onFinish={(v) => void submit(v)}>
        {mode === 'result' ? (
          <Form.Item name="result" label={t('quarantineUi.tests.result')} rules={[{ required: true, message: t('quarantine.errors.result_or_sample_required') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="test-record-result" options={STAY_TEST_RESULTS.map((r) => ({ value: r, label: t(`quarantineUi.testResult.${r}`) }))} />
          </Form.Item>
        ) : (
          <Form.Item name="sampleCode" label={t('quarantineUi.tests.sampleCode')} extra={t('quarantineUi.tests.sampleHint')} rules={[{ required: true, message: t('quarantine.errors.sample_code_invalid') }]}>
            <Input maxLength={40} data-testid="test-record-sample" />
          </Form.Item>
        )}
        {mode === 'result' && (
          <Form.Item name="testedAt" label={t('quarantineUi.tests.testedAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} data-testid="test-record-at" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
