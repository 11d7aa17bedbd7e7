import { useEffect, useId, useRef, useState, type Ref } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../lib/use-debounced.ts';
import { comboboxKeyDown } from './combobox-keys.ts';
import type { Option } from './field.tsx';

export type LookupSource = {
  /** A stable name for the query cache, e.g. "companies". */
  key: string;
  /** Options whose label matches what was typed (the server searches; an empty term lists the first few). */
  search: (term: string) => Promise<Option[]>;
};

/**
 * A combobox that picks one record by typing part of its name: the server finds the matches, so it
 * works with ten companies or a hundred thousand. Arrow keys move, Enter or a click picks, Escape
 * cancels; "none" is the first option, before anything is typed, when the value may be empty. Follows the ARIA combobox pattern
 * (the input keeps the focus; the active option is announced through aria-activedescendant).
 */
export function Lookup({
  id,
  inputRef,
  source,
  currentLabel,
  allowEmpty,
  disabled,
  invalid,
  describedBy,
  testId,
  onPick,
  onCancel,
}: {
  id: string;
  inputRef?: Ref<HTMLInputElement>;
  source: LookupSource;
  currentLabel: string;
  allowEmpty: boolean;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
  testId?: string | undefined;
  onPick: (value: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const term = useDebounced(text.trim(), 150);
  const listId = useId();
  const picked = useRef(false);
  const results = useQuery({ queryKey: ['lookup', source.key, term], queryFn: () => source.search(term), staleTime: 30_000 });
  // "None" leads the list until the user types: then Enter picks the first match.
  const options: (Option & { none?: boolean })[] = [
    ...(allowEmpty && !term ? [{ value: '', label: t('lookup.none'), none: true }] : []),
    ...(results.data ?? []),
  ];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the highlight goes back to the first option whenever the search term changes
  useEffect(() => setActive(0), [term]);

  const pick = (o: Option) => {
    picked.current = true;
    onPick(o.value);
  };
  return (
    <div className="lookup">
      <input
        id={id}
        ref={inputRef}
        className="input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={options[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        placeholder={currentLabel || t('lookup.placeholder')}
        value={text}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onFocus={() => {
          picked.current = false;
        }}
        onBlur={() => {
          if (!picked.current) onCancel();
        }}
        onKeyDown={(e) =>
          comboboxKeyDown(e, options.length, setActive, {
            choose: () => {
              const o = options[active];
              if (o) pick(o);
            },
            close: () => {
              e.preventDefault();
              e.stopPropagation(); // the editor's Escape, not the page's
              onCancel();
            },
          })
        }
      />
      <div className="popover lookup-results" role="listbox" id={listId} aria-label={t('lookup.results')} aria-busy={results.isFetching}>
        {options.map((o, i) => (
          <div
            key={o.value || 'none'}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            data-active={i === active}
            className={o.none ? 'menu-item muted' : 'menu-item'}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(o);
            }}
          >
            {o.label}
          </div>
        ))}
        {results.isFetching && !results.data && <div className="menu-item muted">{t('common.searching')}</div>}
        {!results.isFetching && results.data?.length === 0 && <div className="menu-item muted">{t('lookup.nothing', { q: term })}</div>}
      </div>
    </div>
  );
}
