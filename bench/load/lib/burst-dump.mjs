// VAKTPOST_BURST_DUMP=<file>: every site of every burst (row 4) as one JSON line, for
// bench/load/timeline.mjs to lay beside the hub's log and tell where a slow lockdown spent its time.
import fs from 'node:fs';

/**
 * Appends one line per site: target, burst, site, the press as wall-clock ms and the latency in ms
 * (null when the site never locked). Wall clock, because the hub's log has nothing else; both run
 * on this machine, so they share it.
 */
export function dumpBurst(target, what, sites, pressedTimes, settled) {
  const file = process.env.VAKTPOST_BURST_DUMP;
  if (!file) return;
  const lines = settled.map((s, i) => JSON.stringify({ target, what, site: sites[i],
    pressed: performance.timeOrigin + pressedTimes[i], latency: s.status === 'fulfilled' ? s.value : null }));
  fs.appendFileSync(file, lines.join('\n') + '\n');
}
