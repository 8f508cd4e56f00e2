// Small helpers shared by the scale benchmark: progress logging, bounded waits, statistics.
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import net from 'node:net';

export const now = () => performance.now();
/** A `now()` reading as wall-clock time of day (UTC), to find it in the hub's log. */
export const wallTime = (t) => new Date(performance.timeOrigin + t).toISOString().slice(11, 23);

const started = now();

/** Progress goes to stderr so that stdout carries only the Markdown report. */
export function log(message) {
  const t = ((now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${t}s] ${message}\n`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A full garbage collection of this process before a timed measurement (node --expose-gc, as
 * scale.sh starts it): the 10,000 simulated panels make a heap of several hundred MB, and a
 * mark-compact of it inside a measurement stalls every panel at once; the latency would time
 * the load generator, not the hub.
 */
export async function settleGarbage() {
  if (typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  await sleep(200); // let the concurrent sweeper finish before the clock starts
}

/**
 * Watches this process while a measurement runs: the event loop's longest delay and the garbage
 * collections (count, longest pause). A sample taken while the load generator itself stood still
 * times the generator, not the target; `stop()` says how long it stood.
 */
export function watchStalls() {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const pauses = [];
  const gc = new PerformanceObserver((list) => { for (const e of list.getEntries()) pauses.push(e.duration); });
  loop.enable();
  gc.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      loop.disable();
      gc.disconnect();
      // the histogram holds the sampling timer's whole interval: the delay is what exceeds it
      return { loopMax: Math.max(0, loop.max / 1e6 - 10), gcCount: pauses.length, gcMax: Math.max(0, ...pauses) };
    },
  };
}

/** How a watch ended, for a progress line. */
export const fmtStalls = (s) => `bench stalled at most ${fmtMs(s.loopMax)} ms (event loop), ${s.gcCount} GC, longest ${fmtMs(s.gcMax)} ms`;

/** A wait that ran out of time; the message names what was awaited and how far it got. */
export class WaitTimeout extends Error {}

/**
 * Polls `check` (sync or async) every `everyMs` until it returns a truthy value, which is returned.
 * Throws WaitTimeout after `deadlineMs`; `progress()` is appended to the message so that a failure
 * says how far it got (e.g. "9,870 of 10,000 online").
 */
export async function waitFor(what, deadlineMs, check, { everyMs = 100, progress = () => '' } = {}) {
  const end = now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (now() >= end) {
      const p = progress();
      throw new WaitTimeout(`timed out after ${(deadlineMs / 1000).toFixed(1)} s waiting for ${what}${p ? ` (${p})` : ''}`);
    }
    await sleep(Math.min(everyMs, Math.max(1, end - now())));
  }
}

/** Rejects with WaitTimeout if `promise` does not settle within `deadlineMs`. */
export function within(what, deadlineMs, promise, progress = () => '') {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const p = progress();
      reject(new WaitTimeout(`timed out after ${(deadlineMs / 1000).toFixed(1)} s waiting for ${what}${p ? ` (${p})` : ''}`));
    }, deadlineMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Nearest-rank percentile (no interpolation: every reported value was really observed). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summary(values) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : NaN,
  };
}

/** A port that was free a moment ago (the kernel picks it); good enough on a quiet loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Site ids s001.., panel ids p01..; zero-padded so that they sort and read well. */
export function siteIds(count) {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `s${String(i + 1).padStart(width, '0')}`);
}

export function panelIds(count) {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => `p${String(i + 1).padStart(width, '0')}`);
}

export const fmtMs = (ms) => (Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : '–');
export const fmtInt = (n) => n.toLocaleString('en-US');
