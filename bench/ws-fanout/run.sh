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
WORK=$(mktemp -d)
JAVA_OPTS="-Xms32m -Xmx384m -XX:+UseSerialGC"
PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
pids=()
kafka_started=0
mkdir -p "$LOGS"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ((kafka_started)) && bash "$ROOT/infra/kafka.sh" stop --name bench >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
wait_for() {
  local what=$1 secs=$2; shift 2
  for ((i = 0; i < secs * 4; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  log "timed out waiting for $what"; exit 1
}
jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
if [[ ! -f $(jar fleet-connector) || ! -f $(jar cockpit-api) || ! -f $ROOT/infra/llama-swap-sim/target/llama-swap-sim.jar ]]; then
  log "building (./boocontrol build)"; "$ROOT/boocontrol" build >&2
fi

bash "$ROOT/infra/pg.sh" start >&2
bash "$ROOT/infra/kafka.sh" status --name bench --port "$KAFKA_PORT" >/dev/null 2>&1 || kafka_started=1
bash "$ROOT/infra/kafka.sh" start --name bench --port "$KAFKA_PORT" >&2
bash "$ROOT/infra/pg.sh" psql -q -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS boocontrol_bench WITH (FORCE)" -c "CREATE DATABASE boocontrol_bench" >/dev/null

cat >"$WORK/host.yaml" <<'YAML'
metricsMaxInMemory: 5000
performance:
  every: 5s
sim:
  hostName: fanout-host
models:
  bench-model:
    sim: {loadSeconds: 0.1, genTps: 80, promptTps: 2000}
YAML
printf 'hosts:\n  - id: fanout-host\n    url: http://127.0.0.1:%s\n' "$SIM_PORT" >"$WORK/hosts.yaml"

log "starting the simulated host, fleet-connector and cockpit-api"
java $JAVA_OPTS -jar "$ROOT/infra/llama-swap-sim/target/llama-swap-sim.jar" \
  --port "$SIM_PORT" --control-port "$SIM_CONTROL" "$WORK/host.yaml" >"$LOGS/sim.log" 2>&1 &
pids+=($!)
wait_for "the simulated host" 30 curl -fsS "http://127.0.0.1:$SIM_PORT/health"
for svc in fleet-connector:$CONNECTOR_PORT cockpit-api:$COCKPIT_PORT; do
  name=${svc%%:*} port=${svc##*:}
  BOO_HOSTS_FILE=$WORK/hosts.yaml BOO_HTTP_PORT=$port BOO_PG_DB=boocontrol_bench \
    BOO_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT BOO_INSTANCE_ID=bench-$name \
    BOOCONTROL_REGISTRY_DISABLE_UNLISTED=true BOO_OPERATOR_PASSWORD=$PASSWORD \
    java $JAVA_OPTS -jar "$(jar "$name")" >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
done
for port in $CONNECTOR_PORT $COCKPIT_PORT; do
  wait_for "service on :$port" 90 curl -fsS "http://127.0.0.1:$port/q/health/ready"
done
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
