import { useEffect, useId, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { companyApi } from '@kith/domain/companies/company.api.ts';
import { contactApi } from '@kith/domain/contacts/contact.api.ts';
import { call } from '../../lib/api-call.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { comboboxKeyDown } from '../../components/ui/combobox-keys.ts';
import { Icon } from '../../components/ui/icons.tsx';

type Hit = { kind: 'contact' | 'company'; id: string; title: string; detail: string };

/**
 * The search box in the top bar (press "/" or Ctrl+K): contacts and companies as you type, ignoring
 * case and diacritics. A combobox: arrows move through the results, Enter opens one, Escape closes.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const listId = useId();
  const term = useDebounced(q.trim(), 120);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement).tagName;
      const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (e.target as HTMLElement).isContentEditable;
      if ((e.key === 'k' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !typing)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, []);

  const results = useQuery({
    queryKey: ['global-search', term],
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    queryFn: async ({ signal }) => {
      const [contacts, companies] = await Promise.all([
        call(contactApi.list, { query: { q: term, limit: 6 }, signal }).then((r) => r.data),
        call(companyApi.list, { query: { q: term, limit: 4 }, signal }).then((r) => r.data),
      ]);
      const hits: Hit[] = [
        ...contacts.data.map((c) => ({
          kind: 'contact' as const,
          id: c.id,
          title: c.name,
          detail: [c.company?.name, c.phones[0], c.emails[0]].filter(Boolean).join(' · '),
        })),
        ...companies.data.map((c) => ({ kind: 'company' as const, id: c.id, title: c.name, detail: c.domain ?? '' })),
      ];
      return hits;
    },
  });
  const hits = term ? (results.data ?? []) : [];
  const show = open && q.trim().length > 0;
  const go = (h: Hit) => {
    setOpen(false);
    setQ('');
    navigate(h.kind === 'contact' ? `/contacts/${h.id}` : `/companies/${h.id}`);
  };

  return (
    <div className="search-box" ref={box}>
      <span className="search-icon" aria-hidden="true">
        <Icon name="search" />
      </span>
      <input
        ref={input}
        className="input"
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={show}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={show && hits[active] ? `${listId}-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) =>
          comboboxKeyDown(e, hits.length, setActive, {
            choose: () => {
              if (hits[active]) go(hits[active]);
            },
            close: () => setOpen(false),
          })
        }
      />
      {show && (
        <div className="popover search-results" role="listbox" id={listId} aria-label={t('search.results')} aria-busy={results.isFetching}>
          {results.isFetching && hits.length === 0 && <div className="menu-item muted">{t('common.searching')}</div>}
          {!results.isFetching && term && hits.length === 0 && <div className="menu-item muted">{t('search.nothing', { q: term })}</div>}
          {hits.map((h, i) => (
            <div
              key={`${h.kind}-${h.id}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              data-active={i === active}
              className="menu-item"
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                go(h);
              }}
            >
              <Icon name={h.kind === 'contact' ? 'contacts' : 'company'} />
              <span style={{ minInlineSize: 0 }}>
                <div style={{ fontWeight: 550 }}>{h.title}</div>
                {h.detail && (
                  <div className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                    {h.detail}
                  </div>
                )}
              </span>
              <span className="spacer" />
              <span className="badge">{t(h.kind === 'contact' ? 'search.contact' : 'search.company')}</span>
            </div>
          ))}
        </div>
      )}
      <span className="kbd" style={{ position: 'absolute', insetInlineEnd: 8, insetBlockStart: '50%', transform: 'translateY(-50%)' }} aria-hidden="true">
        /
      </span>
    </div>
  );
}
