import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** The page's single h1, with its actions beside it (wrapping under it on a phone). */
export default function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="toolbar" style={{ justifyContent: 'space-between' }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24, marginBottom: 0 }}>
        {children}
      </Typography.Title>
      {extra && <div className="toolbar" style={{ marginBottom: 0 }}>{extra}</div>}
    </div>
  );
}
