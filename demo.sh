#!/usr/bin/env bash
# Vaktpost demo: the hub with an embedded MQTT broker and SQLite under ./data/demo, plus five
# simulated reception panels at two schools that you press by typing commands.
set -euo pipefail
cd "$(dirname "$0")"

HTTP_PORT="${VAKTPOST_HTTP_PORT:-8080}"
MQTT_PORT="${VAKTPOST_MQTT_PORT:-18830}"   # not 1883: a machine's own Mosquitto often holds that
DATA=data/demo
mkdir -p "$DATA"

if [ ! -f central-hub/target/central-hub.jar ] || [ ! -f edge-agent/target/edge-agent.jar ]; then
  echo "Bygger Vaktpost (första gången tar det någon minut) / building Vaktpost (first time takes a minute) ..."
  ./mvnw -q -B -DskipTests -Djib.skip -Dexec.skip -Djdeb.skip package -pl central-hub,edge-agent -am
fi

if ! java -jar central-hub/target/central-hub.jar users list --db "$DATA/hub.db" 2>/dev/null | grep -q '^demo '; then
  echo "vaktpost-demo" | java -jar central-hub/target/central-hub.jar users add demo --role security --db "$DATA/hub.db" >/dev/null 2>&1
fi

# Every panel connects as itself over TLS, like in production: the hub issues each simulated
# panel its credentials once (its embedded broker knows them from the hub's database).
PANELS="ekbacken/reception ekbacken/hus-b ekbacken/idrottshall solrosen/reception solrosen/matsal"
if [ ! -f "$DATA/credentials/solrosen/matsal/mqtt.properties" ]; then
  # shellcheck disable=SC2086
  java -jar central-hub/target/central-hub.jar panels provision $PANELS --config config/sites.example.yaml \
    --db "$DATA/hub.db" --out "$DATA/credentials" >/dev/null
fi

echo "Startar hubben / starting the hub (HTTP $HTTP_PORT, MQTT over TLS $MQTT_PORT) ..."
java -XX:TieredStopAtLevel=1 -jar central-hub/target/central-hub.jar --config config/sites.example.yaml --db "$DATA/hub.db" \
  --http-port "$HTTP_PORT" --mqtt-port "$MQTT_PORT" > "$DATA/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if grep -q "Vaktpost hub ready" "$DATA/hub.log" 2>/dev/null; then break; fi
  if ! kill -0 $HUB 2>/dev/null; then
    echo "Hubben startade inte / the hub did not start:"; grep -v '^\s*at ' "$DATA/hub.log" | tail -5
    echo "Tip: pick other ports, e.g. VAKTPOST_HTTP_PORT=8090 VAKTPOST_MQTT_PORT=18831 ./demo.sh"
    exit 1
  fi
  sleep 0.5
done

cat <<INFO

  Vaktpost demo is running. Two schools: ekbacken (3 panels) and solrosen (2 panels).
  Open:    http://127.0.0.1:$HTTP_PORT/   sign in as  demo / vaktpost-demo  (security unit)
           The security unit signs in with two steps: scan the QR code with an authenticator
           app (or: oathtool --totp -b KEY, with the key the page shows) and keep the recovery codes.
           http://127.0.0.1:$HTTP_PORT/metrics   (Prometheus)
  Hub log: $DATA/hub.log
  Try:     inrymning ekbacken/reception   then  status   then  återgång hus-b
           larm solrosen/matsal            (silent alarm: nothing sounds at the school)

INFO

java -jar edge-agent/target/edge-agent.jar --mqtt-url "ssl://127.0.0.1:$MQTT_PORT" --credentials "$DATA/credentials" \
  --data-dir "$DATA/panels" --panel "$(echo $PANELS | tr ' ' ',')"
