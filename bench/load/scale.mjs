// Scale benchmark of the Vaktpost hub: thousands of simulated MQTT panels on a private Mosquitto,
// every measurement taken twice in the same run — against an echo hub (the floor) and the real hub.
// Progress on stderr, a Markdown report on stdout; exit code 1 when anything failed (a burst site
// that never locked, a deadline that passed). Usage: see README.md, or run with --help.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Fleet } from './lib/panels.mjs';
import { StatusObserver } from './lib/status-observer.mjs';
import { EchoTarget, HubTarget } from './lib/targets.mjs';
import { autogroupsOn, killAllChildren, setPlacement, startMosquitto } from './lib/processes.mjs';
import { machine, render } from './lib/report.mjs';
import * as m from './lib/measurements.mjs';
import { freePort, log, panelIds, siteIds, summary, within } from './lib/util.mjs';

const USAGE = `node bench/load/scale.mjs [options]
  --sites N             sites (default 200)
  --panels-per-site N   panels per site (default 50)
  --samples N           lockdown samples, one site at a time (default 100: a p99 of fewer is the slowest)
  --hub-jar PATH        hub jar (default central-hub/target/central-hub.jar)
  --steady-s N          length of the steady CPU/heap interval (default 60)
  --restart-watch-s N   how long panels_online is watched after the hub restart (default 60)
  --storms N            mass disconnects and reconnects (5 and 6) (default 100, as for --samples)
  --storm-sites N       sites kept connected in a storm, each pressing one lockdown during it: storm i
                        presses the first 10 + 10·((i−1) mod 10) ms into it, the others every 10 ms
                        after (default 1; at most half the sites)
  --bursts N            warm bursts after the cold one (4), their samples pooled (default 3)
  --phases LIST         only these measurements, e.g. 1,3,4 (default all; 1 always runs: it connects the
                        panels; 5 runs 5 and 6 together)
  --isolate HOW         keep the bench process from being starved by the target (see README.md):
                        groups (default; the target and Mosquitto each one scheduling group, as systemd's services,
                        Mosquitto's at nice −5 when root), nice (one group; the target's threads at nice 5, Mosquitto and the
                        bench at 0), pin (the bench on the last core, Mosquitto and the target on the others) or none
  --floor KIND          the echo hub in the hub's place: node (default; echo-hub.mjs, the goal's floor) or java
                        (EchoHub.java on the hub's jar: the hub's own stack without the hub's work, for diagnosis)
  --hub-first           run the hub before the floor (default: the floor first), to see whether the order
                        favours either
  --keep                keep the temp dir (logs, hub database, configs)`;

function options() {
  const { values } = parseArgs({
    options: {
      sites: { type: 'string', default: '200' },
      'panels-per-site': { type: 'string', default: '50' },
      samples: { type: 'string', default: '100' },
      'hub-jar': { type: 'string', default: 'central-hub/target/central-hub.jar' },
      'hub-first': { type: 'boolean', default: false },
      'steady-s': { type: 'string', default: '60' },
      'restart-watch-s': { type: 'string', default: '60' },
      storms: { type: 'string', default: '100' },
      'storm-sites': { type: 'string', default: '1' },
      bursts: { type: 'string', default: '3' },
      phases: { type: 'string', default: '' },
      keep: { type: 'boolean', default: false },
      isolate: { type: 'string', default: 'groups' },
      floor: { type: 'string', default: 'node' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) { process.stdout.write(USAGE + '\n'); process.exit(0); }
  const int = (name, min) => {
    const v = Number(values[name]);
    if (!Number.isInteger(v) || v < min) { process.stderr.write(`--${name} must be an integer ≥ ${min}\n${USAGE}\n`); process.exit(2); }
    return v;
  };
  if (!['groups', 'nice', 'pin', 'none'].includes(values.isolate)) {
    process.stderr.write(`--isolate must be groups, nice, pin or none\n${USAGE}\n`);
    process.exit(2);
  }
  if (!['node', 'java'].includes(values.floor)) {
    process.stderr.write(`--floor must be node or java\n${USAGE}\n`);
    process.exit(2);
  }
  return {
    sites: int('sites', 2), panelsPerSite: int('panels-per-site', 2), samples: int('samples', 1),
    steadyS: int('steady-s', 1), restartWatchS: int('restart-watch-s', 1), storms: int('storms', 1), bursts: int('bursts', 1),
    stormSites: int('storm-sites', 1),
    hubJar: path.resolve(values['hub-jar']), keep: values.keep, hubFirst: values['hub-first'], isolate: values.isolate,
    floor: values.floor,
    phases: values.phases ? new Set(['1', ...values.phases.split(',').map((p) => p.trim())]) : null,
  };
}

/** Each panel is a socket here and another in Mosquitto (our child, same limit). */
function checkFileLimit(total) {
  const soft = Number(/Max open files\s+(\d+)/.exec(fs.readFileSync('/proc/self/limits', 'utf8'))?.[1]);
  if (soft < total + 500) {
    throw new Error(`open-file limit ${soft} is too low for ${total} panels; raise it (ulimit -n ${total + 1000}) or run bench/scale.sh`);
  }
}

/**
 * The 10,000 panels stand for 10,000 devices with a CPU each; one process plays them all, and on
 * shared cores it was starved by whichever target ran more threads (the hub's dozen against the
 * echo hub's one), so a burst measured the bench's backlog more than the target. `groups`
 * (default): the target and Mosquitto each in a session of its own, which Linux (autogroup) weighs
 * as one scheduling group whatever its number of threads — as it weighs each systemd service, which
 * systemd starts in a session of its own — Mosquitto's group at nice −5, three times the weight of
 * the target's and of the bench's (both at 0): as the hub's Debian package weighs the broker above
 * the hub (docs/operations.md, "The broker above the hub"), and the bench, which stands for devices
 * that take nothing from the hub's machine, level with the target. A weight above the bench's needs
 * root (CAP_SYS_NICE); without it all three groups weigh the same. Without autogroup: `nice`.
 * `nice`: all in the bench's session (one group), the target's threads at nice 5, Mosquitto and the
 * bench at 0; here each of the hub's dozen threads weighs a third of the broker's one, together
 * more than it. `pin`: the bench on the last core, Mosquitto and the target on the others. Both
 * targets get the same. Returns a description for the report.
 */
function isolate(opts) {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const nice = () => {
    setPlacement({ prefix: ['nice', '-n', '5'] }, { prefix: [] });
    return 'the target at nice 5, Mosquitto and the bench at 0, all in one scheduling group on all cores';
  };
  if (opts.isolate === 'groups') {
    if (!autogroupsOn()) {
      log('--isolate groups: this kernel does not group by session (/proc/sys/kernel/sched_autogroup_enabled); using nice');
      return nice();
    }
    const root = process.getuid?.() === 0;
    setPlacement({ prefix: [], groupNice: 0 }, { prefix: [], groupNice: root ? -5 : 0 });
    return 'the target and Mosquitto each in a scheduling group of its own (a session, as systemd starts services), '
      + (root ? 'Mosquitto\'s at nice −5, the target\'s and the bench\'s at 0' : 'all three groups at nice 0 (not root: no group above the bench\'s)')
      + ', all on all cores';
  }
  if (opts.isolate === 'nice') return nice();
  if (opts.isolate === 'none' || cores < 2) return 'all processes at the same priority on all cores';
  const bench = String(cores - 1);
  const others = cores === 2 ? '0' : `0-${cores - 2}`;
  execFileSync('taskset', ['-a', '-p', '-c', bench, String(process.pid)], { stdio: 'ignore' });
  setPlacement({ prefix: ['taskset', '-c', others] });
  return `bench on core ${bench}; Mosquitto and the target on core${cores === 2 ? '' : 's'} ${others}`;
}

/** Everything that went wrong, with what was awaited; any entry makes the exit code 1. */
const failures = [];

const PHASE_STEPS = [
  ['1. time to all online', m.timeToAllOnline],
  ['2. steady minute', m.steadyMinute],
  ['3. lockdown one site at a time', m.lockdownOneAtATime],
  ['4. burst', m.burst],
  ['5. mass disconnect and 6. mass reconnect, --storms times', m.storms],
  ['7. restart', m.restart],
  ['8a. offline by Last Will', m.offlineByWill],
  ['8b. offline by silence', m.offlineBySilence, 'hub'], // the floor is the contract's timeout
];

/** Runs every measurement against one target with a fresh set of panels; closes them afterwards. */
async function runPhase(base, target) {
  const results = { values: {}, singles: {} };
  const fleet = new Fleet(base.mqttUrl, base.sites, base.panels);
  const ctx = {
    ...base, target, fleet, keptSites: base.sites.slice(0, Math.min(base.opts.stormSites, Math.floor(base.sites.length / 2))),
    // a measurement taken more than once (the storms) adds its samples
    record: (key, values) => { results.values[key] = (results.values[key] ?? []).concat(values); },
    single: (key, value) => { results.singles[key] = value; },
    fail: (message) => { failures.push(`${target.name}: ${message}`); log(`FAILURE ${target.name}: ${message}`); },
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  try {
    for (const [label, step, only] of PHASE_STEPS) {
      if (only && only !== target.name) continue;
      if (base.opts.phases && !base.opts.phases.has(label.split('.')[0])) continue;
      log(`${target.name}: ${label}`);
      await step(ctx);
    }
  } catch (err) {
    // a step that cannot leave the panels in a usable state ends this target's run
    ctx.fail(`aborted: ${err.message}`);
  } finally {
    loop.disable();
    Object.assign(results.singles, {
      // the histogram holds the sampling timer's whole interval: the delay is what exceeds it
      loopP99: loop.percentile(99) / 1e6 - 10, loopMax: loop.max / 1e6 - 10,
      acks: fleet.acks, ackMs: summary(fleet.ackMs), resends: fleet.resends, clientErrors: fleet.errors,
      clientErrorKinds: [...fleet.errorKinds].sort((a, b) => b[1] - a[1]).slice(0, 3),
    });
    log(`${target.name}: closing ${fleet.all.length} panels`);
    await fleet.closeAll();
  }
  return results;
}

/** Teardown that must not keep the report from being printed. */
async function bestEffort(what, fn) {
  try {
    await fn();
  } catch (err) {
    log(`${what}: ${err.message}`);
  }
}

/** A path as the reader typed it: relative to the repository when inside it. */
function shownPath(p) {
  const rel = path.relative(process.cwd(), p);
  return rel.startsWith('..') ? p : rel;
}

async function main() {
  const opts = options();
  const sites = siteIds(opts.sites);
  const panels = panelIds(opts.panelsPerSite);
  const total = sites.length * panels.length;
  const started = new Date().toISOString();
  checkFileLimit(total);
  if (!fs.existsSync(opts.hubJar)) throw new Error(`hub jar ${opts.hubJar} not found; build it or pass --hub-jar`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaktpost-scale-'));
  const cleanup = () => {
    killAllChildren();
    if (opts.keep || failures.length) process.stderr.write(`temp dir kept: ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { log(`${sig}: stopping`); process.exit(130); });

  log(`${total} panels (${sites.length} sites × ${panels.length}); temp dir ${dir}`);
  const info = { ...machine(), isolation: isolate(opts) };
  log(`cores: ${info.isolation}`);
  const mqttPort = await freePort();
  const mosquitto = await startMosquitto(dir, mqttPort);
  const mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
  const observer = new StatusObserver(mqttUrl);
  await observer.start();
  const base = { opts, sites, panels, total, mqttUrl, mosquitto, observer };

  const runFloor = async () => {
    log('=== floor: echo hub ===');
    const echo = new EchoTarget({ dir, mqttUrl, observer, floor: opts.floor, hubJar: opts.hubJar });
    await echo.start();
    const result = await runPhase(base, echo);
    await bestEffort('stopping the echo hub', () => echo.stop());
    return result;
  };
  const runHub = async () => {
    log('=== hub ===');
    const hubTarget = new HubTarget({ dir, mqttUrl: `tcp://127.0.0.1:${mqttPort}`, jar: opts.hubJar, httpPort: await freePort(), sites, panels });
    let result = { values: {}, singles: {} };
    try {
      await hubTarget.start();
      result = await runPhase(base, hubTarget);
    } catch (err) {
      failures.push(`hub: did not start: ${err.message}`);
    }
    await bestEffort('stopping the hub', () => hubTarget.stop());
    return result;
  };
  const runs = { floor: runFloor, hub: runHub };
  const results = {};
  for (const name of opts.hubFirst ? ['hub', 'floor'] : ['floor', 'hub']) {
    // the second target starts from a clean broker: no retained state of the first one's
    if (Object.keys(results).length > 0) await observer.clearStates(sites);
    results[name] = await runs[name]();
  }
  const { floor, hub } = results;
  await bestEffort('closing the status observer', () => within('the status observer to disconnect', 10_000, observer.close()));

  process.stdout.write(render({ started, opts, total, results: { floor, hub }, failures, info, hubJar: shownPath(opts.hubJar) }));
  log(failures.length ? `${failures.length} failure(s)` : 'done, no failures');
  process.exitCode = failures.length ? 1 : 0;
  // the status observer's mqtt.js timers can linger; the report is out, so leave now
  process.exit();
}

main().catch((err) => {
  failures.push(err.message); // keeps the temp dir with the logs
  log(`fatal: ${err.stack ?? err.message}`);
  process.exit(1);
});
