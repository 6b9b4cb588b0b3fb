import { App } from 'antd';
import { useTranslation } from 'react-i18next';

/** Runs a one-click action (a button in a row, with no room for an alert): a failure is told in a message. */
export function useActionMessage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : t('errors.internal'));
    }
  };
}
