#!/usr/bin/env bash
# WebSocket fan-out benchmark: N browser-like clients on one cockpit-api while a
# simulated host makes activity; prints the latency from the host's event (the row's
# exact creation time, metadata sim_created_at) to the frame arriving at a client,
# p50/p99, and the frames/s delivered. Runs the packaged fleet-connector and
# cockpit-api; its own database (boocontrol_bench) and broker (:19292).
#
#   bash bench/ws-fanout/run.sh                 # 500 clients, 50 rows/s, 20 s
#   BENCH_CLIENTS=200 BENCH_RATE=100 bash bench/ws-fanout/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLIENTS=${BENCH_CLIENTS:-500}
RATE=${BENCH_RATE:-50}
SECS=${BENCH_SECONDS:-20}
KAFKA_PORT=${BENCH_KAFKA_PORT:-19292}
SIM_PORT=9731 SIM_CONTROL=9730 CONNECTOR_PORT=9741 COCKPIT_PORT=9743
LOGS=${BOO_WORK_DIR:-$HOME/.boocontrol}/bench-ws-fanout
PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"
trap bench_cleanup EXIT

bench_infra fleet-connector cockpit-api

cat >"$BENCH_WORK/host.yaml" <<'YAML'
metricsMaxInMemory: 5000
performance:
  every: 5s
sim:
  hostName: fanout-host
models:
  bench-model:
    sim: {loadSeconds: 0.1, genTps: 80, promptTps: 2000}
YAML
printf 'hosts:\n  - id: fanout-host\n    url: http://127.0.0.1:%s\n' "$SIM_PORT" >"$BENCH_WORK/hosts.yaml"

log "starting the simulated host, fleet-connector and cockpit-api"
bench_sim "$SIM_PORT" "$SIM_CONTROL" "$BENCH_WORK/host.yaml"
bench_service fleet-connector "$CONNECTOR_PORT" "$BENCH_WORK/hosts.yaml"
bench_service cockpit-api "$COCKPIT_PORT" "$BENCH_WORK/hosts.yaml" BOO_OPERATOR_PASSWORD="$PASSWORD"
bench_ready "$CONNECTOR_PORT" "$COCKPIT_PORT"
cookie=$(curl -fsS -c - -H 'Content-Type: application/json' \
  -d "{\"user\":\"admin\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$COCKPIT_PORT/api/login" |
  awk '$6 == "boo_session" {print $7}')
[[ -n $cookie ]] || { log "login failed"; exit 1; }

# Warm the path (JIT) for a few seconds, then measure while the host keeps making rows.
rows=$((RATE * (SECS + 40)))
curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"rows\":$rows,\"per_second\":$RATE}" \
  "http://127.0.0.1:$SIM_CONTROL/sim/hosts/$SIM_PORT/activity/synthesize" >/dev/null
sleep 8
log "$CLIENTS clients, host making $RATE activity rows/s"
java -Xmx512m "$ROOT/bench/ws-fanout/WsFanout.java" \
  "ws://127.0.0.1:$COCKPIT_PORT/api/ws/control" "$cookie" "$CLIENTS" "$SECS"
printf 'machine: %s cores, %s\n' "$(nproc)" "$(uname -sr)"
