import type { ReactNode } from 'react';
import { Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import ErrorAlert from './ErrorAlert';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The title, also on the OK button (the modal does what it is called). */
  title: string;
  form: FormInstance;
  busy: boolean;
  error: unknown;
  /** data-testid of the OK button */
  submitTestId: string;
  children: ReactNode;
}

/** A modal around one form: OK submits it, and an error the form's fields cannot show stands above it. */
export default function FormModal({ open, onClose, title, form, busy, error, submitTestId, children }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={title}
      cancelText={t('ui.common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': submitTestId }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      {children}
    </Modal>
  );
}
