#!/usr/bin/env bash
# Shared by the benchmark scripts (source it): logging, waiting, the packaged jars,
# a bench database and broker of their own, and cleanup of everything started.
# The caller sets ROOT, KAFKA_PORT and LOGS, and calls bench_cleanup from its EXIT trap.

BENCH_JAVA_OPTS="-Xms32m -Xmx384m -XX:+UseSerialGC"
bench_pids=()
bench_kafka_started=0
BENCH_WORK=$(mktemp -d)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

bench_cleanup() {
  for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ((bench_kafka_started)) && bash "$ROOT/infra/kafka.sh" stop --name bench >/dev/null 2>&1 || true
  rm -rf "$BENCH_WORK"
}

wait_for() { # what, seconds, command...
  local what=$1 secs=$2 i
  shift 2
  for ((i = 0; i < secs * 4; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  log "timed out waiting for $what"
  exit 1
}

jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

# Builds when a jar is missing; starts PostgreSQL and the bench broker; recreates boocontrol_bench.
bench_infra() { # services...
  local s missing=0
  [[ -f $ROOT/infra/llama-swap-sim/target/llama-swap-sim.jar ]] || missing=1
  for s in "$@"; do [[ -f $(jar "$s") ]] || missing=1; done
  if ((missing)); then
    log "building (./boocontrol build)"
    "$ROOT/boocontrol" build >&2
  fi
  mkdir -p "$LOGS"
  bash "$ROOT/infra/pg.sh" start >&2
  if ! bash "$ROOT/infra/kafka.sh" status --name bench --port "$KAFKA_PORT" >/dev/null 2>&1; then
    bench_kafka_started=1
    # A fresh broker: records of an earlier run (same host, same ids) would be replayed into the
    # fresh database and taken for this run's rows.
    rm -rf "${BOO_WORK_DIR:-$HOME/.boocontrol}/kafka/bench"
  fi
  bash "$ROOT/infra/kafka.sh" start --name bench --port "$KAFKA_PORT" >&2
  bash "$ROOT/infra/pg.sh" psql -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS boocontrol_bench WITH (FORCE)" -c "CREATE DATABASE boocontrol_bench" >/dev/null
}

bench_sim() { # port control-port config-file
  java $BENCH_JAVA_OPTS -jar "$ROOT/infra/llama-swap-sim/target/llama-swap-sim.jar" \
    --port "$1" --control-port "$2" "$3" >"$LOGS/sim.log" 2>&1 &
  bench_pids+=($!)
  wait_for "the simulated host" 30 curl -fsS "http://127.0.0.1:$1/health"
}

bench_service() { # module port hosts-file [extra env assignments...]
  local name=$1 port=$2 hosts=$3
  shift 3
  env BOO_HOSTS_FILE="$hosts" BOO_HTTP_PORT="$port" BOO_PG_DB=boocontrol_bench \
    BOO_KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT" BOO_INSTANCE_ID="bench-$name" \
    BOOCONTROL_REGISTRY_DISABLE_UNLISTED=true "$@" \
    java $BENCH_JAVA_OPTS ${BENCH_SERVICE_OPTS:-} -jar "$(jar "$name")" >"$LOGS/$name.log" 2>&1 &
  bench_pids+=($!)
}

bench_ready() { # ports...
  local port
  for port in "$@"; do
    wait_for "service on :$port" 90 curl -fsS "http://127.0.0.1:$port/q/health/ready"
  done
}
