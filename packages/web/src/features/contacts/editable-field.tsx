import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Lookup, type LookupSource } from '../../components/ui/lookup.tsx';

export type EditorKind =
  | { type: 'text' }
  | { type: 'textarea' }
  | { type: 'date' }
  | { type: 'number' }
  | { type: 'list' }
  | { type: 'select'; options: { value: string; label: string }[]; allowEmpty?: boolean }
  | { type: 'lookup'; source: LookupSource; currentLabel: string; allowEmpty?: boolean };

/**
 * One property of a record, shown as text and edited in place: click (or Enter) to edit, Enter or
 * leaving the field saves, Escape cancels. The server's message for the field shows under it and the
 * editor stays open until the value is accepted or the edit is cancelled.
 */
export function EditableField({
  label,
  display,
  value,
  editor,
  canEdit,
  error,
  onSave,
  testId,
}: {
  label: string;
  display: ReactNode;
  value: string;
  editor: EditorKind;
  canEdit: boolean;
  error: string | undefined;
  onSave: (raw: string) => Promise<boolean>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const input = useRef<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);
  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);

  const commit = async (next: string = draft) => {
    if (busy) return;
    if (next === value) {
      setEditing(false);
      return;
    }
    setDraft(next);
    setBusy(true);
    const ok = await onSave(next);
    setBusy(false);
    if (ok) {
      setEditing(false);
      requestAnimationFrame(() => button.current?.focus());
    } else {
      refocus.current = true;
    }
  };
  // The input was disabled while saving, which took the focus away: give it back with the error, as soon
  // as it is enabled again (a layout effect, so no key press can land on the page in between).
  useLayoutEffect(() => {
    if (!busy && refocus.current) {
      refocus.current = false;
      input.current?.focus();
    }
  }, [busy]);
  const cancel = () => {
    setDraft(value);
    setEditing(false);
    requestAnimationFrame(() => button.current?.focus());
  };
  const common = {
    id,
    ref: input,
    className: editor.type === 'select' ? 'select' : 'input',
    value: draft,
    disabled: busy,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-err` : undefined,
    'data-testid': testId ? `${testId}-input` : undefined,
    onBlur: () => void commit(),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        cancel();
      } else if (e.key === 'Enter' && editor.type !== 'textarea') {
        e.preventDefault();
        void commit();
      }
    },
  };

  return (
    <>
      <label className="prop-label" htmlFor={editing ? id : undefined} id={`${id}-label`}>
        {label}
      </label>
      <div style={{ minInlineSize: 0 }}>
        {editing ? (
          <div className="stack" style={{ gap: 'var(--s1)' }}>
            {editor.type === 'lookup' ? (
              <Lookup
                id={id}
                inputRef={input}
                source={editor.source}
                currentLabel={editor.currentLabel}
                allowEmpty={editor.allowEmpty !== false}
                disabled={busy}
                invalid={!!error}
                describedBy={error ? `${id}-err` : undefined}
                testId={testId ? `${testId}-input` : undefined}
                onPick={(v) => void commit(v)}
                onCancel={cancel}
              />
            ) : editor.type === 'select' ? (
              <select {...common} onChange={(e) => setDraft(e.target.value)}>
                {editor.allowEmpty !== false && <option value="">—</option>}
                {editor.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : editor.type === 'textarea' ? (
              <textarea {...common} rows={5} onChange={(e) => setDraft(e.target.value)} />
            ) : (
              <input
                {...common}
                type={editor.type === 'date' ? 'date' : editor.type === 'number' ? 'number' : 'text'}
                onChange={(e) => setDraft(e.target.value)}
              />
            )}
            {editor.type === 'list' && !error && <span className="field-hint">{t('record.listHint')}</span>}
            {error && (
              <span id={`${id}-err`} className="field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
                {error}
              </span>
            )}
          </div>
        ) : canEdit ? (
          <button
            ref={button}
            type="button"
            className="prop-value"
            aria-labelledby={`${id}-label ${id}-value`}
            onClick={() => setEditing(true)}
            data-testid={testId}
          >
            <span id={`${id}-value`}>{display || <span className="muted">{t('record.empty')}</span>}</span>
          </button>
        ) : (
          <div className="prop-value" data-testid={testId}>
            {display || <span className="muted">—</span>}
          </div>
        )}
      </div>
    </>
  );
}
