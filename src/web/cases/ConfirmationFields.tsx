import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONFIRMATIONS } from '../../shared/api/cases.js';

/** How a case is confirmed: a test reference, or an officer's reason (epidemiological link, a test elsewhere …). */
export default function ConfirmationFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const confirmation = Form.useWatch('confirmation', form) as (typeof CONFIRMATIONS)[number] | undefined;
  return (
    <>
      <Form.Item name="confirmation" label={t('casesUi.fields.confirmation')} rules={[{ required: true, message: t('casesUi.form.confirmationRequired') }]}>
        <Radio.Group options={CONFIRMATIONS.map((c) => ({ value: c, label: t(`casesUi.confirmations.${c}`) }))} />
      </Form.Item>
      {confirmation === 'test' && (
        <Form.Item name="confirmationTest" label={t('casesUi.fields.confirmationTest')} extra={t('casesUi.form.testHint')} rules={[{ required: true, whitespace: true, message: t('ui.common.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      {confirmation === 'manual' && (
        <Form.Item name="confirmationReason" label={t('casesUi.fields.confirmationReason')} rules={[{ required: true, whitespace: true, message: t('ui.common.required') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
    </>
  );
}
