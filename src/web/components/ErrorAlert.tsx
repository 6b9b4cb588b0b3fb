import { lazy, Suspense, useEffect, useRef } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { rowErrorsOf } from '../api/client';

// Only imports have row errors; the table stays out of the first download.
const RowErrorsTable = lazy(() => import('./RowErrorsTable'));

/** Shows a failed request's translated message, with the per-row errors of an import when there are any. */
export default function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // A failed submit at the bottom of a long form must not leave its message out of sight.
  useEffect(() => {
    if (error) ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [error]);
  if (!error) return null;
  const rows = rowErrorsOf(error);
  const message = error instanceof Error && error.message ? error.message : t('errors.internal');
  return (
    <div ref={ref}>
      <Alert
        type="error"
        showIcon
        role="alert"
        title={message}
        description={
          rows.length > 0 ? (
            <Suspense fallback={null}>
              <RowErrorsTable rows={rows} />
            </Suspense>
          ) : undefined
        }
        style={{ marginBottom: 16 }}
      />
    </div>
  );
}
