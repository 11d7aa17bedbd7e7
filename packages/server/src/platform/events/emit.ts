import { checkEvent, type NewEvent } from '@kith/domain/events/event-types.ts';
import type { Db } from '../db/create-db.ts';
import { uuidv7 } from '../db/ids.ts';
import { insertEvents } from './event.repository.ts';

/**
 * Record domain events in the caller's transaction — the transaction that makes the change they tell of — so an
 * event exists exactly when its change was committed. Delivery happens afterwards (events/delivery.ts). The
 * payload is checked against its type's schema (@kith/domain/events/event-types.ts); a wrong one throws and
 * the change with it. An array is written with one statement per few hundred events (an import's batch).
 */
export async function emitEvent(trx: Db, event: NewEvent | readonly NewEvent[]): Promise<void> {
  const list: readonly NewEvent[] = Array.isArray(event) ? event : [event as NewEvent];
  if (list.length === 0) return;
  // Outside a transaction the event could outlive a change that fails, or be lost after one that succeeds.
  if (!trx.isTransaction) throw new Error('emitEvent needs the transaction of the change');
  await insertEvents(
    trx,
    list.map((e) => {
      const { payload, recordKey } = checkEvent(e);
      return {
        id: uuidv7(),
        workspace_id: e.workspaceId,
        type: e.type,
        record_key: recordKey,
        payload: JSON.stringify(payload),
        occurred_at: typeof e.at === 'string' ? new Date(e.at).toISOString() : e.at.toISOString(),
      };
    }),
  );
}
