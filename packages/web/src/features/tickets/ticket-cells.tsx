import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../components/ui/icons.tsx';
import { useFormat } from '../../lib/format.ts';
import { hoursAndMinutes, nextTarget, slaTone, type SlaTarget, type SlaTargetView, type SlaTone, type Ticket } from './ticket-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

const STATUS_CLASS: Record<Ticket['status'], string> = {
  new: 'badge badge-info',
  open: 'badge',
  waiting_on_customer: 'badge badge-neutral',
  reopened: 'badge badge-warning',
  resolved: 'badge badge-success',
  closed: 'badge badge-neutral',
};

export function TicketStatusBadge({ status }: { status: Ticket['status'] }) {
  useTranslation(); // re-render when the language changes (enumLabel reads it)
  return (
    <span className={STATUS_CLASS[status]} data-testid="ticket-status">
      {enumLabel('ticketStatus', status)}
    </span>
  );
}

const PRIORITY_CLASS: Record<Ticket['priority'], string> = {
  urgent: 'badge badge-danger',
  high: 'badge badge-warning',
  normal: 'badge',
  low: 'badge badge-neutral',
};

export function PriorityBadge({ priority }: { priority: Ticket['priority'] }) {
  useTranslation(); // re-render when the language changes (enumLabel reads it)
  return <span className={PRIORITY_CLASS[priority]}>{enumLabel('ticketPriority', priority)}</span>;
}

/** Business minutes in words: "2 giờ 15 phút" / "2 h 15 min". */
export function useDuration(): (minutes: number) => string {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (minutes) => {
    const { h, m } = hoursAndMinutes(minutes);
    if (h && m) return t('tickets.sla.hm', { h: fmt.number(h), m: fmt.number(m) });
    if (h) return t('tickets.sla.h', { h: fmt.number(h) });
    return t('tickets.sla.m', { m: fmt.number(m) });
  };
}

const TONE: Record<SlaTone, { className: string; icon: IconName }> = {
  met: { className: 'badge badge-success', icon: 'tick' },
  missed: { className: 'badge badge-danger', icon: 'alert' },
  breached: { className: 'badge badge-danger', icon: 'alert' },
  paused: { className: 'badge badge-neutral', icon: 'pause' },
  warn: { className: 'badge badge-warning', icon: 'clock' },
  running: { className: 'badge', icon: 'clock' },
};

/** How one clock stands, in words: time left in business hours, overdue, met, or paused while waiting. */
export function useSlaText(): (state: SlaTargetView, tone: SlaTone) => string {
  const { t } = useTranslation();
  const duration = useDuration();
  return (s, tone) => {
    const time = duration(s.remainingMinutes);
    switch (tone) {
      case 'met':
        return t('tickets.sla.met');
      case 'missed':
        return s.remainingMinutes < 0 ? t('tickets.sla.missed', { time }) : t('tickets.sla.missedShort');
      case 'breached':
        return s.remainingMinutes < 0 ? t('tickets.sla.overdue', { time }) : t('tickets.sla.overdueNow');
      case 'paused':
        return t('tickets.sla.paused', { time });
      default:
        return t('tickets.sla.left', { time });
    }
  };
}

/**
 * An SLA clock: green with a tick when met, amber when little is left, red once past due, grey while the
 * ticket waits on the customer. The words say the same as the colour, so the colour is never the only cue.
 */
export function SlaTimer({ state, which, status, label }: { state: SlaTargetView; which: SlaTarget; status: Ticket['status']; label?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useSlaText();
  const tone = slaTone(state, which, status);
  const look = TONE[tone];
  return (
    <span className={look.className} title={t('tickets.sla.dueAt', { at: fmt.dateTime(state.dueAt) })} data-testid={`sla-${which}`} data-tone={tone}>
      <Icon name={look.icon} size={12} />
      {label && `${t(`tickets.sla.short.${which}`)} · `}
      {text(state, tone)}
    </span>
  );
}

/** The inbox's SLA cell: the clock that matters next, named. */
export function NextSlaCell({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const next = nextTarget(ticket.sla);
  if (!next) return <span className="muted">{t('tickets.sla.none')}</span>;
  return <SlaTimer state={next.state} which={next.which} status={ticket.status} label />;
}
