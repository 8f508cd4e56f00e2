// Where each burst's lockdowns spent their time, from a bench run's burst dump and the hub's log.
//
//   VAKTPOST_BURST_DUMP=/tmp/bursts.jsonl \
//   VAKTPOST_HUB_JAVA_OPTS="-Dlogback.configurationFile=bench/load/hub-outbound-debug.xml" \
//     bench/scale.sh --phases 4 --keep
//   node bench/load/timeline.mjs /tmp/bursts.jsonl <temp dir>/hub-1.log [--slowest 10]
//
// For every site of every hub burst: press → the hub has the event (the hub logs when it recorded
// it and how long after it arrived), the hub's own time (arrival → state handed to the MQTT
// client, window wait included), the broker's answer to the state, and the state's way from the
// hub to the site's last panel (broker fan-out and the bench's own processing). Prints each
// segment's median and p99 per burst; --slowest N lists the N slowest sites of each burst.
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { slowest: { type: 'string', default: '0' } } });
if (positionals.length !== 2) {
  process.stderr.write('usage: node bench/load/timeline.mjs <burst dump> <hub log> [--slowest N]\n');
  process.exit(2);
}
const [dumpFile, logFile] = positionals;
const RECORDED = /^(\S+) INFO +\[hub\] \S+ - recorded LOCKDOWN from ([^/\s]+)\/\S+ .*, (\d+) ms after it arrived/;
const TAKEN = /^(\S+) DEBUG +\[hub\] \S+ - state (\S+) v\d+ taken by the broker: waited (\d+) µs for the window, answered in (\d+) µs/;

const recorded = new Map(); // site -> [{ at, waited }] in log order
const taken = new Map(); // site -> [{ at, windowMs, answerMs }]
const push = (map, key, value) => (map.get(key) ?? map.set(key, []).get(key)).push(value);
for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
  let m = RECORDED.exec(line);
  if (m) { push(recorded, m[2], { at: Date.parse(m[1]), waited: Number(m[3]) }); continue; }
  m = TAKEN.exec(line);
  if (m) push(taken, m[2], { at: Date.parse(m[1]), windowMs: m[3] / 1000, answerMs: m[4] / 1000 });
}
if (![...taken.values()].length) {
  process.stderr.write(`${logFile} has no state lines: run the hub with bench/load/hub-outbound-debug.xml (see the top of this file)\n`);
  process.exit(1);
}

// the log has ms; an entry up to 50 ms before the press is the same lockdown (the two clocks are one)
const firstAfter = (list, t) => (list ?? []).find((e) => e.at >= t - 50);
const bursts = new Map();
for (const line of fs.readFileSync(dumpFile, 'utf8').split('\n').filter(Boolean)) {
  const r = JSON.parse(line);
  if (r.target !== 'hub' || r.latency == null) continue;
  const rec = firstAfter(recorded.get(r.site), r.pressed);
  const out = firstAfter(taken.get(r.site), r.pressed);
  if (!rec || !out) continue;
  const arrived = rec.at - rec.waited;
  const sent = out.at - out.answerMs;
  push(bursts, r.what, {
    site: r.site, pressed: r.pressed, total: r.latency, toHub: arrived - r.pressed, inHub: sent - arrived,
    window: out.windowMs, answer: out.answerMs, toLastPanel: r.pressed + r.latency - sent,
  });
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const SEGMENTS = [['total', 'press → all panels'], ['toHub', 'press → hub'], ['inHub', 'in the hub'], ['window', 'of which window'],
  ['answer', "broker's answer"], ['toLastPanel', 'hub → last panel']];
const f = (x) => x.toFixed(0).padStart(5);
for (const [what, rows] of bursts) {
  console.log(`${what} (${rows.length} sites): ${SEGMENTS.map(([k, name]) => `${name} ${pct(rows.map((r) => r[k]), 0.5).toFixed(0)}/${pct(rows.map((r) => r[k]), 0.99).toFixed(0)}`).join(' · ')} ms (p50/p99)`);
  const n = Number(values.slowest);
  if (n > 0) {
    const t0 = Math.min(...rows.map((r) => r.pressed));
    console.log(`  pressed at  ${SEGMENTS.map(([k]) => k.padStart(12)).join('')}  site`);
    for (const r of [...rows].sort((a, b) => b.total - a.total).slice(0, n)) {
      console.log(`  ${f(r.pressed - t0)} ms   ${SEGMENTS.map(([k]) => f(r[k]).padStart(12)).join('')}  ${r.site}`);
    }
  }
}
