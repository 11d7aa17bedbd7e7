import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../db/column-types.ts';

/** The outbox: one row per domain event, written in the transaction of the change (events/emit.ts). */
export interface EventTable {
  id: string;
  workspace_id: string;
  type: string;
  record_key: string;
  seq: number;
  payload: Json;
  occurred_at: Timestamp;
  dispatched_at: Timestamp | null;
}

/** A record's event sequence: the last number given. */
export interface EventStreamTable {
  record_key: string;
  workspace_id: string;
  last_seq: number;
}

/** One listener's place in one record's events, and the lease of whoever delivers them. */
export interface EventCursorTable {
  id: string;
  listener: string;
  record_key: string;
  workspace_id: string;
  done_seq: number;
  wanted_seq: number;
  due_at: Timestamp | null;
  attempts: ColumnType<number, number | undefined, number>;
  claims: ColumnType<number, number | undefined, number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
}

export interface EventFailureTable {
  listener: string;
  event_id: string;
  workspace_id: string;
  attempts: number;
  last_error: string;
  failed_at: Timestamp;
}
