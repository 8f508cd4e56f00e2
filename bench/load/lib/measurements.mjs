// The eight measurements, written once and run twice: against the echo hub (floor) and the real hub.
// Each records into ctx.results[target.name]; a deadline that passes is recorded as a failure with
// what was awaited, and the run goes on with the next measurement.
import { cpuSeconds, sampleSteady, threadCpuMs } from './processes.mjs';
import { busiestThreads, watchSample } from './watch.mjs';
import { dumpBurst } from './burst-dump.mjs';
import { fanoutBuckets, fanoutSince, hubOwnView } from './hub-view.mjs';
import { HEARTBEAT_S } from './topics.mjs';
import { log, now, settleGarbage, sleep, fmtMs, summary, wallTime } from './util.mjs';

const LOCK_DEADLINE_MS = 15_000;
const BURST_DEADLINE_MS = 30_000;
const PRESENCE_DEADLINE_MS = 90_000;

/** Time from the first connect until every panel is online (hub) / connected and subscribed (floor). */
export async function timeToAllOnline(ctx) {
  const { fleet, target, total } = ctx;
  const start = now();
  const connected = fleet.connectAll(200, 240_000);
  const onlineAt = target.name === 'hub'
    ? target.untilOnline(String(total), 300_000, (c) => c >= total)
    : connected;
  const [readyAt, at] = await Promise.all([connected, onlineAt]);
  ctx.record('connect', [at - start]);
  log(`${target.name}: ${total} online after ${fmtMs(at - start)} ms (all subscribed after ${fmtMs(readyAt - start)} ms)`);
}

/** CPU (% of one core) and memory of the target, Mosquitto and this process over a steady interval. */
export async function steadyMinute(ctx) {
  const { target, mosquitto, opts } = ctx;
  log(`${target.name}: steady ${opts.steadyS} s with all panels online`);
  const memory = (k, pid) => (k === 'target' ? target.memoryMb(pid) : NaN);
  const r = await sampleSteady(opts.steadyS, { target: target.pid, mosquitto: mosquitto.pid, bench: process.pid }, memory);
  ctx.single('cpu', r.target.cpuPercent);
  ctx.single('memMean', r.target.memMean);
  ctx.single('memMax', r.target.memMax);
  ctx.single('mosquittoCpu', r.mosquitto.cpuPercent);
  ctx.single('benchCpu', r.bench.cpuPercent);
  if (target.heapSource) ctx.single('heapSource', target.heapSource);
  log(`${target.name}: cpu ${r.target.cpuPercent.toFixed(1)} %, memory ${r.target.memMean.toFixed(0)} MB mean, ${r.target.memMax.toFixed(0)} MB max`);
}

/** Presses LOCKDOWN at one site; resolves with ms from the press until all its panels have it. */
async function lockOneSite(ctx, site, deadlineMs = LOCK_DEADLINE_MS) {
  const presser = ctx.fleet.bySite.get(site)[0];
  const tracker = ctx.fleet.track(site, 'LOCKDOWN');
  const pressedAt = presser.press('LOCKDOWN');
  return (await tracker.wait(deadlineMs)) - pressedAt;
}

/** ALL_CLEAR from the panel that pressed (it holds the lockdown's version); waits for NORMAL at all. */
async function clearSite(ctx, site, deadlineMs = LOCK_DEADLINE_MS) {
  const presser = ctx.fleet.bySite.get(site)[0];
  const tracker = ctx.fleet.track(site, 'NORMAL');
  presser.press('ALL_CLEAR');
  await tracker.wait(deadlineMs);
}

/** 3: one site at a time, cleared before the next sample. */
export async function lockdownOneAtATime(ctx) {
  await settleGarbage();
  const { sites, opts, target } = ctx;
  const values = [];
  for (let i = 0; i < opts.samples; i++) {
    const site = sites[i % sites.length];
    try {
      values.push(await lockOneSite(ctx, site));
      await clearSite(ctx, site);
    } catch (err) {
      ctx.fail(`3. lockdown sample ${i + 1} at ${site}: ${err.message}`);
    }
  }
  ctx.record('lockdown', values);
  log(`${target.name}: ${values.length} lockdown samples done (ms, in order: ${values.map(fmtMs).join(' ')})`);
}

/**
 * 4: every site presses within 1 s (one every 5 ms), then all are cleared; once cold and then
 * `--bursts` times warm. The first burst is the first time the target meets such load (a JVM hub
 * still compiles its alarm path then, on the same two cores as the broker and this process); it is
 * recorded as its own row and must complete like the others, but the p99 goal is held against the
 * warm bursts: the latency of a hub that has done it once, as a hub that has run for days has.
 * Their samples are pooled: the p99 of one burst of 200 is its second-slowest site, so one stall of
 * this process or the machine decides it; each burst's own p99 is reported beside the pooled one.
 * Both targets get the same treatment.
 */
export async function burst(ctx) {
  await burstOnce(ctx, 'burstFirst', 'first burst');
  for (let i = 1; i <= ctx.opts.bursts; i++) {
    await burstOnce(ctx, 'burst', `warm burst ${i} of ${ctx.opts.bursts}`);
  }
}

async function burstOnce(ctx, key, what) {
  const { sites, fleet, target } = ctx;
  await settleGarbage();
  const fanBefore = await fanoutBuckets(target);
  const cpuBefore = { target: cpuSeconds(target.pid), mosquitto: cpuSeconds(ctx.mosquitto.pid), bench: cpuSeconds(process.pid) };
  const sample = watchSample(ctx);
  const received = { states: fleet.stateMessages, peers: fleet.peerEvents };
  const start = now();
  const waits = [];
  const pressedTimes = [];
  for (let i = 0; i < sites.length; i++) {
    const wait = start + i * 5 - now();
    if (wait >= 1) await sleep(wait);
    const tracker = fleet.track(sites[i], 'LOCKDOWN');
    const pressedAt = fleet.bySite.get(sites[i])[0].press('LOCKDOWN');
    pressedTimes.push(pressedAt);
    waits.push(tracker.wait(BURST_DEADLINE_MS).then((at) => at - pressedAt));
  }
  log(`${target.name}: ${what}: ${sites.length} presses in ${fmtMs(now() - start)} ms`);
  const settled = await Promise.allSettled(waits);
  const seconds = (now() - start) / 1000;
  dumpBurst(target.name, what, sites, pressedTimes, settled);
  const watched = sample.stop();
  const seen = { BenchStall: watched.loopMax, Steal: watched.steal, Busy: watched.busy,
    Wait_mosquitto: watched.waits.mosquitto, Wait_bench: watched.waits.bench };
  for (const [name, value] of Object.entries(seen)) ctx.record(`${key}${name}`, [value]);
  log(`${target.name}: ${what}: ${watched.text}; the panels received ${fleet.stateMessages - received.states} states, `
    + `${fleet.peerEvents - received.peers} peer events`);
  // CPU over the burst, as a share of one core: where the two cores went while it ran
  for (const [name, pid] of [['target', target.pid], ['mosquitto', ctx.mosquitto.pid], ['bench', process.pid]]) {
    ctx.record(`${key}Cpu_${name}`, [(100 * (cpuSeconds(pid) - cpuBefore[name])) / seconds]);
  }
  const values = [];
  const locked = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') { values.push(s.value); locked.push(sites[i]); return; }
    const presser = fleet.bySite.get(sites[i])[0];
    ctx.fail(`4. BURST (${what}): site ${sites[i]} not in LOCKDOWN within 30 s: ${s.reason.message}; `
      + `pressing panel holds ${presser.mode ?? 'no state'} v${presser.version}, ${presser.outbox.size} event(s) unacked`);
  });
  ctx.record(key, values);
  ctx.record(`${key}P99`, [summary(values).p99]);
  ctx.record(`${key}Missing`, [sites.length - locked.length]);
  const own = await hubOwnView(target, fanBefore);
  if (own) log(`${target.name}: hub's own view after the ${what}: ${own}`);
  if (target.ownView) log(`${target.name}: after the ${what}: ${await target.ownView()}`);
  log(`${target.name}: ${what} ${locked.length}/${sites.length} sites locked; clearing`);
  const clears = [];
  for (const site of locked) {
    clears.push(clearSite(ctx, site, BURST_DEADLINE_MS).catch((err) => ctx.fail(`4. ${what}: clear of ${site}: ${err.message}`)));
    await sleep(5);
  }
  await Promise.all(clears);
}

/**
 * Where in a storm the presses land: storm i (from 1) presses its first kept site 10 + 10·((i − 1) mod 10)
 * ms after the storm began, so ten storms press at 10, 20, … 100 ms; further kept sites (--storm-sites)
 * follow every 10 ms. A press's wait depends on how many ready sockets the broker has queued ahead of
 * it, which grows through the first few hundred ms: one fixed offset would measure one point of that.
 */
const STORM_PRESS_STEP_MS = 10;
const STORM_PRESS_OFFSETS = 10;

function firstPressMs(storm) {
  return STORM_PRESS_STEP_MS * (1 + ((storm - 1) % STORM_PRESS_OFFSETS));
}

/**
 * Applies `action` to every panel as fast as this process can, and calls `presses[k]` once
 * `firstMs` + 10·k ms have passed (or at the end): the presses land inside the storm. Once the
 * first press is out it yields every 100 panels, because thousands of socket operations in one go
 * would hold up the kept panels' own messages and the latency would measure this loop instead of
 * the hub; before it, it yields every 1,000 (a yield may take longer than the 10 ms between two
 * offsets). Returns each press's time.
 */
async function eachPressingMidway(panels, action, presses, firstMs) {
  const start = now();
  const pressedAt = [];
  for (let i = 0; i < panels.length; i++) {
    action(panels[i]);
    while (pressedAt.length < presses.length && now() - start >= firstMs + STORM_PRESS_STEP_MS * pressedAt.length) {
      pressedAt.push(presses[pressedAt.length]());
    }
    const every = pressedAt.length > 0 ? 100 : 1000;
    if (i % every === every - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  while (pressedAt.length < presses.length) pressedAt.push(presses[pressedAt.length]());
  return pressedAt;
}

/**
 * Presses LOCKDOWN at every kept site during a storm raised by `action` on every other panel;
 * records one latency per kept site under `key` (its offsets under `key`Offsets) and clears them.
 * `afterLoop(start)` is called once the storm is raised (as before this helper, presence is polled
 * only from then on); its result is returned beside the storm's start and the loop's length.
 */
async function lockKeptSitesDuring(ctx, storm, key, label, others, action, afterLoop) {
  const { fleet, target, keptSites } = ctx;
  const trackers = keptSites.map((site) => fleet.track(site, 'LOCKDOWN'));
  const presses = keptSites.map((site) => () => fleet.bySite.get(site)[0].press('LOCKDOWN'));
  const sample = watchSample(ctx);
  const start = now();
  const pressedAt = await eachPressingMidway(others, action, presses, firstPressMs(storm));
  const loopMs = now() - start;
  const watched = afterLoop(start);
  ctx.record(`${key}Offsets`, pressedAt.map((t) => t - start));
  const outcomes = await Promise.allSettled(trackers.map((t, k) => t.wait(LOCK_DEADLINE_MS).then((at) => at - pressedAt[k])));
  const took = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value);
  outcomes.forEach((o, k) => {
    if (o.status === 'rejected') ctx.fail(`${label} at ${keptSites[k]}: ${o.reason.message}`);
  });
  const each = outcomes.map((o, k) => `${fmtMs(pressedAt[k] - start)}→${o.status === 'fulfilled' ? fmtMs(o.value) : 'none'}`);
  log(`${target.name}: ${label}: ${took.length} of ${keptSites.length} kept sites locked (ms into the storm → ms to all `
    + `its panels: ${each.join(', ')}; first press at ${wallTime(pressedAt[0])}); ` + sample.stop().text);
  ctx.record(key, took);
  await Promise.all(keptSites.map((site) => clearSite(ctx, site).catch((err) => ctx.fail(`${label}: clear of ${site}: ${err.message}`))));
  return { start, loopMs, watched };
}

/**
 * 5: destroy the sockets of every panel but the kept sites' (a storm of Last Wills) and press
 * LOCKDOWN at each kept site during it (firstPressMs). The others stay dropped for measurement 6.
 */
export async function massDisconnect(ctx, storm = 1) {
  await settleGarbage();
  const { fleet, target, keptSites } = ctx;
  const keptCount = keptSites.length * fleet.bySite.get(keptSites[0]).length;
  const others = fleet.all.filter((p) => !keptSites.includes(p.site));
  // the broker's own pace, seen by the observer in both targets' runs: whether a target's work
  // (on the same cores) slowed the broker itself
  let brokerDone = null;
  const threadsBefore = threadCpuMs(target.pid);
  const cpuBefore = { target: cpuSeconds(target.pid), mosquitto: cpuSeconds(ctx.mosquitto.pid) };
  const raised = await lockKeptSitesDuring(ctx, storm, 'disconnectLockdown', '5. lockdown during mass disconnect',
    others, (p) => p.drop(), () => {
      brokerDone = ctx.observer.until(`${keptCount} online`, PRESENCE_DEADLINE_MS, (set) => set.size <= keptCount);
      return target.untilOnline(String(keptCount), PRESENCE_DEADLINE_MS, (c) => c <= keptCount);
    });
  ctx.single('disconnectLoop', raised.loopMs);
  try {
    ctx.record('disconnectOnline', [(await raised.watched) - raised.start]);
    const brokerMs = (await brokerDone) - raised.start;
    ctx.record('disconnectBroker', [brokerMs]);
    // CPU over the whole storm (until the target counted it), not only until the kept sites locked
    const used = (k, pid) => fmtMs(1000 * (cpuSeconds(pid) - cpuBefore[k]));
    log(`${target.name}: 5. the broker sent every Last Will ${fmtMs(brokerMs)} ms into the storm; CPU ms until the target `
      + `counted them: target ${used('target', target.pid)}, Mosquitto ${used('mosquitto', ctx.mosquitto.pid)}; the target's `
      + `busiest threads: ${busiestThreads(threadsBefore, threadCpuMs(target.pid))}`);
  } catch (err) {
    ctx.fail(`5. mass disconnect: ${err.message}`);
  }
  if (target.name === 'hub') {
    const reading = await target.panelsOnline();
    if (reading !== keptCount) ctx.fail(`5. after the mass disconnect panels_online reads ${reading}, expected ${keptCount}`);
  }
}

/**
 * 5 and 6, `--storms` times in turn (10 by default), each with a lockdown at every one of the
 * `--storm-sites` kept sites (1 by default), pressed at another point of the storm each time: a
 * row's p99 is then the slowest of many lockdowns across the storm rather than the luck of one.
 */
export async function storms(ctx) {
  const fanBefore = await fanoutBuckets(ctx.target);
  for (let i = 1; i <= ctx.opts.storms; i++) {
    log(`${ctx.target.name}: storm ${i} of ${ctx.opts.storms}: mass disconnect`);
    await massDisconnect(ctx, i);
    log(`${ctx.target.name}: storm ${i} of ${ctx.opts.storms}: mass reconnect`);
    await massReconnect(ctx, i);
  }
  // the hub's own part of rows 5 and 6: recorded and its state taken by the broker (the rows time
  // the way on to the kept site's last panel, which is the broker's)
  const own = fanoutSince(fanBefore, await fanoutBuckets(ctx.target));
  if (own) {
    ctx.single('stormsFanout', own);
    log(`${ctx.target.name}: hub's own view over the storms: press to the broker's accept of the state within 100 / 250 / 500 ms / 1 s: ${own}`);
  }
}

/** 6: reconnect every dropped panel at once and press LOCKDOWN at each kept site during it. */
export async function massReconnect(ctx, storm = 1) {
  await settleGarbage();
  const { fleet, target, keptSites, total } = ctx;
  const others = fleet.all.filter((p) => !keptSites.includes(p.site));
  const raised = await lockKeptSitesDuring(ctx, storm, 'reconnectLockdown', '6. lockdown during mass reconnect',
    others, (p) => p.reconnect(), () => target.untilOnline(String(total), 180_000, (c) => c >= total));
  ctx.single('reconnectLoop', raised.loopMs);
  try {
    ctx.record('reconnectOnline', [(await raised.watched) - raised.start]);
    await fleet.whenReady(total, 60_000);
  } catch (err) {
    ctx.fail(`6. mass reconnect: ${err.message}`);
    throw err; // the measurements after this need every panel connected
  }
}

/**
 * 7: SIGKILL the hub (panels stay connected), start it again, press at once when it says ready; for
 * a minute after ready, poll panels_online every 200 ms for its lowest value.
 */
export async function restart(ctx) {
  await settleGarbage();
  const { target, sites, total, opts } = ctx;
  const site = sites[1 % sites.length];
  let readyAt;
  let connected = Promise.resolve();
  if (target.name === 'hub') {
    const launched = await target.killAndLaunch();
    connected = launched.connected;
    readyAt = await launched.readyAt;
  } else {
    readyAt = await target.restart();
  }
  const watch = target.name === 'hub' ? watchOnline(target, total, opts.restartWatchS * 1000, readyAt) : null;
  try {
    const pressed = now();
    const took = await lockOneSite(ctx, site, 60_000);
    log(`${target.name}: 7. lockdown on all panels of ${site} ${took.toFixed(1)} ms after the press (at ${wallTime(pressed)})`);
    ctx.record('restartLockdown', [took]);
  } catch (err) {
    ctx.fail(`7. lockdown at ${site} right after the restart: ${err.message}`);
  }
  await connected;
  if (watch) {
    const w = await watch;
    ctx.single('restartMinOnline', w.min);
    ctx.single('restartMinAt', w.minAt);
    ctx.single('restartUntilAll', w.untilAll);
    ctx.single('restartFailedScrapes', w.failed);
    if (!Number.isFinite(w.min)) ctx.fail(`7. /metrics never answered in the ${opts.restartWatchS} s after the restart`);
    else if (w.min < total) ctx.fail(`7. false outage after restart: panels_online read ${w.min} (lowest, ${(w.minAt / 1000).toFixed(1)} s after ready) while all ${total} panels stayed connected; first readings ${w.first.join(', ')}`);
  }
  try {
    await clearSite(ctx, site);
  } catch (err) {
    ctx.fail(`7. clear of ${site} after the restart: ${err.message}`);
  }
}

/** Polls panels_online every 200 ms for `durationMs`: its minimum and when it first read `total`. */
async function watchOnline(target, total, durationMs, readyAt) {
  let min = Infinity;
  let minAt = NaN;
  let untilAll = NaN;
  let failed = 0;
  const first = [];
  while (now() - readyAt < durationMs) {
    const c = await target.panelsOnline();
    if (c === undefined) failed++;
    else {
      if (first.length < 10) first.push(c);
      if (c < min) { min = c; minAt = now() - readyAt; }
      if (c >= total && Number.isNaN(untilAll)) untilAll = now() - readyAt;
    }
    await sleep(200);
  }
  return { min: Number.isFinite(min) ? min : NaN, minAt, untilAll, failed, first };
}

/**
 * Distinct panels away from the kept sites, spread over the sites: the `group`-th set of `count`.
 * Small test runs get fewer (a third of the pool each), so that both groups stay distinct.
 */
function spreadPanels(ctx, group) {
  const pool = ctx.fleet.all.filter((p) => !ctx.keptSites.includes(p.site));
  const count = Math.min(100, Math.floor(pool.length / 3));
  const step = Math.floor(pool.length / (2 * count)); // two groups interleaved over the whole pool
  return Array.from({ length: count }, (_, i) => pool[(2 * i + group) * step]);
}

/** 8a: 100 panels die abruptly (their sockets destroyed); time until presence shows 100 fewer. Then they come back. */
export async function offlineByWill(ctx) {
  const { fleet, target, total } = ctx;
  const victims = spreadPanels(ctx, 0);
  const start = now();
  for (const p of victims) p.drop();
  try {
    ctx.record('offlineWill', [(await target.untilOnline(String(total - victims.length), 60_000, (c) => c <= total - victims.length)) - start]);
  } catch (err) {
    ctx.fail(`8a. offline by Last Will: ${err.message}`);
  }
  for (const p of victims) p.reconnect();
  await fleet.whenReady(total, 60_000);
  await target.untilOnline(String(total), 60_000, (c) => c >= total);
}

/**
 * 8b: 100 panels stop their heartbeat but keep the connection (keepalive pings go on). Each sends
 * one last heartbeat at the start, so the contract's timeout (2 × heartbeat + 1 s) runs from there.
 */
export async function offlineBySilence(ctx) {
  const { target, total } = ctx;
  const victims = spreadPanels(ctx, 1);
  for (const p of victims) { p.stopHeartbeat(); p.publishStatus(); }
  const start = now();
  ctx.single('silenceExpected', (2 * HEARTBEAT_S + 1) * 1000);
  try {
    ctx.record('offlineSilence', [(await target.untilOnline(String(total - victims.length), (4 * HEARTBEAT_S + 10) * 1000, (c) => c <= total - victims.length)) - start]);
  } catch (err) {
    ctx.fail(`8b. offline by silence: ${err.message}`);
  }
  for (const p of victims) { p.publishStatus(); p.startHeartbeat(); }
  await target.untilOnline(String(total), 60_000, (c) => c >= total);
}
