// mqtt.js clients with Nagle's algorithm off. mqtt.js opens plain TCP sockets with Node's default
// (Nagle on); together with delayed ACKs that adds up to 40 ms to small packets. The hub, the real
// panels (NoDelaySocketFactory) and the bench's Mosquitto (set_tcp_nodelay) all turn it off.
// Their debug logging is off too: with it compiled in but disabled, mqtt.js still spent about 5 % of
// this process's CPU in a burst asking the `debug` package whether to log, on every packet.
import mqtt from 'mqtt';
import net from 'node:net';

export function connect(url, options) {
  const { hostname, port } = new URL(url);
  const stream = () => net.createConnection({ host: hostname, port: Number(port), noDelay: true });
  return new mqtt.MqttClient(stream, { log: () => {}, ...options });
}
