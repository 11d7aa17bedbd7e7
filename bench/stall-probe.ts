/**
 * The load of (n), run in its own process so that a stalled server cannot stall the clock: requests sent
 * at a fixed rate (open loop: a request is due every 1000/rate ms whether or not the earlier ones have been
 * answered), each one's latency measured from the moment it was due to the end of its response. A stall
 * therefore shows in full, on every request that fell into it (a closed loop would send fewer during it).
 *
 * The parent talks over IPC: {cmd:'start', label} begins a phase, {cmd:'stop'} ends it and answers
 * {label, latencies, errors, unanswered}; {cmd:'exit'} ends the process.
 * Mix: three GET /api/v1/contacts?limit=50 for every POST /api/v1/contacts (a write, which on SQLite waits
 * for the one connection).
 */
import http from 'node:http';

const [url, token, rateArg] = process.argv.slice(2) as [string, string, string];
const rate = Number(rateArg ?? 25);
const base = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

type Sample = { due: number; ms: number; ok: boolean };
let samples: Sample[] = [];
let pending = new Set<{ due: number }>();
let label: string | null = null;
let timer: NodeJS.Timeout | null = null;
let seq = 0;

function send(due: number): void {
  const write = seq++ % 4 === 3;
  const body = write ? JSON.stringify({ name: `Khách thăm dò ${seq}` }) : undefined;
  const entry = { due };
  pending.add(entry);
  const mine = pending;
  const into = samples;
  const req = http.request(
    {
      agent,
      host: base.hostname,
      port: base.port,
      method: write ? 'POST' : 'GET',
      path: write ? '/api/v1/contacts' : '/api/v1/contacts?limit=50',
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
    },
    (res) => {
      res.resume();
      res.on('end', () => {
        mine.delete(entry);
        into.push({ due, ms: performance.now() - due, ok: (res.statusCode ?? 500) < 400 });
      });
    },
  );
  req.on('error', () => {
    mine.delete(entry);
    into.push({ due, ms: performance.now() - due, ok: false });
  });
  if (body) req.end(body);
  else req.end();
}

process.on('message', (m: { cmd: string; label?: string }) => {
  if (m.cmd === 'start') {
    label = m.label ?? 'phase';
    samples = [];
    pending = new Set();
    const t0 = performance.now();
    let n = 0;
    const tick = () => {
      // Catch up on every request that fell due (timers in this process are not stalled, but be exact).
      const now = performance.now();
      while (t0 + (n * 1000) / rate <= now) send(t0 + (n++ * 1000) / rate);
      timer = setTimeout(tick, Math.max(0, t0 + (n * 1000) / rate - performance.now()));
    };
    tick();
  } else if (m.cmd === 'stop') {
    if (timer) clearTimeout(timer);
    timer = null;
    // Requests still unanswered count with the time they have waited so far.
    const now = performance.now();
    const unanswered = [...pending].map((p) => now - p.due);
    process.send!({
      label,
      latencies: [...samples.map((s) => s.ms), ...unanswered],
      errors: samples.filter((s) => !s.ok).length,
      unanswered: unanswered.length,
    });
  } else if (m.cmd === 'exit') {
    agent.destroy();
    process.exit(0);
  }
});
process.send!({ ready: true });
