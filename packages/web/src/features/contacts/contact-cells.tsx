import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Formatters } from '../../lib/format.ts';
import type { CustomField } from '../../lib/workspace-data.ts';
import { displayPhone, type Contact } from './contact-model.ts';
import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';
import { fieldDisplay } from './contact-field-view.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

export function StageBadge({ stage }: { stage: string }) {
  useTranslation(); // re-render when the language changes (enumLabel reads it)
  const accent = stage === 'loyal' || stage === 'repeat' || stage === 'new_customer';
  return <span className={`badge${accent ? ' badge-accent' : ''}`}>{enumLabel('lifecycleStage', stage)}</span>;
}

export function Tags({ tags }: { tags: string[] }) {
  return (
    <span className="chips" style={{ flexWrap: 'nowrap', overflow: 'hidden' }}>
      {tags.map((tag) => (
        <span key={tag} className="badge">
          {tag}
        </span>
      ))}
    </span>
  );
}

/** A custom field's value as text, in the user's locale (money in minor units of its currency). */
export function customValueText(f: CustomField, v: unknown, fmt: Formatters, yes: string, no: string): string {
  if (v === null || v === undefined || v === '') return '';
  switch (f.type) {
    case 'number':
      return typeof v === 'number' ? fmt.number(v) : String(v);
    case 'currency':
      return typeof v === 'number' ? fmt.money(v, f.currency ?? undefined) : String(v);
    case 'date':
      return fmt.date(String(v));
    case 'boolean':
      return v ? yes : no;
    case 'select':
      return f.options.find((o) => o.value === v)?.label ?? String(v);
    case 'multi_select':
      return Array.isArray(v) ? v.map((x) => f.options.find((o) => o.value === x)?.label ?? String(x)).join(', ') : String(v);
    default:
      return String(v);
  }
}

/** The text (or element) of one cell of the contacts list. */
export function renderContactCell(
  id: string,
  c: Contact,
  ctx: { t: TFunction; fmt: Formatters; lang: string; ownerName: (id: string | null) => string; fields: CustomField[]; money: (major: number) => string },
) {
  switch (id) {
    case 'name':
      return (
        <Link href={`/contacts/${c.id}`} style={{ fontWeight: 550, overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {c.name}
        </Link>
      );
    case 'phones':
      return <span className="mono">{c.phones[0] ? displayPhone(c.phones[0]) : ''}</span>;
    case 'emails':
      return <span>{c.emails[0] ?? ''}</span>;
    case 'company':
      return c.company ? <Link href={`/companies/${c.company.id}`}>{c.company.name}</Link> : null;
    case 'owner':
      return <span>{ctx.ownerName(c.ownerId)}</span>;
    case 'birthday':
      return <span>{ctx.fmt.date(c.birthday)}</span>;
    case 'createdAt':
      return <span>{ctx.fmt.date(c.createdAt)}</span>;
    case 'updatedAt':
      return <span>{ctx.fmt.date(c.updatedAt)}</span>;
    case 'rfmSegment':
      return c.scores ? <span className="badge">{enumLabel('rfmSegment', c.scores.segment)}</span> : null;
    case 'valueTier':
      return c.scores?.tier ? (
        <span className={`badge${c.scores.tier === 'most_valuable' ? ' badge-accent' : ''}`}>{enumLabel('valueTier', c.scores.tier)}</span>
      ) : null;
    case 'clv':
      return <span className="num">{c.scores?.clv != null ? ctx.money(c.scores.clv) : ''}</span>;
    case 'totalSpend':
      return <span className="num">{c.scores ? ctx.money(c.scores.monetary) : ''}</span>;
    case 'pAlive':
      return <span className="num">{c.scores?.pAlive != null ? `${ctx.fmt.number(Math.round(c.scores.pAlive * 100))}%` : ''}</span>;
    default: {
      // The other fields of the table, shown as the customer page shows them.
      const f = CONTACT_FIELD_LIST.find((x) => x.name === id);
      if (f) return <span>{fieldDisplay(f, c, ctx)}</span>;
      if (id.startsWith('custom.')) {
        const f = ctx.fields.find((x) => `custom.${x.key}` === id);
        return <span>{f ? customValueText(f, c.custom[f.key], ctx.fmt, ctx.t('common.yes'), ctx.t('common.no')) : ''}</span>;
      }
      return null;
    }
  }
}
