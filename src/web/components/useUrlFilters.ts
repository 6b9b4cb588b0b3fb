import { useSearchParams } from 'react-router-dom';

/**
 * A list's filters kept in the URL (shareable, kept on reload): the current parameters and a
 * setter that drops empty values and goes back to the first page unless the page is what changes.
 */
export function useUrlFilters(): [URLSearchParams, (patch: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  return [params, set];
}
