import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useCareSettings, useCategoryLabel } from '../tickets/care-data.ts';
import { mergeHolidays, type CareSettings } from '../tickets/ticket-model.ts';
import { CannedRepliesSettings } from './canned-replies-settings.tsx';
import { SlaPoliciesSettings, TeamAssignmentSettings } from './sla-settings.tsx';

type Calendar = CareSettings['calendar'];

/** Monday first on screen; the API's week is Sunday first. */
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0];
const ZONES = [
  'Asia/Ho_Chi_Minh',
  'Asia/Bangkok',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Shanghai',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];
const CATEGORY_RE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/**
 * Customer care, for owners and admins (managers see it and keep the canned replies): the working week and
 * holidays the SLA clocks count in, ticket categories and escalation, the SLA policies, how each team's
 * tickets are assigned, and the canned replies.
 */
export function CareSettingsPage() {
  const can = useCan();
  return (
    <div className="stack care-settings" style={{ gap: 'var(--s5)' }} data-testid="care-settings">
      <CalendarSettings editable={can('care.configure')} />
      <CareRulesSettings editable={can('care.configure')} />
      <SlaPoliciesSettings editable={can('care.configure')} />
      <TeamAssignmentSettings editable={can('care.configure')} />
      <CannedRepliesSettings editable={can('canned_replies.manage')} />
    </div>
  );
}

function useWeekdayNames(): string[] {
  const fmt = useFormat();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(fmt.locale, { weekday: 'long', timeZone: 'UTC' });
    // 1 January 2023 was a Sunday.
    return Array.from({ length: 7 }, (_, i) => {
      const name = f.format(new Date(Date.UTC(2023, 0, 1 + i)));
      return name.charAt(0).toLocaleUpperCase(fmt.locale) + name.slice(1);
    });
  }, [fmt.locale]);
}

function CalendarSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const settings = useCareSettings();
  const days = useWeekdayNames();
  const [cal, setCal] = useState<Calendar | null>(null);
  const [holiday, setHoliday] = useState({ date: '', name: '' });
  const [extraDay, setExtraDay] = useState('');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  useEffect(() => {
    if (settings.data) setCal(structuredClone(settings.data.calendar));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async () => (await call(ticketApi.updateSettings, { body: { calendar: cal! } })).data,
    onSuccess: (r) => {
      qc.setQueryData(['care', 'settings'], r);
      notify(t('care.calendarSaved'));
    },
  });
  const addVietnam = useMutation({
    mutationFn: async () => (await call(ticketApi.holidays, { query: { year } })).data.data.filter((h) => h.date.startsWith(`${year}-`)),
    onSuccess: (vn) => {
      if (!cal) return;
      const r = mergeHolidays(cal.holidays, vn);
      setCal({ ...cal, holidays: r.holidays });
      notify(r.added ? t('care.holidaysAdded', { count: r.added, year }) : t('care.holidaysNoneAdded', { year }));
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  if (!cal) return <div className="progress" />;
  const setDay = (d: number, intervals: Calendar['week'][number]) => setCal({ ...cal, week: cal.week.map((x, i) => (i === d ? intervals : x)) });
  const weekError = (d: number) => fieldError(save.error, `/calendar/week/${d}`);
  const anyWeekError = cal.week.some((_, d) => weekError(d));
  const otherError =
    fieldError(save.error, '/calendar/timeZone') ?? fieldError(save.error, '/calendar/holidays') ?? fieldError(save.error, '/calendar/extraWorkingDays');
  return (
    <section className="card" aria-labelledby="care-calendar-title">
      <div className="card-header">
        <h2 id="care-calendar-title">{t('care.calendarTitle')}</h2>
      </div>
      <div className="card-body stack">
        <p className="muted">{t('care.calendarIntro')}</p>
        {!editable && <p className="muted">{t('settings.readOnly')}</p>}
        <div style={{ maxInlineSize: 320 }}>
          <SelectField
            label={t('settings.timezone')}
            value={cal.timeZone}
            disabled={!editable}
            onChange={(e) => setCal({ ...cal, timeZone: e.target.value })}
            options={[...new Set([cal.timeZone, ...ZONES])].map((z) => ({ value: z, label: z }))}
            error={fieldError(save.error, '/calendar/timeZone')}
          />
        </div>
        <h3>{t('care.week')}</h3>
        <table className="table week-table" data-testid="week-editor">
          <thead>
            <tr>
              <th scope="col">{t('care.day')}</th>
              <th scope="col">{t('care.hours')}</th>
            </tr>
          </thead>
          <tbody>
            {DAY_ORDER.map((d) => {
              const intervals = cal.week[d] ?? [];
              const day = days[d]!;
              return (
                <tr key={d} data-testid={`weekday-${d}`}>
                  <th scope="row" className="week-day">
                    {day}
                  </th>
                  <td>
                    <div className="row" style={{ flexWrap: 'wrap' }}>
                      {intervals.length === 0 && <span className="badge badge-neutral">{t('care.closed')}</span>}
                      {intervals.map((iv, n) => (
                        <span key={n} className="interval">
                          <input
                            type="time"
                            className="input time-input"
                            aria-label={t('care.intervalFrom', { day, n: n + 1 })}
                            value={iv.from}
                            disabled={!editable}
                            onChange={(e) =>
                              setDay(
                                d,
                                intervals.map((x, k) => (k === n ? { ...x, from: e.target.value } : x)),
                              )
                            }
                          />
                          <span aria-hidden="true">–</span>
                          <input
                            type="time"
                            className="input time-input"
                            aria-label={t('care.intervalTo', { day, n: n + 1 })}
                            value={iv.to === '24:00' ? '23:59' : iv.to}
                            disabled={!editable}
                            onChange={(e) =>
                              setDay(
                                d,
                                intervals.map((x, k) => (k === n ? { ...x, to: e.target.value } : x)),
                              )
                            }
                          />
                          {editable && (
                            <Button
                              size="sm"
                              variant="ghost"
                              icon
                              aria-label={t('care.removeInterval', { day, from: iv.from, to: iv.to })}
                              onClick={() =>
                                setDay(
                                  d,
                                  intervals.filter((_, k) => k !== n),
                                )
                              }
                            >
                              <Icon name="close" />
                            </Button>
                          )}
                        </span>
                      ))}
                      {editable && intervals.length < 6 && (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() =>
                            setDay(d, [
                              ...intervals,
                              intervals.length ? { from: intervals[intervals.length - 1]!.to, to: '17:30' } : { from: '08:00', to: '17:00' },
                            ])
                          }
                          aria-label={t('care.addIntervalTo', { day })}
                        >
                          <Icon name="plus" /> {t('care.addInterval')}
                        </Button>
                      )}
                    </div>
                    {weekError(d) && (
                      <span className="field-error" role="alert">
                        {weekError(d)}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <h3>{t('care.holidays')}</h3>
        <p className="muted">{t('care.holidaysIntro')}</p>
        {editable && (
          <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
            <SelectField
              label={t('care.year')}
              hideLabel
              value={String(year)}
              onChange={(e) => setYear(Number(e.target.value))}
              options={[thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: String(y), label: String(y) }))}
            />
            <Button onClick={() => addVietnam.mutate()} busy={addVietnam.isPending}>
              <Icon name="plus" /> {t('care.addVietnam', { year })}
            </Button>
          </div>
        )}
        {cal.holidays.length === 0 ? (
          <p className="muted">{t('care.noHolidays')}</p>
        ) : (
          <div className="holiday-list">
            <table className="table" data-testid="holidays">
              <thead>
                <tr>
                  <th scope="col">{t('care.holidayDate')}</th>
                  <th scope="col">{t('care.holidayName')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {cal.holidays.map((h) => (
                  <tr key={h.date}>
                    <td className="nowrap">
                      <time dateTime={h.date}>{fmt.date(h.date)}</time>
                    </td>
                    <td>{h.name}</td>
                    <td className="num">
                      {editable && (
                        <Button
                          size="sm"
                          variant="ghost"
                          icon
                          aria-label={t('care.removeHoliday', { name: h.name, date: fmt.date(h.date) })}
                          onClick={() => setCal({ ...cal, holidays: cal.holidays.filter((x) => x.date !== h.date) })}
                        >
                          <Icon name="close" />
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editable && (
          <form
            className="row"
            style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}
            onSubmit={(e) => {
              e.preventDefault();
              if (!holiday.date || !holiday.name.trim()) return;
              setCal({
                ...cal,
                holidays: mergeHolidays(
                  cal.holidays.filter((x) => x.date !== holiday.date),
                  [{ date: holiday.date, name: holiday.name.trim() }],
                ).holidays,
              });
              setHoliday({ date: '', name: '' });
            }}
          >
            <TextField label={t('care.holidayDate')} type="date" value={holiday.date} onChange={(e) => setHoliday({ ...holiday, date: e.target.value })} />
            <TextField
              label={t('care.holidayName')}
              value={holiday.name}
              onChange={(e) => setHoliday({ ...holiday, name: e.target.value })}
              maxLength={120}
              placeholder={t('care.holidayNamePlaceholder')}
            />
            <Button type="submit" disabled={!holiday.date || !holiday.name.trim()}>
              {t('care.addHoliday')}
            </Button>
          </form>
        )}

        <h3>{t('care.extraDays')}</h3>
        <p className="muted">{t('care.extraDaysIntro')}</p>
        <div className="chips">
          {cal.extraWorkingDays.length === 0 && <span className="muted">{t('care.noExtraDays')}</span>}
          {cal.extraWorkingDays.map((d) => (
            <span key={d} className="filter-chip">
              {fmt.date(d)}
              {editable && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('care.removeExtraDay', { date: fmt.date(d) })}
                  onClick={() => setCal({ ...cal, extraWorkingDays: cal.extraWorkingDays.filter((x) => x !== d) })}
                >
                  <Icon name="close" size={12} />
                </button>
              )}
            </span>
          ))}
        </div>
        {editable && (
          <div className="row" style={{ alignItems: 'flex-end' }}>
            <TextField label={t('care.holidayDate')} type="date" value={extraDay} onChange={(e) => setExtraDay(e.target.value)} />
            <Button
              disabled={!extraDay}
              onClick={() => {
                setCal({ ...cal, extraWorkingDays: [...new Set([...cal.extraWorkingDays, extraDay])].sort() });
                setExtraDay('');
              }}
            >
              {t('common.add')}
            </Button>
          </div>
        )}
        {save.isError && (!anyWeekError || otherError) && (
          <div className="alert alert-error" role="alert">
            {otherError ?? errorText(save.error)}
          </div>
        )}
        {editable && (
          <div className="row">
            <Button variant="primary" onClick={() => save.mutate()} busy={save.isPending}>
              {t('common.save')}
            </Button>
            <span className="muted">{t('care.saveHint')}</span>
          </div>
        )}
      </div>
    </section>
  );
}

/** Ticket categories, when a clock warns, and what happens on a breach. */
function CareRulesSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const settings = useCareSettings();
  const categoryLabel = useCategoryLabel();
  const [form, setForm] = useState<Pick<CareSettings, 'categories' | 'escalation'> & { warnPercent: string }>();
  const [newCategory, setNewCategory] = useState('');
  const [categoryError, setCategoryError] = useState<string>();
  useEffect(() => {
    if (settings.data)
      setForm({
        categories: [...settings.data.categories],
        escalation: { ...settings.data.escalation },
        warnPercent: String(Math.round(settings.data.warnFraction * 100)),
      });
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async () =>
      (
        await call(ticketApi.updateSettings, {
          body: { categories: form!.categories, escalation: form!.escalation, warnFraction: Number(form!.warnPercent) / 100 },
        })
      ).data,
    onSuccess: (r) => {
      qc.setQueryData(['care', 'settings'], r);
      notify(t('care.rulesSaved'));
    },
  });
  if (!form) return <div className="progress" />;
  const addCategory = () => {
    const c = newCategory.trim().toLowerCase();
    if (!CATEGORY_RE.test(c)) return setCategoryError(t('care.categoryFormat'));
    if (form.categories.includes(c)) return setCategoryError(t('validation.not_unique'));
    setForm({ ...form, categories: [...form.categories, c] });
    setNewCategory('');
    setCategoryError(undefined);
  };
  const warnError = fieldError(save.error, '/warnFraction');
  const catError = fieldError(save.error, '/categories');
  return (
    <section className="card" aria-labelledby="care-rules-title">
      <div className="card-header">
        <h2 id="care-rules-title">{t('care.rulesTitle')}</h2>
      </div>
      <div className="card-body stack">
        <h3>{t('care.categories')}</h3>
        <div className="chips" data-testid="care-categories">
          {form.categories.map((c) => (
            <span key={c} className="filter-chip">
              {categoryLabel(c)}
              {categoryLabel(c) !== c && <span className="muted mono">{c}</span>}
              {editable && form.categories.length > 1 && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('care.removeCategory', { name: categoryLabel(c) })}
                  onClick={() => setForm({ ...form, categories: form.categories.filter((x) => x !== c) })}
                >
                  <Icon name="close" size={12} />
                </button>
              )}
            </span>
          ))}
        </div>
        {catError && (
          <span className="field-error" role="alert">
            {catError}
          </span>
        )}
        {editable && (
          <form
            className="row"
            style={{ alignItems: 'flex-start' }}
            onSubmit={(e) => {
              e.preventDefault();
              addCategory();
            }}
          >
            <TextField
              label={t('care.newCategory')}
              value={newCategory}
              onChange={(e) => setNewCategory(e.target.value)}
              error={categoryError}
              hint={t('care.categoryFormat')}
              maxLength={40}
            />
            <div className="field">
              <span aria-hidden="true">&nbsp;</span>
              <Button type="submit" disabled={!newCategory.trim()}>
                {t('common.add')}
              </Button>
            </div>
          </form>
        )}
        <h3>{t('care.warnings')}</h3>
        <div style={{ maxInlineSize: 320 }}>
          <TextField
            label={t('care.warnPercent')}
            type="number"
            min={0}
            max={90}
            step={5}
            value={form.warnPercent}
            disabled={!editable}
            onChange={(e) => setForm({ ...form, warnPercent: e.target.value })}
            error={warnError}
            hint={t('care.warnHint', { percent: form.warnPercent || '0' })}
          />
        </div>
        <fieldset className="stack plain-fieldset">
          <legend className="section-title">{t('care.escalation')}</legend>
          <label className="row">
            <input
              type="checkbox"
              className="checkbox"
              checked={form.escalation.notifyManagers}
              disabled={!editable}
              onChange={(e) => setForm({ ...form, escalation: { ...form.escalation, notifyManagers: e.target.checked } })}
            />
            {t('care.notifyManagers')}
          </label>
          <label className="row">
            <input
              type="checkbox"
              className="checkbox"
              checked={form.escalation.reassignToManager}
              disabled={!editable}
              onChange={(e) => setForm({ ...form, escalation: { ...form.escalation, reassignToManager: e.target.checked } })}
            />
            {t('care.reassignToManager')}
          </label>
        </fieldset>
        {save.isError && !warnError && !catError && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
        {editable && (
          <div>
            <Button variant="primary" onClick={() => save.mutate()} busy={save.isPending}>
              {t('common.save')}
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}
