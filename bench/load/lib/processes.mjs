// Child processes of the benchmark (Mosquitto, the hub, the echo hub): started with their output in
// log files, watched for the lines that say they are ready, and always killed when the bench ends.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import net from 'node:net';
import { log, now, sleep, waitFor, within } from './util.mjs';

const children = new Set();

/**
 * How the target (hub or echo hub) and Mosquitto are started: `prefix` runs before the command, e.g.
 * ['taskset', '-c', '0'] or ['nice', '-n', '5']; `groupNice`, when set, starts the child in a session
 * of its own (Node's `detached`: a scheduling group of its own where Linux groups by session) and is
 * written to its /proc/<pid>/autogroup, the weight of that whole group. See isolate() in scale.mjs.
 */
let placement = { target: { prefix: [] }, broker: { prefix: [] } };

export function setPlacement(target, broker = target) {
  placement = { target, broker };
}

/** Whether Linux weighs each session as one scheduling group (autogroup), as it does for systemd's services. */
export function autogroupsOn() {
  try {
    return fs.readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1'
      && fs.existsSync(`/proc/${process.pid}/autogroup`);
  } catch {
    return false;
  }
}

/** SIGKILL every child still running; called on normal exit, on error and on Ctrl-C. */
export function killAllChildren() {
  for (const child of children) {
    try { child.process.kill('SIGKILL'); } catch { /* already gone */ }
  }
  children.clear();
}

/**
 * A started child. Every stdout/stderr line is appended to `logFile` and offered to the waiters,
 * so that "ready" lines are seen the moment they are printed.
 */
export class Child {
  constructor(name, command, args, logFile, env = process.env, role = 'target') {
    this.name = name;
    this.logFile = logFile;
    this.waiters = [];
    this.exited = null;
    const out = fs.createWriteStream(logFile, { flags: 'a' });
    // taskset and nice exec the command: the pid is the command's, and every thread it starts inherits
    const { prefix, groupNice } = placement[role];
    const [cmd, ...rest] = [...prefix, command, ...args];
    // detached: the child calls setsid() before its exec, and spawn returns after the exec
    this.process = spawn(cmd, rest, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: groupNice !== undefined });
    this.pid = this.process.pid;
    children.add(this); // before anything can throw: killed at exit whatever happens
    if (groupNice !== undefined && this.pid) fs.writeFileSync(`/proc/${this.pid}/autogroup`, String(groupNice));
    for (const stream of [this.process.stdout, this.process.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        out.write(line + '\n');
        this.onLine(line);
      });
    }
    this.exitPromise = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        children.delete(this);
        this.exited = { code, signal };
        for (const w of this.waiters) w.reject(new Error(`${name} exited (${signal ?? code}) before printing "${w.text}"; see ${logFile}`));
        this.waiters = [];
        resolve(this.exited);
      });
    });
  }

  onLine(line) {
    const at = now();
    this.waiters = this.waiters.filter((w) => {
      if (!line.includes(w.text)) return true;
      this.lastMatched = line;
      w.resolve(at);
      return false;
    });
  }

  /** Resolves with the time (performance.now) at which a line containing `text` appeared. */
  waitForLine(text, deadlineMs) {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running; see ${this.logFile}`));
    const p = new Promise((resolve, reject) => this.waiters.push({ text, resolve, reject }));
    return within(`${this.name} to print "${text}"`, deadlineMs, p);
  }

  async kill(signal = 'SIGKILL') {
    if (this.exited) return this.exited;
    this.process.kill(signal);
    return within(`${this.name} (pid ${this.pid}) to exit after ${signal}`, 15_000, this.exitPromise);
  }
}

/** Starts a private Mosquitto on `port` (never the machine's own on 1883). */
export async function startMosquitto(dir, port) {
  const conf = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(conf, [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    // Nothing else: the broker's default settings (in-flight window 20, queue 1000 per client
    // that is away, Nagle on), so the hub's own guarantees are what is measured.
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    '',
  ].join('\n'));
  const child = new Child('mosquitto', '/usr/sbin/mosquitto', ['-c', conf], path.join(dir, 'mosquitto.log'), process.env, 'broker');
  await waitFor(`Mosquitto to listen on 127.0.0.1:${port}`, 10_000, () => canConnect(port), { everyMs: 50 });
  log(`mosquitto pid ${child.pid} on port ${port}`);
  return child;
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

const CLOCK_TICKS = (() => {
  try { return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100; } catch { return 100; }
})();

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name may contain spaces: fields are counted after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime (fields 14 and 15)
}

/**
 * Milliseconds each thread of the process has spent runnable but waiting for a CPU, by thread id
 * (/proc/<pid>/task/<tid>/schedstat, second field). On a machine whose cores the broker, the target
 * and this process share, it tells a slow sample that waited for a core from one that worked.
 */
export function runQueueMs(pid) {
  const byThread = {};
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try { byThread[tid] = waitedMs(pid, tid); } catch { /* thread ended */ }
    }
  } catch { /* process ended */ }
  return byThread;
}

/**
 * The wait for a core between two readings of runQueueMs, over the threads alive at the second
 * (a thread that ended in between takes its wait with it: an undercount, never a negative sum).
 */
export function runQueueBetween(before, after) {
  return Object.entries(after).reduce((sum, [tid, ms]) => sum + ms - (before[tid] ?? 0), 0);
}

/**
 * CPU ms (user + system) each thread of the process has used so far, summed by thread name
 * (/proc/<pid>/task/<tid>/comm and stat): which of the target's threads a burst kept busy.
 */
export function threadCpuMs(pid) {
  return byThreadName(pid, (tid) => {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  });
}

/**
 * Ms each thread of the process has waited for a core so far (schedstat), summed by thread name:
 * whether the alarm path's threads or only the background ones queued for the cores.
 */
export function threadWaitMs(pid) {
  return byThreadName(pid, (tid) => waitedMs(pid, tid));
}

/** Ms one thread has waited on a run queue so far: schedstat's second field (ns). */
function waitedMs(pid, tid) {
  return Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
}

function byThreadName(pid, read) {
  const byName = {};
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        byName[name] = (byName[name] ?? 0) + read(tid);
      } catch { /* thread ended */ }
    }
  } catch { /* process ended */ }
  return byName;
}

/**
 * The whole machine's CPU so far (ms, all cores, from /proc/stat): busy (user, nice, system, irq,
 * softirq) and steal, the time the hypervisor gave this machine's virtual cores to another guest.
 * On a shared virtual machine a slow sample for both targets alike is often steal, not the load.
 */
export function machineCpuMs() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f;
  const ms = (ticks) => (ticks * 1000) / CLOCK_TICKS;
  return { busy: ms(user + nice + system + irq + softirq), steal: ms(steal ?? 0) };
}

/** Resident memory in MB from /proc/<pid>/status. */
export function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * Samples CPU (percent of one core, over the whole interval) and a memory reading every 10 s (jcmd, when used, starts a JVM each time)
 * for `seconds`, for each named pid. `memory(pid)` may be async (the hub's heap comes over HTTP).
 */
export async function sampleSteady(seconds, pids, memory) {
  const start = now();
  const cpu0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  const mem = Object.fromEntries(Object.keys(pids).map((k) => [k, []]));
  while (now() - start < seconds * 1000) {
    for (const [k, pid] of Object.entries(pids)) {
      const m = await memory(k, pid);
      if (Number.isFinite(m)) mem[k].push(m);
    }
    await sleep(Math.min(10_000, Math.max(0, seconds * 1000 - (now() - start))));
  }
  const elapsed = (now() - start) / 1000;
  const result = {};
  for (const [k, pid] of Object.entries(pids)) {
    const used = cpuSeconds(pid) - cpu0[k];
    const m = mem[k];
    result[k] = {
      cpuPercent: (100 * used) / elapsed,
      memMean: m.length ? m.reduce((a, b) => a + b, 0) / m.length : NaN,
      memMax: m.length ? Math.max(...m) : NaN,
    };
  }
  return result;
}
