#!/usr/bin/env bash
# Scale benchmark: 10,000 simulated MQTT panels against the hub and an echo-hub floor, same run,
# private Mosquitto on a free port. Options go to bench/load/scale.mjs (see bench/load/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

# one socket per panel in this process and another in Mosquitto; where the hard limit is lower
# than 65536 (containers), take the hard limit: 10,000 panels need about 10,500
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [ ! -d bench/load/node_modules ]; then
  npm ci --prefix bench/load --no-audit --no-fund
fi
if [ ! -f central-hub/target/central-hub.jar ]; then
  ./mvnw -q -B -DskipTests package -pl central-hub -am
fi

# 10,000 mqtt.js clients need more than Node's default old-space on small machines
exec node --max-old-space-size=4096 --max-semi-space-size=64 --expose-gc bench/load/scale.mjs "$@"
