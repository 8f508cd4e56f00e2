// A plain MQTT client that follows every panel's retained presence. It is the floor for the
// presence measurements: the moment the broker has told anyone that panels went off- or online.
import { connect } from './mqtt-client.mjs';
import { now, within } from './util.mjs';
import { ALL_STATUS, panelTopicParts, stateTopic } from './topics.mjs';

export class StatusObserver {
  constructor(url) {
    this.url = url;
    this.online = new Set(); // "site/panel" of panels whose latest status says online
    this.waiters = [];
  }

  async start() {
    this.client = connect(this.url, { clientId: `vaktpost-bench-observer-${process.pid}`, protocolVersion: 5, clean: true, reconnectPeriod: 1000 });
    this.client.on('error', () => { /* reconnects by itself; a wait that depends on it will time out and say so */ });
    this.client.on('message', (topic, payload) => this.onMessage(topic, payload));
    await within('the status observer to connect', 10_000, new Promise((resolve) => this.client.once('connect', resolve)));
    // QoS 0, as the hub's presence link: at QoS 1 a slow reader overflows the broker's queue (1000 by default) and loses Wills.
    await this.client.subscribeAsync(ALL_STATUS, { qos: 0 });
  }

  onMessage(topic, payload) {
    const parts = panelTopicParts(topic);
    if (!parts || payload.length === 0) return;
    let online;
    try { online = JSON.parse(payload.toString()).online === true; } catch { return; }
    const key = `${parts.site}/${parts.panel}`;
    if (online) this.online.add(key); else this.online.delete(key);
    if (this.waiters.length === 0) return;
    const at = now();
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(this.online)) return true;
      w.resolve(at);
      return false;
    });
  }

  /** Resolves with the arrival time of the status that made `test(onlineSet)` true. */
  until(what, deadlineMs, test) {
    const p = test(this.online) ? Promise.resolve(now()) : new Promise((resolve) => this.waiters.push({ test, resolve }));
    return within(`the broker to announce ${what}`, deadlineMs, p, () => `observer sees ${this.online.size} online`);
  }

  /** Empties the retained state of every site, so that the next hub starts from a clean broker. */
  async clearStates(sites) {
    await Promise.all(sites.map((s) => this.client.publishAsync(stateTopic(s), '', { qos: 1, retain: true })));
  }

  close() {
    return this.client.endAsync();
  }
}
