import { useContext, useEffect, useRef, useState } from 'react';
import { fieldDomId, ErrorContext } from './fields';
import { t } from './i18n';
import { chainOf, childrenOf, type UnitOption } from './units';

/**
 * Province → district → commune as plain selects. A province without districts (the lists after
 * 2025) offers its communes right away. `depth` limits how far down the user must go: a place
 * visited may be a whole province, an address must be a commune.
 */
export function UnitPicker({
  legend,
  path,
  value,
  onChange,
  requireCommune,
  required,
}: {
  legend: string;
  path: string;
  value: number | null;
  onChange: (id: number | null) => void;
  requireCommune?: boolean;
  required?: boolean;
}) {
  const err = useContext(ErrorContext);
  const error = err?.field === path ? err.message : undefined;
  const [chain, setChain] = useState<UnitOption[]>([]);
  const [levels, setLevels] = useState<UnitOption[][]>([]);
  const [failed, setFailed] = useState<string | null>(null);

  const emitted = useRef<number | null | undefined>(undefined);

  // A value set from outside (a prefill) rather than by picking here.
  useEffect(() => {
    if (value === emitted.current) return;
    emitted.current = value;
    let live = true;
    chainOf(value)
      .then((c) => live && setChain(c))
      .catch((e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [value]);

  useEffect(() => {
    let live = true;
    (async () => {
      const lists: UnitOption[][] = [await childrenOf(null)];
      for (const picked of chain) {
        if (picked.level === 'commune') break;
        const kids = await childrenOf(picked.id);
        if (!kids.length) break;
        lists.push(kids);
      }
      if (live) {
        setLevels(lists);
        setFailed(null);
      }
    })().catch((e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [chain]);

  function pick(index: number, id: string) {
    const option = levels[index]?.find((u) => String(u.id) === id);
    const next = chain.slice(0, index);
    if (option) next.push(option);
    setChain(next);
    const last = next.at(-1);
    emitted.current = last && (!requireCommune || last.level === 'commune') ? last.id : null;
    onChange(emitted.current);
  }

  const id = fieldDomId(path);
  return (
    <fieldset className={error ? 'choice field-error' : 'choice'} id={id} aria-invalid={error ? true : undefined}>
      <legend>
        {legend}
        {required && <span className="req" aria-hidden="true"> *</span>}
      </legend>
      {levels.map((options, i) => {
        const selectId = `${id}-${i}`;
        const label = i === 0 ? t('citizen.unit.province') : options[0]?.level === 'district' ? t('citizen.unit.district') : t('citizen.unit.commune');
        return (
          <div className="field" key={i}>
            <label htmlFor={selectId}>{label}</label>
            <select id={selectId} value={chain[i]?.id ?? ''} onChange={(e) => pick(i, e.target.value)}>
              <option value="">{t('citizen.unit.choose')}</option>
              {options.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      {failed && <div className="error-text">{t('citizen.unit.loadFailed', { message: failed })}</div>}
      {error && (
        <div className="error-text" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}
