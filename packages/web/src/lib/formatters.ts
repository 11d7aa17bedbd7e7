/**
 * Numbers, money and dates in the user's language and the workspace's currency and time zone, from Intl.
 * Money is held in minor units; a currency without minor units (VND) shows no decimals.
 */
export type Formatters = {
  locale: string;
  number(n: number): string;
  /** Short figures for chart axes: 1,2 Tr / 1.2M. */
  compact(n: number): string;
  money(minor: number, currency?: string): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  relative(iso: string): string;
};

const LOCALE_OF: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

export function makeFormatters(lang: string, currency: string, timeZone: string): Formatters {
  const locale = LOCALE_OF[lang] ?? lang;
  const num = new Intl.NumberFormat(locale);
  const compactFmt = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const moneyFmt = new Map<string, Intl.NumberFormat>();
  const money = (cur: string) => {
    let f = moneyFmt.get(cur);
    if (!f) {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency: cur, currencyDisplay: cur === 'VND' ? 'symbol' : 'narrowSymbol' });
      moneyFmt.set(cur, f);
    }
    return f;
  };
  const d = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const plainDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayOfYear = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    number: (n) => num.format(n),
    compact: (n) => compactFmt.format(n),
    money(minor, cur = currency) {
      const f = money(cur);
      const digits = f.resolvedOptions().maximumFractionDigits ?? 0;
      return f.format(minor / 10 ** digits);
    },
    // A calendar date (birthday) has no time zone: show it as written; a birthday without its year
    // (--12-03, contacts/birthday.ts) as its day and month, "3 tháng 12", "3 December" (2000: 29 February is one).
    date: (iso) =>
      !iso
        ? ''
        : /^\d{4}-\d{2}-\d{2}$/.test(iso)
          ? plainDate.format(new Date(`${iso}T00:00:00Z`))
          : /^--\d{2}-\d{2}$/.test(iso)
            ? dayOfYear.format(new Date(`2000${iso.slice(1)}T00:00:00Z`))
            : d.format(new Date(iso)),
    dateTime: (iso) => (iso ? dt.format(new Date(iso)) : ''),
    relative(iso) {
      const s = (new Date(iso).getTime() - Date.now()) / 1000;
      const abs = Math.abs(s);
      if (abs < 60) return rel.format(Math.round(s), 'second');
      if (abs < 3600) return rel.format(Math.round(s / 60), 'minute');
      if (abs < 86400) return rel.format(Math.round(s / 3600), 'hour');
      if (abs < 86400 * 30) return rel.format(Math.round(s / 86400), 'day');
      return dt.format(new Date(iso));
    },
  };
}

/** Two letters for an avatar: words that start with a letter or digit, so "<img …> Bobby" gives "IB", not "<B". */
export function initials(name: string): string {
  const parts = name
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter(Boolean);
  const a = [...(parts[0] ?? '')][0] ?? '';
  const b = parts.length > 1 ? ([...(parts[parts.length - 1] ?? '')][0] ?? '') : '';
  return (a + b).toLocaleUpperCase() || '?';
}
