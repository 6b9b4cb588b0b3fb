import { useContext } from 'react';
import type { Measure } from '../../../shared/api/quarantine-monitoring';
import { ErrorContext, fieldDomId } from '../fields';

/** A number typed on a phone: the decimal keypad, a comma or a point, the error of the field under it. */
export default function MeasureField({ measure, label, hint, required, value, onChange, testId }: { measure: Measure; label: string; hint?: string; required?: boolean; value: string; onChange: (v: string) => void; testId: string }) {
  const err = useContext(ErrorContext);
  const error = err?.field === measure ? err.message : undefined;
  const id = fieldDomId(measure);
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        maxLength={6}
        className="report-number"
        value={value}
        required={required}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
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
