import type { ReactNode } from 'react';

/** A narrow column in the middle of the screen for pages shown before the app shell. */
export default function CenteredPage({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <main style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '24px 16px', background: '#f0f4f4' }}>
      <div style={{ width: '100%', maxWidth: 420, display: 'flex', justifyContent: 'flex-end', marginBottom: 16 }}>{extra}</div>
      <div style={{ width: '100%', maxWidth: 420, marginTop: '6vh' }}>{children}</div>
    </main>
  );
}
