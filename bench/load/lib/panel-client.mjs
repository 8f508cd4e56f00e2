// A small MQTT 5 client for the simulated panels: mqtt-packet (the codec mqtt.js itself uses) on a
// plain socket, with only what a panel does: connect with a Last Will, subscribe, publish at QoS 1,
// acknowledge what it receives, keep the connection alive, reconnect after a lost connection.
//
// Why not mqtt.js for the panels: 10,000 of its clients in one process cost that process about a
// whole core in a burst (streams, stores, timers and callbacks per packet, and the garbage they
// leave), so the bench — which stands for 10,000 devices with a CPU each — was the busiest process
// on the machine and what a burst measured was mostly its own backlog (docs/performance.md,
// eleventh session). The echo hub and the status observer, one client each, keep mqtt.js.
import { EventEmitter } from 'node:events';
import net from 'node:net';
import mqttPacket from 'mqtt-packet';

const V5 = { protocolVersion: 5 };
const PINGREQ = mqttPacket.generate({ cmd: 'pingreq' }, V5);

/** Every open client, for the one timer that sends keepalive pings and times out connects. */
const open = new Set();
let beat = null;

function watch(client) {
  open.add(client);
  beat ??= setInterval(() => {
    const t = Date.now();
    for (const c of open) c.due(t);
  }, 1000);
}

function unwatch(client) {
  open.delete(client);
  if (open.size === 0 && beat) {
    clearInterval(beat);
    beat = null;
  }
}

/**
 * Events as mqtt.js names them: 'connect' (the CONNACK), 'message' (topic, payload), 'close',
 * 'reconnect' (before a reconnect, so the Last Will can be renewed), 'error'.
 * Options: clientId, keepalive (s), clean, reconnectPeriod (ms), connectTimeout (ms), properties
 * (of the CONNECT), will ({ topic, payload, qos, retain }).
 */
export class PanelClient extends EventEmitter {
  constructor(url, options) {
    super();
    const { hostname, port } = new URL(url);
    this.address = { host: hostname, port: Number(port), noDelay: true };
    this.options = options;
    this.connected = false;
    this.ended = false;
    this.socket = null;
    this.nextId = 0;
    this.waiting = new Map(); // packet id -> callback for its SUBACK
    this.open();
  }

  open() {
    const socket = net.createConnection(this.address);
    const parser = mqttPacket.parser(V5);
    this.socket = socket;
    this.lastSent = Date.now();
    this.connectBy = this.lastSent + this.options.connectTimeout;
    socket.on('connect', () => this.send(this.connectPacket(), socket));
    socket.on('data', (data) => parser.parse(data));
    parser.on('packet', (packet) => this.handle(packet, socket));
    parser.on('error', (err) => this.fail(err, socket));
    socket.on('error', (err) => this.emit('error', err));
    socket.on('close', () => this.closed(socket));
    watch(this);
  }

  connectPacket() {
    const { clientId, keepalive, clean, properties, will } = this.options;
    return { cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId, keepalive, clean, properties, will };
  }

  handle(packet, socket) {
    if (socket !== this.socket) return;
    switch (packet.cmd) {
      case 'connack':
        if (packet.reasonCode) { this.fail(new Error(`connection refused: reason ${packet.reasonCode}`), socket); return; }
        this.connected = true;
        this.connectBy = Infinity;
        this.emit('connect', packet);
        break;
      case 'publish':
        if (packet.qos === 1) this.send({ cmd: 'puback', messageId: packet.messageId });
        this.emit('message', packet.topic, packet.payload, packet);
        break;
      case 'suback': {
        const done = this.waiting.get(packet.messageId);
        this.waiting.delete(packet.messageId);
        const refused = packet.granted.find((g) => g >= 0x80);
        done?.(refused === undefined ? null : new Error(`subscription refused: reason ${refused}`));
        break;
      }
      case 'disconnect':
        this.fail(new Error(`disconnected by the broker: reason ${packet.reasonCode}`), socket);
        break;
      default: // puback (the panel's outbox resends until the hub's ack, not the broker's), pingresp
    }
  }

  send(packet, socket = this.socket) {
    if (!socket || socket.destroyed) return false;
    this.lastSent = Date.now();
    socket.write(mqttPacket.generate(packet, V5));
    return true;
  }

  /** The shared timer's beat: a ping when nothing was sent for a keepalive, a retry when a connect hangs. */
  due(t) {
    if (!this.connected) {
      if (t > this.connectBy) this.fail(new Error('connack timeout'), this.socket);
      return;
    }
    if (t - this.lastSent >= this.options.keepalive * 1000) {
      this.lastSent = t;
      this.socket.write(PINGREQ);
    }
  }

  id() {
    this.nextId = (this.nextId % 65535) + 1;
    return this.nextId;
  }

  /** At QoS 1; dropped while not connected (the panel's outbox and heartbeat send again). */
  publish(topic, payload, { retain = false } = {}) {
    if (this.connected) this.send({ cmd: 'publish', topic, payload, qos: 1, retain, dup: false, messageId: this.id() });
  }

  /** {topic: {qos}} as mqtt.js takes it; the callback gets an error when the broker refused any. */
  subscribe(topics, callback) {
    const messageId = this.id();
    this.waiting.set(messageId, callback);
    const subscriptions = Object.entries(topics).map(([topic, { qos }]) => ({ topic, qos, nl: false, rap: false, rh: 0 }));
    this.send({ cmd: 'subscribe', messageId, subscriptions });
  }

  fail(err, socket) {
    if (socket !== this.socket || socket.destroyed) return;
    this.emit('error', err);
    socket.destroy();
  }

  closed(socket) {
    if (socket !== this.socket) return;
    this.detach();
    if (this.ended) {
      const after = this.afterEnd;
      this.afterEnd = null;
      after?.();
    } else {
      setTimeout(() => { if (!this.ended && !this.socket) this.reconnect(); }, this.options.reconnectPeriod);
    }
  }

  /** Forgets the connection: what waited for an answer will not get one on it (the panel's outbox resends). */
  detach() {
    const was = this.connected;
    this.connected = false;
    this.socket = null;
    unwatch(this);
    for (const done of this.waiting.values()) done?.(new Error('connection closed'));
    this.waiting.clear();
    if (was) this.emit('close');
  }

  /** Connects again after end(true) or a lost connection; no-op while a connection is open or opening. */
  reconnect() {
    if (this.socket) return;
    this.ended = false;
    this.emit('reconnect');
    this.open();
  }

  /**
   * force: destroy the socket without DISCONNECT (the broker publishes the Last Will). Otherwise a
   * DISCONNECT with `properties` first, and `callback` once the socket is closed. No reconnect either way.
   */
  end(force, properties, callback) {
    this.ended = true;
    const socket = this.socket;
    if (!socket) { callback?.(); return; }
    if (force || !this.connected) {
      // at once, so that a reconnect() right after it opens a new connection
      this.detach();
      socket.destroy();
      callback?.();
      return;
    }
    this.afterEnd = callback;
    this.send({ cmd: 'disconnect', reasonCode: 0, properties });
    socket.end();
  }
}
