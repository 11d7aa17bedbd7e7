import type { OrderCreateInput } from '@kith/domain/orders/order.schema.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { createOrder } from '../src/features/commerce/order-write.service.ts';
import { loadConfig } from '../src/config.ts';
import { createCore } from '../src/core.ts';
import { deliverDueEvents, type EventListener } from '../src/platform/events/delivery.ts';
import { enqueue } from '../src/platform/jobs/queue.ts';
import { createLogger } from '../src/logger.ts';
import { MODULES } from '../src/modules.ts';

/**
 * A second server process for events.test.ts, killed with SIGKILL by the test at the moment it says so on stdout:
 * - `write`: commits a paid order (its event in the same transaction), says `committed <id>`, and hangs before
 *   delivering anything;
 * - `deliver`: delivers due events to the listeners named, one cursor at a time; each listener records its effect
 *   (a `test.effect` job row) in the delivery's transaction; the listener named `hang` says `inside <listener>`
 *   and hangs in the middle of its handler, its transaction open.
 */
type Args = {
  dataDir: string;
  databaseUrl?: string;
  now: string;
  mode: 'write' | 'deliver';
  actor?: Actor;
  order?: OrderCreateInput;
  listeners?: string[];
  hang?: string;
};
const args = JSON.parse(process.env.KITH_EVENT_CHILD ?? '{}') as Args;
const clock = new Date(args.now);
const config = loadConfig({}, { dataDir: args.dataDir, databaseUrl: args.databaseUrl, logLevel: 'silent', secret: 'test-secret-test-secret-test-secret-0123' });
const core = await createCore(config, { log: createLogger('silent'), now: () => clock, migrate: false, modules: MODULES });
const hangForever = () => new Promise<never>(() => setInterval(() => {}, 60_000));

if (args.mode === 'write') {
  const order = await createOrder(core, args.actor!, args.order!);
  process.stdout.write(`committed ${order.id}\n`);
  await hangForever();
}

const listeners: EventListener[] = (args.listeners ?? []).map((id) => ({
  id,
  on: ['order.paid'],
  async handle(_core, event, trx) {
    await enqueue(trx, { kind: 'test.effect', workspaceId: event.workspaceId, payload: { listener: id, eventId: event.id } }, clock);
    if (id === args.hang) {
      process.stdout.write(`inside ${id} ${event.id}\n`);
      await hangForever();
    }
  },
}));
await deliverDueEvents(core, listeners, { batch: 1, concurrency: 1 });
process.stdout.write('done\n');
await core.close();
