import { useState } from 'react';
import { App } from 'antd';
import { api } from '../api/client';

type Query = Parameters<typeof api.download>[1];

/** A file fetched with the session and handed to the browser, with its busy state and error (and a message once saved, when given). */
export function useDownload() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function download(path: string, query: Query, fallbackName: string, done?: string) {
    setBusy(true);
    setError(null);
    try {
      await api.download(path, query, fallbackName);
      if (done) void message.success(done);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { download, busy, error };
}
