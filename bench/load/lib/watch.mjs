// What a watched sample (a burst, a storm) went through besides its latency: the bench's own stalls,
// each process's wait for a core, the machine's steal and other tenants, the target's busiest threads.
import { cpuSeconds, machineCpuMs, runQueueBetween, runQueueMs, threadCpuMs, threadWaitMs } from './processes.mjs';
import { fmtMs, fmtStalls, watchStalls } from './util.mjs';

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
  const mine = () => cpuSeconds(ctx.target.pid) + cpuSeconds(ctx.mosquitto.pid) + cpuSeconds(process.pid);
  const mineBefore = mine();
  return {
    stop() {
      const stood = stalls.stop();
      const after = queuedNow(ctx);
      const machineAfter = machineCpuMs();
      const waited = (k) => fmtMs(runQueueBetween(before[k], after[k]));
      const steal = machineAfter.steal - machineBefore.steal;
      // CPU the machine spent outside the three processes measured (other tenants of this guest)
      const others = Math.max(0, machineAfter.busy - machineBefore.busy - 1000 * (mine() - mineBefore));
      return {
        loopMax: stood.loopMax, steal, others,
        text: `${fmtStalls(stood)}; machine: steal ${fmtMs(steal)} ms, other processes ${fmtMs(others)} ms CPU; `
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
