import type { ReactNode } from 'react';
import { Alert, Descriptions } from 'antd';
import ErrorAlert from './ErrorAlert';
import { formatNumber } from './format';

/** Below an import form, read out when it changes: why the last try failed, or what it did (children). */
export default function ImportOutcome({ error, children }: { error: unknown; children?: ReactNode }) {
  return (
    <div aria-live="polite" style={{ marginTop: 16 }}>
      <ErrorAlert error={error} />
      {children}
    </div>
  );
}

/** A finished import: its title and one count per key. */
export function ImportCounts<K extends string>({ title, keys, counts, label }: { title: string; keys: readonly K[]; counts: Record<K, number>; label: (key: K) => string }) {
  return (
    <Alert
      type="success"
      showIcon
      title={title}
      description={<Descriptions size="small" column={{ xs: 1, sm: 2 }} items={keys.map((k) => ({ key: k, label: label(k), children: formatNumber(counts[k]) }))} />}
    />
  );
}
