type Props = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
} & React.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input whose error sits beside it and is announced, the shape every Chitter form uses. */
export function FormField({ name, label, error, hint, ...input }: Props) {
  const id = `field-${name}`;
  const describedBy = [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input id={id} name={name} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

export function FormMessage({ message }: { message?: string }) {
  return (
    <p className="form-message" role="alert">
      {message}
    </p>
  );
}
