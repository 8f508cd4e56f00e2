// The two things measured in the same run on the same broker: the echo hub (the floor) and the real
// hub. Both answer the same questions, so every measurement is written once for both.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Child, rssMb } from './processes.mjs';
import { log, now, waitFor } from './util.mjs';

const ECHO_HUB = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'echo-hub.mjs');
const JAVA_ECHO_HUB = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'EchoHub.java');

/** Floor: presence comes from the status observer, i.e. the moment the broker announced it. */
export class EchoTarget {
  /** `floor`: 'node' (echo-hub.mjs, the goal's floor) or 'java' (EchoHub.java on the hub's jar, for diagnosis). */
  constructor({ dir, mqttUrl, observer, floor = 'node', hubJar }) {
    Object.assign(this, { dir, mqttUrl, observer, floor, hubJar, name: 'floor', child: null });
    // the Java floor does not report its own view: a JVM keeps SIGUSR2 for itself
    if (floor === 'java') this.ownView = null;
  }

  get pid() { return this.child.pid; }

  async start() {
    const logFile = path.join(this.dir, 'echo-hub.log');
    this.child = this.floor === 'java'
      ? new Child('echo hub', 'java', ['-XX:TieredStopAtLevel=1', '-cp', this.hubJar, JAVA_ECHO_HUB, this.mqttUrl], logFile)
      : new Child('echo hub', process.execPath, [ECHO_HUB, this.mqttUrl], logFile);
    return this.child.waitForLine('echo hub ready', 20_000);
  }

  /** SIGKILL and start again; resolves with the moment it is subscribed again. */
  async restart() {
    await this.child.kill('SIGKILL');
    return this.start();
  }

  /** The echo hub's outbound wait and broker's answer for its states since the last call, as the hub reports its own. */
  async ownView() {
    const printed = this.child.waitForLine('echo own view', 5_000);
    this.child.process.kill('SIGUSR2');
    await printed;
    return this.child.lastMatched;
  }

  /** Ends the echo hub's broker session too, so nothing queues for it during the hub's phase. */
  async stop() {
    await this.child.kill('SIGTERM');
  }

  /** Resolves with the arrival time of the status that made `test(count)` true. */
  untilOnline(what, deadlineMs, test) {
    return this.observer.until(what, deadlineMs, (set) => test(set.size));
  }

  memoryMb(pid) { return rssMb(pid); }
}

/** The real hub (a child JVM), observed only through its public /metrics, as an operator sees it. */
export class HubTarget {
  constructor({ dir, mqttUrl, jar, httpPort, sites, panels }) {
    Object.assign(this, { dir, mqttUrl, jar, httpPort, name: 'hub', child: null, heapSource: null, starts: 0 });
    this.config = path.join(dir, 'sites.yaml');
    fs.writeFileSync(this.config, registryYaml(sites, panels));
    this.metricsUrl = `http://127.0.0.1:${httpPort}/metrics`;
  }

  get pid() { return this.child.pid; }

  /** Starts the JVM; resolves with { readyAt, connected } where `connected` resolves once MQTT is up. */
  launch() {
    this.starts++;
    // VAKTPOST_HUB_JAVA_OPTS adds JVM options (e.g. a flight recording) to every start of the hub;
    // "{start}" in them becomes the start's number, so each start can write its own file.
    const extra = (process.env.VAKTPOST_HUB_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean)
      .map((o) => o.replaceAll('{start}', String(this.starts)));
    // VAKTPOST_HUB_ARGS adds options of the hub itself (e.g. --background-nice 0), for experiments
    const hubArgs = (process.env.VAKTPOST_HUB_ARGS ?? '').split(/\s+/).filter(Boolean);
    // the JVM options docs/operations.md runs the hub with (C1 only), then any extra ones
    this.child = new Child('hub', 'java', ['-Xmx1g', '-XX:TieredStopAtLevel=1', ...extra, '-jar', this.jar, '--config', this.config,
      '--db', path.join(this.dir, 'hub.db'), '--http-port', String(this.httpPort),
      '--mqtt-url', this.mqttUrl, '--offline-after-s', '30', '--insecure', ...hubArgs], path.join(this.dir, `hub-${this.starts}.log`));
    const readyAt = this.child.waitForLine('Vaktpost hub ready', 120_000);
    const connected = this.child.waitForLine('alarm path: connected to broker', 120_000);
    return { readyAt, connected };
  }

  async start() {
    const { readyAt, connected } = this.launch();
    const [at] = await Promise.all([readyAt, connected]);
    log(`hub pid ${this.child.pid} ready; log ${this.child.logFile}`);
    return at;
  }

  /** SIGKILL while everything else runs on; resolves with the launch's promises. */
  async killAndLaunch() {
    await this.child.kill('SIGKILL');
    return this.launch();
  }

  async stop() {
    if (this.child) await this.child.kill('SIGKILL');
  }

  /**
   * Scrapes /metrics (only the series `names`, when given: a poll need not render 20,000 per-panel
   * series); returns a map "name{labels}" -> value. Null when the hub does not answer.
   */
  async scrape(names) {
    try {
      const res = await fetch(names ? `${this.metricsUrl}?${names.map((n) => `name[]=${n}`).join('&')}` : this.metricsUrl, { signal: AbortSignal.timeout(2000) });
      if (!res.ok) return null;
      return parseMetrics(await res.text());
    } catch {
      return null;
    }
  }

  async panelsOnline() {
    const m = await this.scrape(['vaktpost_hub_panels_online']);
    return m ? m.get('vaktpost_hub_panels_online') : undefined;
  }

  /**
   * Polls panels_online every 100 ms; resolves with the time of the scrape that made `test(count)`
   * true (resolution: the poll interval plus one scrape).
   */
  async untilOnline(what, deadlineMs, test) {
    let last;
    return waitFor(`the hub's panels_online to reach ${what}`, deadlineMs, async () => {
      last = await this.panelsOnline();
      return last !== undefined && test(last) ? now() : null;
    }, { everyMs: 100, progress: () => `last reading ${last ?? 'none'}` });
  }

  /** Heap in use (MB): the JVM's own series if /metrics has them, else `jcmd GC.heap_info`. */
  async memoryMb(pid) {
    if (this.heapSource !== 'jcmd') {
      const m = await this.scrape(['jvm_memory_used_bytes']);
      let sum = 0;
      let found = false;
      for (const [key, value] of m ?? []) {
        if (key.startsWith('jvm_memory_used_bytes{') && key.includes('area="heap"')) { sum += value; found = true; }
      }
      if (found) { this.heapSource = 'metrics'; return sum / 1024 / 1024; }
      if (this.heapSource === 'metrics') return NaN;
    }
    this.heapSource = 'jcmd';
    try {
      // asynchronous: a blocking call would stall every simulated panel for its duration
      const { stdout: out } = await promisify(execFile)('jcmd', [String(pid), 'GC.heap_info'], { timeout: 10_000 });
      const used = /heap\s+total \d+K, used (\d+)K/.exec(out);
      return used ? Number(used[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }
}

/** Prometheus text format, enough of it: `name{labels} value` lines, comments skipped. */
export function parseMetrics(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}

function registryYaml(sites, panels) {
  const lines = ['sites:'];
  for (const site of sites) {
    lines.push(`  - id: ${site}`, `    name: Skola ${site.slice(1)}`);
    lines.push(`    panels: [${panels.map((p) => `{id: ${p}, name: ${p.toUpperCase()}}`).join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}
