// Topic names of the Vaktpost MQTT contract, version 1 (docs/mqtt.md).
const ROOT = 'vaktpost/v1/sites';

export const eventsTopic = (site, panel) => `${ROOT}/${site}/panels/${panel}/events`;
export const statusTopic = (site, panel) => `${ROOT}/${site}/panels/${panel}/status`;
export const ackTopic = (site, panel) => `${ROOT}/${site}/panels/${panel}/ack`;
export const stateTopic = (site) => `${ROOT}/${site}/state`;
export const siteEventsTopic = (site) => `${ROOT}/${site}/panels/+/events`;

export const ALL_EVENTS = `${ROOT}/+/panels/+/events`;
export const ALL_STATUS = `${ROOT}/+/panels/+/status`;

/** Splits `vaktpost/v1/sites/{site}/panels/{panel}/{kind}` into its parts; null for other topics. */
export function panelTopicParts(topic) {
  const parts = topic.split('/');
  if (parts.length !== 7 || parts[2] !== 'sites' || parts[4] !== 'panels') return null;
  return { site: parts[3], panel: parts[5], kind: parts[6] };
}

/** The heartbeat every simulated panel announces; the contract's offline timeout is 2 × it + 1 s. */
export const HEARTBEAT_S = 10;
