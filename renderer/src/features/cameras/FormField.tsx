import { useId, type HTMLInputAutoCompleteAttribute, type ReactNode } from 'react';
import type { Field } from './camera-form';

interface TextFieldProps {
  /** The field's path in the API input; also its `name` and the suffix of its test ids. */
  path: Field;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  type?: 'text' | 'password';
  /** Numbers are typed as text and checked by the form, so that "abc" is reported rather than dropped. */
  numeric?: boolean;
  mono?: boolean;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  autoComplete?: HTMLInputAutoCompleteAttribute;
  placeholder?: string;
}

/** One labelled input with its hint and, below it, the problems reported for it. */
export function TextField({
  path,
  label,
  value,
  onChange,
  hint,
  errors = [],
  type = 'text',
  numeric = false,
  mono = false,
  required = false,
  disabled = false,
  autoFocus = false,
  autoComplete = 'off',
  placeholder,
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${numeric ? ' field--narrow' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name={path}
        type={type}
        className={`input${mono ? ' input--mono' : ''}`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        inputMode={numeric ? 'decimal' : undefined}
        spellCheck={false}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        required={required}
        disabled={disabled}
        placeholder={placeholder}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        data-testid={`field-${path}`}
      />
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldErrors id={errorId} path={path} errors={errors} />
    </div>
  );
}

interface CheckFieldProps {
  path: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  errors?: readonly string[] | undefined;
}

/** A labelled check box. */
export function CheckField({ path, label, checked, onChange, disabled = false, errors = [] }: CheckFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  return (
    <div className="field field--check">
      <input
        id={id}
        name={path}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        data-testid={`field-${path}`}
      />
      <label htmlFor={id}>{label}</label>
      <FieldErrors id={errorId} path={path} errors={errors} />
    </div>
  );
}

function FieldErrors({ id, path, errors }: { id: string; path: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="field__errors" id={id} data-testid={`field-error-${path}`}>
      {errors.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  );
}
