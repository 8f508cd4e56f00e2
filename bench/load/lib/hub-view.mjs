// The hub's own view of a measurement, from its public /metrics: how long it took from a press
// (hub time) until the broker had accepted the LOCKDOWN state, and its own timers. The echo hub
// has no /metrics (`target.scrape` undefined): every function here then answers null.
import { fmtMs } from './util.mjs';

const FAN = 'vaktpost_hub_lockdown_fanout_seconds';
const FAN_BOUNDS = ['0.1', '0.25', '0.5', '1.0', '+Inf'];
const CORE = 'vaktpost_hub_event_handling_seconds';
const WAIT = 'vaktpost_hub_outbound_wait_seconds';
const ANSWER = 'vaktpost_hub_outbound_answer_seconds';

const buckets = (m) => FAN_BOUNDS.map((le) => m.get(`${FAN}_bucket{le="${le}"}`) ?? NaN);

/** The fan-out histogram counts since the hub began: its buckets now, to subtract from a later reading. */
export async function fanoutBuckets(target) {
  const m = target.scrape ? await target.scrape([FAN]) : null;
  return m && buckets(m);
}

/** "a / b / c / d of n": lockdowns accepted by the broker within 100 / 250 / 500 ms / 1 s since `before`. */
export function fanoutSince(before, after) {
  if (!before || !after) return null;
  const d = after.map((v, i) => v - before[i]);
  return `${d.slice(0, 4).join(' / ')} of ${d[4]}`;
}

/**
 * After a burst: arrival to commit and the outbound timers (summaries over the last minutes), and
 * the fan-out since `fanBefore` (this burst only).
 */
export async function hubOwnView(target, fanBefore) {
  if (!target.scrape) return null;
  const m = await target.scrape([FAN, CORE, WAIT, ANSWER]);
  if (!m) return null;
  const q = (name, k) => fmtMs(m.get(`${name}{quantile="${k}"}`) * 1000);
  return `arrival to commit p50 ${q(CORE, '0.5')} ms, p99 ${q(CORE, '0.99')} ms; `
    + `press to the broker's accept of the state within 100 / 250 / 500 ms / 1 s: ${fanoutSince(fanBefore, buckets(m))}; `
    + `outbound wait p50 ${q(WAIT, '0.5')} ms, p99 ${q(WAIT, '0.99')} ms; broker's answer p50 ${q(ANSWER, '0.5')} ms, p99 ${q(ANSWER, '0.99')} ms`;
}
