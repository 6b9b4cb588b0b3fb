import { useState } from 'react';
import type { FormInstance } from 'antd';
import { placeServerError } from '../api/forms';

/**
 * A form's request in flight: busy while it runs, and its failure put on the field it names or
 * kept as `error` for an alert (see placeServerError).
 */
export function useFormSubmit(form: FormInstance, fields: readonly string[]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(request: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await request();
    } catch (err) {
      setError(placeServerError(form, err, fields));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
