// The Markdown report on stdout: machine, a table of every measurement beside its floor, the single
// values, the goals and every failure with what was awaited.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { HEARTBEAT_S } from './topics.mjs';
import { fmtInt, fmtMs, summary } from './util.mjs';

/** First non-empty output line; `java -version` and `mosquitto -h` print on stderr (the latter exits 1). */
function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
  return `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').find((l) => l.trim())?.trim() ?? `${cmd}: unknown`;
}

export function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? 'unknown CPU';
  const osName = /PRETTY_NAME="([^"]+)"/.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type();
  return {
    cores: os.availableParallelism?.() ?? os.cpus().length,
    model,
    ramGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
    os: `${osName}, Linux ${os.release()}`,
    node: process.version,
    java: firstLine('java', ['-version']),
    mosquitto: firstLine('/usr/sbin/mosquitto', ['-h']),
    // other work on the machine shifts every figure; shown so that a reader can judge the run
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

/** Rows of the table: key, label, and whether it is one of the latencies held to the p99 goal. */
const ROWS = [
  ['connect', '1. connect all → all online', false],
  ['lockdown', '3. lockdown, one site at a time → all its panels', true],
  ['burstFirst', '4. first burst, every site within 1 s (cold) → all its panels', false],
  ['burst', '4. burst, every site within 1 s, warm (--bursts, pooled) → all its panels', true],
  ['disconnectLockdown', '5. lockdown during mass disconnect → kept sites', true],
  ['disconnectOnline', '5. mass disconnect → online = kept sites', false],
  ['disconnectBroker', '5. mass disconnect → the broker has sent every Last Will (observer; the broker\'s pace in each run)', false],
  ['reconnectLockdown', '6. lockdown during mass reconnect → kept sites', true],
  ['reconnectOnline', '6. mass reconnect → all online again', false],
  ['restartLockdown', '7. lockdown at once after restart → all its panels', false],
  ['offlineWill', '8a. 100 Last Wills → online −100', false],
  ['offlineSilence', '8b. 100 silent panels → online −100', false],
];

const pct = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} %` : '–');
const mb = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} MB` : '–');
const passFail = (ok) => (ok ? 'PASS' : 'FAIL');
const mean = (xs) => (xs?.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const sum = (xs) => (xs?.length ? xs.reduce((a, b) => a + b, 0) : undefined);
const max = (xs) => (xs?.length ? Math.max(...xs) : NaN);

export function render({ started, opts, total, results, failures, info, hubJar }) {
  const floor = results.floor;
  const hub = results.hub;
  const out = [];
  out.push(`## Scale benchmark ${started} — ${info.cores} cores (${info.model}), ${info.ramGiB} GiB RAM, ${info.os}`);
  out.push('');
  out.push(`${info.node} · ${info.java} · ${info.mosquitto} · load average at the start ${info.load} · ${info.isolation} · ${opts.hubFirst ? 'the hub ran first, then the floor' : 'the floor ran first, then the hub'}`);
  out.push('');
  out.push(`${opts.sites} sites × ${opts.panelsPerSite} panels = ${fmtInt(total)} simulated panels (one small MQTT 5 client each, one process), `
    + `${opts.samples} samples, steady interval ${opts.steadyS} s, hub \`${hubJar}\`. All times in ms; `
    + `floor = the echo hub${opts.floor === 'java' ? ' on the hub\'s own stack (`--floor java`: Java, Paho, one connection; for diagnosis, not the goal\'s floor)' : ''} `
    + 'on the same broker in the same run (presence floors: the broker\'s own announcement).');
  out.push('');
  out.push('| measurement | n | floor p50 | floor p99 | hub p50 | hub p99 | hub max | ratio p99 |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  const goals = [];
  for (const [key, label, goal] of ROWS) {
    const f = summary(floor.values[key] ?? []);
    const h = summary(hub.values[key] ?? []);
    let fp50 = fmtMs(f.p50);
    let fp99 = fmtMs(f.p99);
    let floorP99 = f.p99;
    if (key === 'offlineSilence') {
      // no floor can be faster than the contract's timeout: the expectation stands in for it
      floorP99 = hub.singles.silenceExpected ?? NaN;
      fp50 = `${fmtMs(floorP99)} (contract)`;
      fp99 = fp50;
    }
    const ratio = Number.isFinite(h.p99) && floorP99 > 0 ? `×${(h.p99 / floorP99).toFixed(2)}` : '–';
    out.push(`| ${label} | ${h.n || f.n} | ${fp50} | ${fp99} | ${fmtMs(h.p50)} | ${fmtMs(h.p99)} | ${fmtMs(h.max)} | ${ratio} |`);
    if (goal) {
      const limit = 1.5 * f.p99 + 20;
      const ok = h.n > 0 && f.n > 0 && h.p99 <= limit;
      goals.push(`- ${label.split(' ')[0]} p99 within 1.5 × floor + 20 ms (${fmtMs(h.p99)} ≤ ${fmtMs(limit)}): ${passFail(ok)}`);
    }
  }
  out.push('');
  out.push('Single values:');
  out.push('');
  const hs = hub.singles;
  const fs_ = floor.singles;
  out.push(`- 2. steady ${opts.steadyS} s, all ${fmtInt(total)} online: hub CPU ${pct(hs.cpu)} of one core (echo hub ${pct(fs_.cpu)}); `
    + `Mosquitto ${pct(hs.mosquittoCpu)} (floor run ${pct(fs_.mosquittoCpu)}); bench process ${pct(hs.benchCpu)} (floor run ${pct(fs_.benchCpu)})`);
  out.push(`- 2. hub heap used: mean ${mb(hs.memMean)}, max ${mb(hs.memMax)} (from ${hs.heapSource ?? 'n/a'}); echo hub resident memory ${mb(fs_.memMean)}`);
  const each = (r) => (r.values.burstP99 ?? []).map(fmtMs).join(' / ') || '–';
  out.push(`- 4. each warm burst's own p99: hub ${each(hub)} (floor ${each(floor)})`);
  for (const [key, what] of [['burstFirst', 'first burst'], ['burst', 'warm bursts (mean)']]) {
    const cpu = (r, n) => pct(mean(r.values[`${key}Cpu_${n}`]));
    out.push(`- 4. CPU during the ${what} (% of one core, press of the first site to the last site locked): `
      + `hub ${cpu(hub, 'target')} (echo hub ${cpu(floor, 'target')}); Mosquitto ${cpu(hub, 'mosquitto')} (floor run ${cpu(floor, 'mosquitto')}); `
      + `bench process ${cpu(hub, 'bench')} (floor run ${cpu(floor, 'bench')}); the bench's event loop stood still at most `
      + `${fmtMs(max(hub.values[`${key}BenchStall`]))} ms (floor run ${fmtMs(max(floor.values[`${key}BenchStall`]))} ms); `
      + `CPU stolen by the hypervisor at most ${fmtMs(max(hub.values[`${key}Steal`]))} ms in one burst (floor run ${fmtMs(max(floor.values[`${key}Steal`]))} ms); `
      + `the machine's cores ${pct(mean(hub.values[`${key}Busy`]))} busy (floor run ${pct(mean(floor.values[`${key}Busy`]))}); `
      + `waiting for a core per burst: Mosquitto ${fmtMs(mean(hub.values[`${key}Wait_mosquitto`]))} ms `
      + `(floor run ${fmtMs(mean(floor.values[`${key}Wait_mosquitto`]))} ms), bench ${fmtMs(mean(hub.values[`${key}Wait_bench`]))} ms `
      + `(floor run ${fmtMs(mean(floor.values[`${key}Wait_bench`]))} ms)`);
  }
  const offsets = (r, key) => {
    const v = r.values[`${key}Offsets`] ?? [];
    return v.length ? `${fmtMs(Math.min(...v))}–${fmtMs(Math.max(...v))}` : '–';
  };
  out.push(`- 5. LOCKDOWNs pressed ${offsets(hub, 'disconnectLockdown')} ms after the first socket was destroyed `
    + `(floor run ${offsets(floor, 'disconnectLockdown')} ms), one per kept site; destroying all took ${fmtMs(hs.disconnectLoop)} ms (last storm)`);
  out.push(`- 6. LOCKDOWNs pressed ${offsets(hub, 'reconnectLockdown')} ms after the first reconnect began (floor run ${offsets(floor, 'reconnectLockdown')} ms); `
    + `starting all reconnects took ${fmtMs(hs.reconnectLoop)} ms (last storm)`);
  out.push(`- 5 and 6, the hub's own part (its \`lockdown_fanout\` histogram): press (hub time) to the broker's accept of the state `
    + `within 100 / 250 / 500 ms / 1 s: ${hs.stormsFanout ?? '–'} lockdowns of the storms`);
  out.push(`- 7. after the hub restart: lowest panels_online ${hs.restartMinOnline ?? '–'} of ${fmtInt(total)} (at ${fmtMs(hs.restartMinAt)} ms; polled every 200 ms for ${opts.restartWatchS} s after ready), `
    + `${fmtInt(total)} first read ${fmtMs(hs.restartUntilAll)} ms after ready, ${hs.restartFailedScrapes ?? 0} scrapes unanswered`);
  out.push(`- 8b. expected by the contract: 2 × ${HEARTBEAT_S} s heartbeat + 1 s = ${fmtMs(hs.silenceExpected)} ms after the last heartbeat (+ up to 1 s for the hub's supervision tick)`);
  for (const phase of ['floor', 'hub']) {
    const s = results[phase].singles;
    out.push(`- ${phase} run: bench event-loop delay p99 ${fmtMs(s.loopP99)} ms, max ${fmtMs(s.loopMax)} ms; `
      + `${fmtInt(s.acks ?? 0)} acks (press to ack p50 ${fmtMs(s.ackMs?.p50)}, p99 ${fmtMs(s.ackMs?.p99)}, max ${fmtMs(s.ackMs?.max)} ms), `
      + `${fmtInt(s.resends ?? 0)} event resends (unacked after 3 s), ${fmtInt(s.clientErrors ?? 0)} client errors`
      + (s.clientErrorKinds?.length ? ` (${s.clientErrorKinds.map(([k, n]) => `${fmtInt(n)} × "${k}"`).join(', ')})` : ''));
  }
  out.push('');
  out.push('Goals:');
  out.push('');
  const burstMissing = sum(hub.values.burstMissing);
  const firstMissing = sum(hub.values.burstFirstMissing);
  const burstOk = hub.values.burst !== undefined && burstMissing === 0 && firstMissing === 0;
  const missing = (firstMissing ?? 'all') + ' and ' + (burstMissing ?? 'all');
  out.push(`- every burst complete (all): ${passFail(burstOk)}${burstOk ? '' : ` (${missing} site(s) missing)`}`);
  out.push(...goals);
  out.push(`- hub heap under 256 MB (max ${mb(hs.memMax)}): ${passFail(hs.memMax < 256)}`);
  out.push(`- no false outage after the restart (lowest online ${hs.restartMinOnline ?? '–'}): ${passFail(hs.restartMinOnline === total)}`);
  if (failures.length) {
    out.push('');
    out.push(`Failures (${failures.length}):`);
    out.push('');
    for (const f of failures) out.push(`- ${f}`);
  }
  out.push('');
  return out.join('\n');
}
