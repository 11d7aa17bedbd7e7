import { parentPort, workerData } from 'node:worker_threads';
import { readRange } from './transactions-file.ts';

/** One part of a large transactions file, read in its own thread (readInParallel in transactions-file.ts). */
const { path, start, end, cols, withIndex } = workerData as {
  path: string;
  start: number;
  end: number;
  cols: Parameters<typeof readRange>[3];
  withIndex: boolean;
};
try {
  const columns = await readRange(path, start, end, cols, withIndex);
  const buffers: ArrayBuffer[] = [columns.start.buffer as ArrayBuffer, columns.day.buffer as ArrayBuffer, columns.amount.buffer as ArrayBuffer];
  if (columns.index) buffers.push(columns.index.table.buffer, columns.index.chars.buffer);
  parentPort!.postMessage({ ok: true, columns }, buffers);
} catch {
  // Whatever it was (a quote, a bad cell), the file is read again by one reader, which says where.
  parentPort!.postMessage({ ok: false });
}
