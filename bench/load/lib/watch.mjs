// What a watched sample (a burst, a storm) went through besides its latency: the bench's own stalls,
// each process's wait for a core, the machine's steal and other tenants, the target's busiest threads.
import os from 'node:os';
import { cpuSeconds, machineCpuMs, runQueueBetween, runQueueMs, threadCpuMs, threadWaitMs } from './processes.mjs';
import { fmtMs, fmtStalls, now, watchStalls } from './util.mjs';

const CORES = os.availableParallelism?.() ?? os.cpus().length;

/** Each process's time waiting for a core so far (ms, all its threads). */
function queuedNow(ctx) {
  return { target: runQueueMs(ctx.target.pid), mosquitto: runQueueMs(ctx.mosquitto.pid), bench: runQueueMs(process.pid) };
}

/**
 * Watches one sample: how long this process stood still, and how long each process waited for a
 * core (on two shared cores, where a slow sample's time went). `stop()` gives the bench's longest
 * stall and the progress-line text.
 */
export function watchSample(ctx) {
  const stalls = watchStalls();
  const before = queuedNow(ctx);
  const threadsBefore = threadCpuMs(ctx.target.pid);
  const waitsBefore = threadWaitMs(ctx.target.pid);
  const machineBefore = machineCpuMs();
  const startedAt = now();
  const mine = () => cpuSeconds(ctx.target.pid) + cpuSeconds(ctx.mosquitto.pid) + cpuSeconds(process.pid);
  const mineBefore = mine();
  return {
    stop() {
      const stood = stalls.stop();
      const after = queuedNow(ctx);
      const machineAfter = machineCpuMs();
      const waits = Object.fromEntries(Object.keys(after).map((k) => [k, runQueueBetween(before[k], after[k])]));
      const waited = (k) => fmtMs(waits[k]);
      const steal = machineAfter.steal - machineBefore.steal;
      // how busy all cores were: near saturation every process waits for a core, the bench included
      const busy = (100 * (machineAfter.busy - machineBefore.busy)) / ((now() - startedAt) * CORES);
      // CPU the machine spent outside the three processes measured (other tenants of this guest)
      const others = Math.max(0, machineAfter.busy - machineBefore.busy - 1000 * (mine() - mineBefore));
      return {
        loopMax: stood.loopMax, steal, others, busy, waits,
        text: `${fmtStalls(stood)}; machine: ${busy.toFixed(0)} % of its ${CORES} cores busy, steal ${fmtMs(steal)} ms, `
          + `other processes ${fmtMs(others)} ms CPU; `
          + `runnable but waiting for a core (ms, all threads): target ${waited('target')}, `
          + `Mosquitto ${waited('mosquitto')}, bench ${waited('bench')}; the target's busiest threads (CPU ms): `
          + busiestThreads(threadsBefore, threadCpuMs(ctx.target.pid))
          + `; its threads that waited longest for a core (ms): ${busiestThreads(waitsBefore, threadWaitMs(ctx.target.pid))}`,
      };
    },
  };
}

/** The six threads (by name) that grew most between two readings of threadCpuMs or threadWaitMs. */
export function busiestThreads(before, after) {
  return Object.entries(after)
    .map(([name, ms]) => [name, ms - (before[name] ?? 0)])
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, ms]) => `${name} ${fmtMs(ms)}`)
    .join(', ') || 'none';
}
