import { createContext, useContext, useId, type ReactNode } from 'react';

/** The field the server named in its last error, and its message: shown on that field only. */
export interface FieldError {
  field: string;
  message: string;
}
export const ErrorContext = createContext<FieldError | null>(null);

export function fieldDomId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function useFieldError(path: string | undefined): string | undefined {
  const err = useContext(ErrorContext);
  return path && err?.field === path ? err.message : undefined;
}

interface BaseProps {
  label: string;
  /** The server's field path ("answers.identity.fullName"), so its error lands here. */
  path?: string;
  hint?: string;
  required?: boolean;
}

function Wrapper({ id, label, hint, error, required, children }: { id: string; label: string; hint?: string; error?: string; required?: boolean; children: ReactNode }) {
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      {children}
      {hint && !error && (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="error-text" id={`${id}-err`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return error ? `${id}-err` : hint ? `${id}-hint` : undefined;
}

export function TextField({
  label,
  path,
  hint,
  required,
  value,
  onChange,
  type = 'text',
  inputMode,
  autoComplete,
  max,
  min,
  maxLength,
  testId,
}: BaseProps & {
  value: string;
  onChange: (v: string) => void;
  /** data-testid of the input, for browser tests. */
  testId?: string;
  type?: 'text' | 'tel' | 'date' | 'number' | 'email';
  inputMode?: 'numeric' | 'tel' | 'text' | 'email';
  autoComplete?: string;
  max?: string;
  min?: string;
  maxLength?: number;
}) {
  const auto = useId();
  const id = path ? fieldDomId(path) : auto;
  const error = useFieldError(path);
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} required={required}>
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        value={value}
        max={max}
        min={min}
        maxLength={maxLength}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Wrapper>
  );
}

export function TextArea({ label, path, hint, value, onChange }: BaseProps & { value: string; onChange: (v: string) => void }) {
  const auto = useId();
  const id = path ? fieldDomId(path) : auto;
  const error = useFieldError(path);
  return (
    <Wrapper id={id} label={label} hint={hint} error={error}>
      <textarea id={id} rows={2} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} onChange={(e) => onChange(e.target.value)} />
    </Wrapper>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  path,
  hint,
  required,
  value,
  onChange,
  options,
  placeholder,
  disabled,
}: BaseProps & { value: string; onChange: (v: string) => void; options: Option[]; placeholder?: string; disabled?: boolean }) {
  const auto = useId();
  const id = path ? fieldDomId(path) : auto;
  const error = useFieldError(path);
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} required={required}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

/** Big radio buttons in a fieldset: the legend is the group's accessible name. */
export function Choice({
  legend,
  path,
  value,
  onChange,
  options,
  required,
}: {
  legend: string;
  path?: string;
  value: string;
  onChange: (v: string) => void;
  options: Option[];
  required?: boolean;
}) {
  const name = useId();
  const error = useFieldError(path);
  const id = path ? fieldDomId(path) : name;
  return (
    <fieldset className={error ? 'choice field-error' : 'choice'} id={id} aria-invalid={error ? true : undefined}>
      <legend>
        {legend}
        {required && <span className="req" aria-hidden="true"> *</span>}
      </legend>
      <div className="choice-options">
        {options.map((o) => (
          <label key={o.value} className={value === o.value ? 'pill pill-on' : 'pill'}>
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      {error && (
        <div className="error-text" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}

export function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className={checked ? 'check check-on' : 'check'}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** Moves the user to the field the server complained about. */
export function focusField(path: string): boolean {
  const el = document.getElementById(fieldDomId(path));
  if (!el) return false;
  el.scrollIntoView({ block: 'center' });
  const target = el.matches('input,select,textarea') ? el : el.querySelector<HTMLElement>('input,select,textarea');
  target?.focus({ preventScroll: true });
  return true;
}
