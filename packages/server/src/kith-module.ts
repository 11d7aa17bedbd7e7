import type { Core } from './core.ts';
import type { Db } from './platform/db/create-db.ts';
import type { App } from './platform/http/types.ts';
import type { JobHandler } from './platform/jobs/runner.ts';
import type { ContactRef } from './platform/records/contact-refs.ts';
import type { EventListener } from './platform/events/delivery.ts';
import type { TimelineSource } from './platform/records/timeline.ts';

/**
 * A feature plugs into Kith through one module object (`<feature>/<feature>.module.ts`), and the modules are
 * listed once, in modules.ts (the composition root). The server (app.ts, main.ts) and the CLI build from that
 * list: nothing registers itself by being imported. This file knows no feature.
 */

/** A Fastify plugin made for a Core: what `<feature>.routes.ts` exports today (`contactRoutes(core)`). */
export type RoutePlugin = (app: App) => Promise<void>;

/**
 * A point where one feature tells others, inside its transaction, that something happened (orders changed, a
 * ticket resolved). The feature that owns the change defines the hook and emits it; listeners come from the
 * modules of the Core, in the list's order. `E` is the event's type (phantom: never stored).
 */
export type Hook<E> = { readonly name: string; readonly __event?: (e: E) => void };
export function defineHook<E>(name: string): Hook<E> {
  return { name };
}

export type Listener = { readonly hook: Hook<never>; readonly run: (trx: Db, core: Core, e: never) => Promise<void> };
/** A module's listener of a hook: it runs in the transaction that made the change, so both commit or neither. */
export function listen<E>(hook: Hook<E>, run: (trx: Db, core: Core, e: E) => Promise<void>): Listener {
  return { hook, run } as unknown as Listener;
}

/** Run every module's listeners of `hook` in `trx`, in the list's order. */
export async function emit<E>(trx: Db, core: Core, hook: Hook<E>, e: E): Promise<void> {
  for (const m of core.modules) {
    for (const l of m.listeners ?? []) if (l.hook === (hook as unknown)) await (l.run as (trx: Db, core: Core, e: E) => Promise<void>)(trx, core, e);
  }
}

/** A kind of job that recurs every `everyMs` (jobs/runner.ts). */
export type Recurring = { readonly everyMs: number; readonly firstAfterMs?: number };

export type KithModule = {
  /** The feature's folder name (logs, errors). */
  readonly name: string;
  /** Its API, under /api/v1. */
  readonly routes?: readonly ((core: Core) => RoutePlugin)[];
  /** Its public pages, outside the API and without credentials (the survey page, unsubscribe). */
  readonly pages?: readonly ((core: Core) => RoutePlugin)[];
  /**
   * The handlers of its kinds of job (jobs/runner.ts), by kind: a process claims only kinds it has a handler for.
   * Each takes its own payload type (`never` here admits them all).
   */
  readonly jobs?: Readonly<Record<string, JobHandler<never>>>;
  /**
   * Its recurring kinds (each also in `jobs`): the runner keeps one job of the kind scheduled per period, due at
   * the period's start (the first `firstAfterMs` after a server starts), in whichever process claims it.
   */
  readonly recurring?: Readonly<Record<string, Recurring>>;
  /** What it does, in the same transaction, when another feature emits a hook. */
  readonly listeners?: readonly Listener[];
  /** Its tables' columns that point at a contact (a merge re-points them). */
  readonly contactRefs?: readonly ContactRef[];
  /**
   * What it does after another feature's change has committed: listeners of the domain events (events/), delivered
   * through the outbox at least once, in order per record, by whichever process runs the job runner.
   */
  readonly events?: readonly EventListener[];
  /** What it records about a customer, read for the customer's timeline (features/timeline merges the sources). */
  readonly timeline?: readonly TimelineSource[];
};

/** The recurring kinds of the modules (jobs/runner.ts schedules them). */
export function recurringOf(modules: readonly KithModule[]): Map<string, Recurring> {
  const out = new Map<string, Recurring>();
  for (const m of modules) {
    for (const [kind, r] of Object.entries(m.recurring ?? {})) {
      if (!m.jobs?.[kind]) throw new Error(`module ${m.name}: the recurring kind "${kind}" has no handler in its jobs`);
      out.set(kind, r);
    }
  }
  return out;
}

/** The job handlers of the modules by kind; a kind claimed by two modules is a mistake, refused at start. */
export function jobHandlersOf(modules: readonly KithModule[]): Map<string, JobHandler> {
  const handlers = new Map<string, JobHandler>();
  const owner = new Map<string, string>();
  for (const m of modules) {
    for (const [kind, h] of Object.entries(m.jobs ?? {})) {
      if (owner.has(kind)) throw new Error(`jobs of kind "${kind}" have two handlers (modules ${owner.get(kind)} and ${m.name})`);
      owner.set(kind, m.name);
      handlers.set(kind, h as JobHandler);
    }
  }
  return handlers;
}

/** Every column that points at a contact, from the modules of a Core (a merge re-points them all). */
export function contactRefsOf(core: { readonly modules: readonly KithModule[] }): readonly ContactRef[] {
  return core.modules.flatMap((m) => m.contactRefs ?? []);
}

/** The domain-event listeners of the modules (events/delivery.ts delivers to them). */
export function eventListenersOf(modules: readonly KithModule[]): EventListener[] {
  return modules.flatMap((m) => m.events ?? []);
}

/** The timeline sources of the modules; a kind read by two modules is a mistake, refused. */
export function timelineSourcesOf(modules: readonly KithModule[]): TimelineSource[] {
  const sources = modules.flatMap((m) => m.timeline ?? []);
  const kinds = new Set(sources.map((s) => s.kind));
  if (kinds.size !== sources.length) throw new Error('two modules read the same kind of timeline entry');
  return sources;
}
