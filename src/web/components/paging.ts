import type { TablePaginationConfig } from 'antd';

/** Paging of a list the server pages: the page kept by the caller (in the URL), a total line, one size. */
export function serverPaging(o: { page: number; pageSize: number; total: number; totalText: (n: number) => string; onPage: (page: number) => void }): TablePaginationConfig {
  return { current: o.page, pageSize: o.pageSize, total: o.total, showSizeChanger: false, hideOnSinglePage: true, showTotal: o.totalText, onChange: o.onPage };
}
