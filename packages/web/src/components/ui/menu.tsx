import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export type MenuItem = { key: string; label: ReactNode; onSelect: () => void; danger?: boolean; disabled?: boolean } | { key: string; separator: true };

/**
 * A menu button (WAI-ARIA menu pattern): Enter/Space/ArrowDown open it, arrows move, Escape closes
 * and returns focus to the button, a click outside closes it.
 */
export function Menu({
  label,
  items,
  buttonClassName = 'btn',
  align = 'start',
  buttonLabel,
}: {
  label: ReactNode;
  items: MenuItem[];
  buttonClassName?: string;
  align?: 'start' | 'end';
  buttonLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const btn = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const first = list.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])');
    first?.focus();
    const onDown = (e: MouseEvent) => {
      if (!list.current?.contains(e.target as Node) && !btn.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  const move = (dir: 1 | -1) => {
    const els = [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const i = els.indexOf(document.activeElement as HTMLButtonElement);
    els[(i + dir + els.length) % els.length]?.focus();
  };
  return (
    <span style={{ position: 'relative', display: 'inline-block' }}>
      <button
        ref={btn}
        type="button"
        className={buttonClassName}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={buttonLabel}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {label}
      </button>
      {open && (
        <div
          ref={list}
          id={id}
          role="menu"
          className="popover"
          style={align === 'end' ? { insetInlineEnd: 0, insetBlockStart: 'calc(100% + 4px)' } : { insetInlineStart: 0, insetBlockStart: 'calc(100% + 4px)' }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setOpen(false);
              btn.current?.focus();
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              move(1);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              move(-1);
            } else if (e.key === 'Tab') setOpen(false);
          }}
        >
          {items.map((it) =>
            'separator' in it ? (
              <div key={it.key} className="menu-sep" role="separator" />
            ) : (
              <button
                key={it.key}
                type="button"
                role="menuitem"
                className="menu-item"
                disabled={it.disabled}
                style={it.danger ? { color: 'var(--danger)' } : undefined}
                onClick={() => {
                  setOpen(false);
                  btn.current?.focus();
                  it.onSelect();
                }}
              >
                {it.label}
              </button>
            ),
          )}
        </div>
      )}
    </span>
  );
}

/** A non-modal panel anchored under a button (filters, column chooser); Escape or a click outside closes it. */
export function Popover({
  label,
  children,
  buttonClassName = 'btn',
  align = 'start',
  title,
}: {
  label: ReactNode;
  children: (close: () => void) => ReactNode;
  buttonClassName?: string;
  align?: 'start' | 'end';
  title: string;
}) {
  const [open, setOpen] = useState(false);
  const btn = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('input, select, button, [tabindex]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!panel.current?.contains(e.target as Node) && !btn.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  const close = () => {
    setOpen(false);
    btn.current?.focus();
  };
  return (
    <span style={{ position: 'relative', display: 'inline-block' }}>
      <button ref={btn} type="button" className={buttonClassName} aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen((o) => !o)}>
        {label}
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          role="dialog"
          aria-label={title}
          className="popover"
          style={{
            ...(align === 'end' ? { insetInlineEnd: 0 } : { insetInlineStart: 0 }),
            insetBlockStart: 'calc(100% + 4px)',
            padding: 'var(--s3)',
            minInlineSize: 260,
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          {children(close)}
        </div>
      )}
    </span>
  );
}
