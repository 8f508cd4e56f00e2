// The floor: a plain mqtt.js client in the hub's place, run as its own process like the hub. It
// answers a LOCKDOWN at once with a retained LOCKDOWN state of a higher version (and an ack), an
// ALL_CLEAR with a NORMAL state; no database, no validation, no state machine. It also takes the
// panels' statuses, so that its CPU over the steady minute carries the same inbound traffic as the hub.
// Like any MQTT 5 client (and the hub) it has at most the broker's receive maximum of QoS 1
// publishes unanswered, states before acks: mqtt.js does not enforce that by itself, and a floor
// that breaks the protocol would be a floor no correct hub could reach.
//
// Usage: node echo-hub.mjs <mqtt-url>. Prints "echo hub ready" once subscribed; SIGTERM ends its
// broker session cleanly, SIGKILL leaves the session for the restart measurement.
import { randomUUID } from 'node:crypto';
import { connect } from './lib/mqtt-client.mjs';
import { ALL_EVENTS, ALL_STATUS, ackTopic, panelTopicParts, stateTopic } from './lib/topics.mjs';

const url = process.argv[2];
const lastVersion = new Map(); // site -> newest version published
let statuses = 0;
let window = 65535; // the broker's receive maximum, from its CONNACK
let inFlight = 0;
const states = []; // [topic, body, options] waiting for room
const acks = [];

// What the hub reports of itself (vaktpost_hub_outbound_wait_seconds, ..._answer_seconds), for
// states: ms a state waited for room in the window, and ms from its publish to the broker's PUBACK.
// SIGUSR2 prints both since the last report ("echo own view: ...") and starts anew.
let waits = [];
let answers = [];

function send(queue, topic, body, options) {
  queue.push([topic, body, options, performance.now()]);
  pump();
}

function pump() {
  while (inFlight < window && (states.length || acks.length)) {
    const queue = states.length ? states : acks;
    const [topic, body, options, queuedAt] = queue.shift();
    const sentAt = performance.now();
    if (queue === states) waits.push(sentAt - queuedAt);
    inFlight++;
    client.publish(topic, body, options, () => {
      if (queue === states) answers.push(performance.now() - sentAt);
      inFlight--;
      pump();
    });
  }
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

process.on('SIGUSR2', () => {
  const f = (x) => (Number.isNaN(x) ? '–' : x.toFixed(1));
  process.stdout.write(`echo own view: ${answers.length} states; outbound wait p50 ${f(pct(waits, 50))} ms, `
    + `p99 ${f(pct(waits, 99))} ms; broker's answer p50 ${f(pct(answers, 50))} ms, p99 ${f(pct(answers, 99))} ms; `
    + `window ${window}\n`);
  waits = [];
  answers = [];
});

// as the hub: one above the last and never below the clock in ms, so it rises across restarts too
function nextVersion(site) {
  const v = Math.max(Date.now(), (lastVersion.get(site) ?? 0) + 1);
  lastVersion.set(site, v);
  return v;
}

const client = connect(url, {
  clientId: 'vaktpost-echo-hub',
  protocolVersion: 5,
  clean: false, // a persistent session like the hub's: events published while it is down wait for it
  keepalive: 10,
  reconnectPeriod: 1000,
  properties: { sessionExpiryInterval: 3600 },
});

client.on('error', (err) => process.stderr.write(`echo hub: ${err.message}\n`));

client.on('connect', async (connack) => {
  window = connack.properties?.receiveMaximum ?? 65535;
  inFlight = 0;
  if (!connack.sessionPresent) {
    await client.subscribeAsync({ [ALL_EVENTS]: { qos: 1 }, [ALL_STATUS]: { qos: 0 } }); // statuses as the hub takes them
  }
  process.stdout.write('echo hub ready\n');
});

client.on('message', (topic, payload) => {
  const parts = panelTopicParts(topic);
  if (!parts) return;
  if (parts.kind === 'status') { statuses++; return; }
  if (parts.kind !== 'events') return;
  let event;
  try { event = JSON.parse(payload.toString()); } catch { return; }
  const { site, panel } = parts;
  let incident = null;
  let version = lastVersion.get(site) ?? 0;
  if (event.type === 'LOCKDOWN' || event.type === 'ALL_CLEAR') {
    const mode = event.type === 'LOCKDOWN' ? 'LOCKDOWN' : 'NORMAL';
    version = nextVersion(site);
    incident = mode === 'LOCKDOWN' ? randomUUID() : null;
    const state = { mode, incident, since: new Date().toISOString(), drill: false, version };
    send(states, stateTopic(site), JSON.stringify(state), { qos: 1, retain: true });
  }
  send(acks, ackTopic(site, panel), JSON.stringify({ id: event.id, incident, version }), { qos: 1 });
});

process.on('SIGTERM', () => {
  process.stderr.write(`echo hub: ${statuses} statuses received; leaving\n`);
  client.end(false, { properties: { sessionExpiryInterval: 0 } }, () => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
});
