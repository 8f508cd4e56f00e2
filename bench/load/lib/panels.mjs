// Simulated reception panels: one small MQTT 5 client each (panel-client.mjs), speaking the
// contract as the real edge agent does (Last Will, retained presence with heartbeat, outbox with
// resend until acked, `seen`/`age` on every event), plus the bookkeeping the benchmark needs to
// time state fan-out.
import { PanelClient } from './panel-client.mjs';
import { randomUUID } from 'node:crypto';
import { log, now, within } from './util.mjs';
import { HEARTBEAT_S, ackTopic, eventsTopic, siteEventsTopic, stateTopic, statusTopic } from './topics.mjs';

/** The agent's default: an unacked event is sent again after this long (edge-agent --retry-s 3). */
const RESEND_AFTER_MS = 3000;

const statusBody = (online) => JSON.stringify({ online, at: new Date().toISOString(), heartbeat: HEARTBEAT_S });

class Panel {
  constructor(fleet, site, panel) {
    this.fleet = fleet;
    this.site = site;
    this.panel = panel;
    this.version = 0; // newest site-state version received; stamped as `seen` on a press
    this.mode = null;
    this.seq = 0;
    this.outbox = new Map(); // event id -> { event, pressedAt, sentAt }
    this.ready = false; // connected and subscribed
    this.heartbeat = null;
    this.topics = { state: stateTopic(site), ack: ackTopic(site, panel), status: statusTopic(site, panel) };
  }

  start() {
    this.client = new PanelClient(this.fleet.url, {
      clientId: `panel.${this.site}.${this.panel}`,
      clean: false,
      keepalive: 10,
      reconnectPeriod: 1000,
      connectTimeout: 30_000,
      // a kept session that never ends by time, as the agent asks for (MqttSettings.SESSION_NEVER_EXPIRES):
      // Mosquitto sorts sessions with an end into a list, one walk per drop, O(n²) in a storm
      properties: { sessionExpiryInterval: 0xFFFFFFFF },
      will: { topic: this.topics.status, payload: statusBody(false), qos: 1, retain: true },
    });
    this.client.on('connect', (connack) => this.onConnect(connack));
    this.client.on('message', (topic, payload) => this.onMessage(topic, payload));
    this.client.on('close', () => this.setReady(false));
    // the Last Will carries the time of the connect that registers it, as the agent's does
    this.client.on('reconnect', () => { this.client.options.will.payload = statusBody(false); });
    this.client.on('error', (err) => this.fleet.noteError(this, err));
    this.startHeartbeat();
  }

  onConnect(connack) {
    this.publishStatus();
    if (connack.sessionPresent) {
      this.setReady(true);
      return;
    }
    const subs = { [this.topics.state]: { qos: 1 }, [siteEventsTopic(this.site)]: { qos: 1 }, [this.topics.ack]: { qos: 1 } };
    this.client.subscribe(subs, (err) => {
      if (err) this.fleet.noteError(this, err);
      else this.setReady(true);
    });
  }

  setReady(ready) {
    if (ready === this.ready) return;
    this.ready = ready;
    this.fleet.readyCount += ready ? 1 : -1;
    if (ready) this.fleet.onReady(this);
  }

  publishStatus() {
    if (this.client.connected) this.client.publish(this.topics.status, statusBody(true), { retain: true });
  }

  /** Fixed-rate heartbeat from the panel's own start, as the agent schedules it, independent of connects. */
  startHeartbeat() {
    this.heartbeat = setInterval(() => this.publishStatus(), HEARTBEAT_S * 1000);
  }

  stopHeartbeat() {
    clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  onMessage(topic, payload) {
    const at = now();
    if (topic === this.topics.state) {
      this.fleet.stateMessages++;
      if (payload.length === 0) return; // a cleared retained state
      let state;
      try { state = JSON.parse(payload.toString()); } catch { this.fleet.malformed++; return; }
      if (!(state.version >= this.version)) return; // the contract: ignore a state older than the one held
      this.version = state.version;
      this.mode = state.mode;
      this.fleet.onState(this, state, at);
    } else if (topic === this.topics.ack) {
      try {
        const ack = JSON.parse(payload.toString());
        const entry = this.outbox.get(ack.id);
        if (entry) {
          this.outbox.delete(ack.id);
          this.fleet.acks++;
          this.fleet.ackMs.push(at - entry.pressedAt); // press to the hub's ack, resends included
        }
      } catch { this.fleet.malformed++; }
    } else {
      this.fleet.peerEvents++; // a peer's press; the real panel would apply it, the bench only counts
    }
  }

  /** A press, sent at once (age 0); stays in the outbox and is sent again until the hub acks it. */
  press(type) {
    const pressedAt = now();
    const event = {
      id: randomUUID(), site: this.site, panel: this.panel, type,
      at: new Date().toISOString(), seq: this.seq++, seen: this.version, age: 0,
    };
    this.outbox.set(event.id, { event, pressedAt, sentAt: pressedAt });
    this.client.publish(eventsTopic(this.site, this.panel), JSON.stringify(event));
    return pressedAt;
  }

  resendDue(t) {
    for (const entry of this.outbox.values()) {
      if (t - entry.sentAt < RESEND_AFTER_MS || !this.client.connected) continue;
      entry.event.age = Math.floor(t - entry.pressedAt); // measured again at every send
      entry.sentAt = t;
      this.client.publish(eventsTopic(this.site, this.panel), JSON.stringify(entry.event));
      this.fleet.resends++;
    }
  }

  /** Destroys the socket without DISCONNECT, so the broker publishes the Last Will. */
  drop() {
    this.client.end(true);
  }

  reconnect() {
    if (this.client.connected) return; // a second connect with the same id would take the first over
    this.client.reconnect();
  }

  /** A clean goodbye that also ends the broker session, so that the next connect starts afresh. */
  close() {
    this.stopHeartbeat();
    return new Promise((resolve) => this.client.end(false, { sessionExpiryInterval: 0 }, resolve));
  }
}

/**
 * Times how long a state change takes to reach every panel of one site: for each panel, the first
 * state in `mode` with a version above the one it held when the tracker was made.
 */
class Tracker {
  constructor(fleet, site, mode) {
    this.fleet = fleet;
    this.site = site;
    this.mode = mode;
    this.panels = fleet.bySite.get(site);
    this.baseline = new Map(this.panels.map((p) => [p, p.version]));
    this.arrivals = new Map();
    this.done = new Promise((resolve) => { this.resolve = resolve; });
    fleet.trackers.get(site).add(this);
  }

  observe(panel, state, at) {
    if (state.mode !== this.mode || !(state.version > this.baseline.get(panel)) || this.arrivals.has(panel)) return;
    this.arrivals.set(panel, at);
    if (this.arrivals.size === this.panels.length) this.resolve(at);
  }

  /** Resolves with the time the last panel got it; throws a WaitTimeout naming the missing panels. */
  async wait(deadlineMs) {
    try {
      return await within(`${this.mode} at all ${this.panels.length} panels of ${this.site}`, deadlineMs, this.done, () => this.progress());
    } finally {
      this.close();
    }
  }

  progress() {
    const missing = this.panels.filter((p) => !this.arrivals.has(p)).map((p) => p.panel);
    const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', …' : '');
    return `${this.arrivals.size}/${this.panels.length} have it; missing ${shown}`;
  }

  close() {
    this.fleet.trackers.get(this.site).delete(this);
  }
}

/** All simulated panels of one run, by site. */
export class Fleet {
  constructor(url, sites, panels) {
    this.url = url;
    this.bySite = new Map();
    this.trackers = new Map();
    this.all = [];
    for (const site of sites) {
      const list = panels.map((p) => new Panel(this, site, p));
      this.bySite.set(site, list);
      this.trackers.set(site, new Set());
      this.all.push(...list);
    }
    this.readyCount = 0;
    this.readyWaiters = [];
    Object.assign(this, { acks: 0, ackMs: [], resends: 0, peerEvents: 0, stateMessages: 0, malformed: 0, errors: 0, lastError: null });
    this.errorKinds = new Map(); // message (without the panel) -> count, for the report
    this.resendTimer = setInterval(() => {
      const t = now();
      for (const p of this.all) if (p.outbox.size) p.resendDue(t);
    }, 500);
  }

  noteError(panel, err) {
    this.errors++;
    this.lastError = `${panel.site}/${panel.panel}: ${err.message}`;
    // ports and ids vary; the kind is what is left of the message
    const kind = String(err.message).replace(/\d+/g, 'N');
    this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
  }

  onState(panel, state, at) {
    for (const t of this.trackers.get(panel.site)) t.observe(panel, state, at);
  }

  onReady() {
    if (this.readyWaiters.length === 0) return;
    const at = now();
    this.readyWaiters = this.readyWaiters.filter((w) => {
      if (this.readyCount < w.count) return true;
      w.resolve(at);
      return false;
    });
  }

  /** Resolves with the moment `count` panels are connected and subscribed at the same time. */
  whenReady(count, deadlineMs) {
    const p = this.readyCount >= count ? Promise.resolve(now()) : new Promise((resolve) => this.readyWaiters.push({ count, resolve }));
    return within(`${count} panels connected and subscribed`, deadlineMs, p,
      () => `${this.readyCount} are; ${this.errors} client errors, last: ${this.lastError ?? 'none'}`);
  }

  track(site, mode) {
    return new Tracker(this, site, mode);
  }

  /**
   * Connects every panel, at most `window` connects in flight: a burst of thousands of SYNs would
   * overflow Mosquitto's listen backlog (100) and stall in TCP retransmits.
   */
  async connectAll(window, deadlineMs) {
    const end = now() + deadlineMs;
    let next = 0;
    while (next < this.all.length) {
      while (next < this.all.length && next - this.readyCount < window) this.all[next++].start();
      // refill once half the window has connected, so connects keep flowing without a burst
      await this.whenReady(Math.max(0, next - window / 2), Math.max(1, end - now()));
    }
    return this.whenReady(this.all.length, Math.max(1, end - now()));
  }

  async closeAll() {
    clearInterval(this.resendTimer);
    const closing = Promise.all(this.all.filter((p) => p.client).map((p) => p.close()));
    try {
      await within(`${this.all.length} panels to disconnect cleanly`, 30_000, closing);
    } catch (err) {
      log(`${err.message}; dropping the rest`);
      for (const p of this.all) p.client?.end(true);
    }
  }
}
