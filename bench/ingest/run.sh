#!/usr/bin/env bash
# Ingest benchmark: activity rows from a simulated llama-swap host to PostgreSQL,
# through the packaged fleet-connector, Kafka and perf-ingest, at increasing rates.
#
#   bash bench/ingest/run.sh            # warm-up, then 2500 5000 7500 rows/s, 15 s each
#   BENCH_RATES="5000" BENCH_STEP_SECONDS=20 bash bench/ingest/run.sh
#
# The host makes rows with POST /sim/activity/synthesize (no HTTP inference per row,
# so the numbers measure ingest, not the simulator's chat path). Each row carries its
# exact creation time (metadata sim_created_at); lag = PostgreSQL ingested_at minus
# that. Prints, per step: rows made, rows stored, rows lost (pruned by the host before
# the connector fetched them, reported as gaps), sustained rows/s and lag p50/p99.
# The host keeps llama-swap's default 1000 rows (BENCH_HOST_ROWS to change it): at
# 5000 rows/s a row is pruned 0.2 s after it is made, so keeping up is not optional.
# Uses its own database (boocontrol_bench) and broker (:19292); stops what it started.
# Logs: ~/.boocontrol/bench-ingest/.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RATES=${BENCH_RATES:-"2500 5000 7500"}
STEP=${BENCH_STEP_SECONDS:-15}
# The JVMs start cold (JIT): the first 15 s at 1000 rows/s are run and shown as warm-up.
WARMUP=${BENCH_WARMUP:-1}
KAFKA_PORT=${BENCH_KAFKA_PORT:-19292}
SIM_PORT=${BENCH_SIM_PORT:-9701}
SIM_CONTROL=${BENCH_SIM_CONTROL_PORT:-9700}
CONNECTOR_PORT=9721
INGEST_PORT=9722
LOGS=${BOO_WORK_DIR:-$HOME/.boocontrol}/bench-ingest
HOST=bench-host
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"
trap bench_cleanup EXIT
psql_bench() { bash "$ROOT/infra/pg.sh" psql -d boocontrol_bench -qAt -v ON_ERROR_STOP=1 "$@"; }
sim() { curl -fsS -X "$1" "http://127.0.0.1:$SIM_CONTROL/sim/hosts/$SIM_PORT$2" "${@:3}"; }

bench_infra fleet-connector perf-ingest

cat >"$BENCH_WORK/host.yaml" <<YAML
metricsMaxInMemory: ${BENCH_HOST_ROWS:-1000}
performance:
  every: 5s
sim:
  hostName: bench-host
models:
  bench-model:
    sim: {loadSeconds: 0.1, genTps: 80, promptTps: 2000}
YAML
printf 'hosts:\n  - id: %s\n    url: http://127.0.0.1:%s\n' "$HOST" "$SIM_PORT" >"$BENCH_WORK/hosts.yaml"

log "starting the simulated host, fleet-connector and perf-ingest"
bench_sim "$SIM_PORT" "$SIM_CONTROL" "$BENCH_WORK/host.yaml"
bench_service fleet-connector "$CONNECTOR_PORT" "$BENCH_WORK/hosts.yaml"
bench_service perf-ingest "$INGEST_PORT" "$BENCH_WORK/hosts.yaml"
bench_ready "$CONNECTOR_PORT" "$INGEST_PORT"
wait_for "the connector's event stream" 30 \
  bash -c "curl -fsS http://127.0.0.1:$SIM_CONTROL/sim/hosts/$SIM_PORT/status | grep -q '\"event_subscribers\":[1-9]'"

last_id() { sim GET /status | sed -n 's/.*"last_activity_id":\([0-9]*\).*/\1/p'; }
stored_through() { psql_bench -c "SELECT count(*) FROM request_activity WHERE host_id='$HOST' AND activity_id > $1 AND activity_id <= $2"; }

printf '\n%-10s %-8s %-8s %-6s %-12s %-10s %-10s\n' "rate/s" "made" "stored" "lost" "rows/s" "lag p50" "lag p99"
steps=$RATES
((WARMUP)) && steps="warmup $RATES"
for rate in $steps; do
  label=$rate
  [[ $rate == warmup ]] && rate=1000 label=warm-up
  before=$(last_id)
  rows=$((rate * STEP))
  sim POST /activity/synthesize -H 'Content-Type: application/json' \
    -d "{\"rows\":$rows,\"per_second\":$rate}" >/dev/null
  wait_for "the host to make $rows rows" $((STEP * 4 + 30)) \
    bash -c "curl -fsS http://127.0.0.1:$SIM_CONTROL/sim/hosts/$SIM_PORT/status | grep -q '\"synthesizing_remaining\":0'"
  after=$(last_id)
  # Let ingest drain: stop when the stored count (once rows arrive) stops moving for 2 s.
  prev=-1 same=0
  for ((i = 0; i < 240 && (same < 8 || prev <= 0); i++)); do
    now=$(stored_through "$before" "$after")
    if [[ $now == "$prev" ]]; then same=$((same + 1)); else same=0; fi
    prev=$now
    sleep 0.25
  done
  psql_bench -F ' ' -c "
    WITH r AS (
      SELECT ingested_at, (metadata->>'sim_created_at')::timestamptz AS made
      FROM request_activity WHERE host_id = '$HOST' AND activity_id > $before AND activity_id <= $after)
    SELECT '$label', $((after - before)), count(*), $((after - before)) - count(*),
      round((count(*) / greatest(extract(epoch FROM max(ingested_at) - min(made)), 0.001))::numeric, 0),
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ingested_at - made)) * 1000)::numeric, 0) || 'ms',
      round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM ingested_at - made)) * 1000)::numeric, 0) || 'ms'
    FROM r" | awk '{printf "%-10s %-8s %-8s %-6s %-12s %-10s %-10s\n", $1, $2, $3, $4, $5, $6, $7}'
done
gaps=$(psql_bench -c "SELECT count(*) || ' windows, ' || coalesce(sum(to_id - from_id + 1), 0) || ' rows' FROM activity_gaps WHERE host_id = '$HOST'")
printf '\ngap windows reported by the connector: %s\n' "$gaps"
printf 'machine: %s cores, %s\n' "$(nproc)" "$(uname -sr)"
