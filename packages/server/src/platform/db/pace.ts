/**
 * Long work (an import, a duplicate run, planner statistics) shares its process with every other request. On SQLite the driver is synchronous: a query runs
 * on this thread, and awaiting it only queues a microtask, so a loop of queries and parsing never lets the
 * event loop reach its I/O phase — no request is read, no timer fires, no signal is handled until the loop
 * ends (a 200,000-row import held every other request for 43 s, BENCHMARKS (n)). Long loops therefore give
 * the event loop a turn (setImmediate: after the pending I/O) whenever SLICE_MS of work has gone by.
 */
export const SLICE_MS = 15;

/** Let the event loop run what is waiting (requests, timers, signals), then continue. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `await pace()` in a loop: yields once SLICE_MS have passed since the last yield. */
export function pacer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < sliceMs) return undefined;
    return yieldToLoop().then(() => {
      last = performance.now();
    });
  };
}

let lastDemand = Number.NEGATIVE_INFINITY;

/** Someone else wants this thread now (a request arrived): long work takes smaller steps for a while. */
export function noteDemand(): void {
  lastDemand = performance.now();
}

/** Has anything asked for the thread in the last `ms`? */
export function demandWithin(ms: number): boolean {
  return performance.now() - lastDemand < ms;
}
