import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

type Common = { label: ReactNode; error?: string | undefined; hint?: ReactNode; hideLabel?: boolean };

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function TextField({ label, error, hint, hideLabel, id, className, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const fid = id ?? auto;
  const described = [error && `${fid}-err`, hint && `${fid}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={fid} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input id={fid} className="input" aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} />
      {hint && !error && (
        <span id={`${fid}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${fid}-err`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function TextAreaField({ label, error, hint, hideLabel, id, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className="field">
      <label htmlFor={fid} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <textarea id={fid} className="input" aria-invalid={error ? true : undefined} aria-describedby={error ? `${fid}-err` : undefined} rows={4} {...rest} />
      {hint && !error && <span className="field-hint">{hint}</span>}
      {error && (
        <span id={`${fid}-err`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  label,
  error,
  hint,
  hideLabel,
  id,
  options,
  placeholder,
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; placeholder?: string }) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className="field">
      <label htmlFor={fid} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select id={fid} className="select" aria-invalid={error ? true : undefined} aria-describedby={error ? `${fid}-err` : undefined} {...rest}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && !error && <span className="field-hint">{hint}</span>}
      {error && (
        <span id={`${fid}-err`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
