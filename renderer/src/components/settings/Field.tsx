import type { ReactNode } from 'react';
import { fieldId } from './profile-form';

export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** The props of a labelled field, less how its id is chosen. */
interface FieldProps {
  label: string;
  error: string | undefined;
  hint?: ReactNode;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * A labelled form field whose error sits right under it: the control gets `aria-invalid` and is
 * described by the error (and by its hint), so a screen reader reads both on focus.
 */
export function LabelledField({ id, label, error, hint, className, children }: FieldProps & { id: string }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}`} data-invalid={error ? true : undefined}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}

/** A profile editor field: its id comes from the field's path, where the server's field errors point. */
export function Field({ field, ...props }: FieldProps & { field: string }) {
  return <LabelledField id={fieldId(field)} {...props} />;
}
