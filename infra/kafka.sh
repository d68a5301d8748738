#!/usr/bin/env bash
# Local Apache Kafka broker for BooControl: a real broker (KRaft, combined
# broker+controller, single node) run from Maven Central jars, no Docker.
#
#   infra/kafka.sh start  [--name NAME] [--port PORT]   start (no-op when running), wait until ready
#   infra/kafka.sh stop   [--name NAME]                 stop the instance started from this pid file
#   infra/kafka.sh status [--name NAME] [--port PORT]   one line; exit 0 when up, 3 when down
#   infra/kafka.sh topics [--name NAME] [--port PORT]   list the topics (TopicCommand --list)
#
# NAME defaults to "suite"; PORT to BOO_KAFKA_PORT, else the port this instance
# last ran on, else 19092. The controller listens on PORT+1.
# Env: BOO_KAFKA_PORT, BOO_KAFKA_HEAP (512m), BOO_KAFKA_JAVA_OPTS (extra JVM flags),
#      BOO_WORK_DIR ($HOME/.boocontrol).
set -euo pipefail

BOO_TAG=kafka
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

cmd=${1:-}
(($#)) && shift
NAME=suite
PORT_ARG=
while (($#)); do
  case $1 in
    --name) NAME=${2:?--name needs a value}; shift 2 ;;
    --name=*) NAME=${1#*=}; shift ;;
    --port) PORT_ARG=${2:?--port needs a value}; shift 2 ;;
    --port=*) PORT_ARG=${1#*=}; shift ;;
    *) boo_log "unknown argument: $1"; usage ;;
  esac
done
[[ $NAME =~ ^[A-Za-z0-9_-]+$ ]] || boo_die "bad instance name '$NAME' (letters, digits, - and _)"
BOO_TAG="kafka[$NAME]"

HOST=127.0.0.1
K_ROOT=$BOO_WORK/kafka
INST=$K_ROOT/$NAME
POM=$BOO_INFRA_DIR/kafka/pom.xml
CP_FILE=$K_ROOT/classpath.txt
PID_FILE=$INST/broker.pid
LOG_FILE=$INST/broker.log
PROPS=$INST/server.properties
HEAP=${BOO_KAFKA_HEAP:-512m}

# Port: --port, then BOO_KAFKA_PORT, then the port this instance last used, then 19092.
if [[ -n $PORT_ARG ]]; then
  PORT=$PORT_ARG
elif [[ -n ${BOO_KAFKA_PORT:-} ]]; then
  PORT=$BOO_KAFKA_PORT
elif [[ -s $INST/port ]]; then
  PORT=$(<"$INST/port")
else
  PORT=19092
fi
boo_check_port "$PORT"
CPORT=$((10#$PORT + 1))

# ---------------------------------------------------------------- classpath

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

# Up to date when built from this very pom (by content: a fresh clone has new
# mtimes) and every jar is still in the local Maven repository.
classpath_ok() {
  [[ -s $CP_FILE && -s $CP_FILE.pom-sha256 ]] || return 1
  [[ $(<"$CP_FILE.pom-sha256") == "$(pom_hash)" ]] || return 1
  local jar
  local -a jars
  IFS=: read -r -a jars <"$CP_FILE"
  for jar in "${jars[@]}"; do
    [[ -f $jar ]] || return 1
  done
}

# Resolve the broker classpath from Maven Central once; rebuild when the pom
# changed or a jar went missing. Serialised with flock (two instances may start at once).
ensure_classpath() {
  command -v java >/dev/null || boo_die "java not found (Java 17+ needed)"
  mkdir -p "$K_ROOT"
  classpath_ok && return 0
  exec 9>"$K_ROOT/.classpath.lock"
  flock 9
  if ! classpath_ok; then
    command -v mvn >/dev/null || boo_die "mvn not found (Maven is needed to fetch the Kafka jars)"
    boo_log "resolving the Kafka classpath with Maven (once) -> $CP_FILE"
    local t0 tmp
    t0=$(boo_now)
    tmp=$CP_FILE.tmp.$$
    if ! (cd "$BOO_INFRA_DIR/kafka" &&
      mvn -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$tmp" \
        </dev/null >"$K_ROOT/mvn.log" 2>&1); then
      rm -f "$tmp"
      boo_tail "$K_ROOT/mvn.log"
      boo_die "mvn dependency:build-classpath failed (log: $K_ROOT/mvn.log)"
    fi
    mv -f "$tmp" "$CP_FILE"
    pom_hash >"$CP_FILE.pom-sha256"
    boo_log "classpath ready ($(boo_since "$t0"))"
  fi
  flock -u 9
  exec 9>&-
}

# ---------------------------------------------------------------- config

write_configs() {
  mkdir -p "$INST/data"
  printf '%s\n' "$PORT" >"$INST/port"

  cat >"$PROPS.tmp" <<EOF
# Written by infra/kafka.sh for instance '$NAME'; regenerated on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CPORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CPORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$INST/data

# Single node: every replication factor and min ISR is 1.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

auto.create.topics.enable=true
num.partitions=3
group.initial.rebalance.delay.ms=0

# Small footprint for a dev/test machine.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
num.network.threads=2
num.io.threads=4
log.cleaner.dedupe.buffer.size=16777216
EOF
  mv -f "$PROPS.tmp" "$PROPS"

  # Logging: slf4j-simple at warn for Kafka's slf4j loggers; log4j2 (also on the
  # classpath, used by a few Kafka classes) at warn to the console too.
  cat >"$K_ROOT/log4j2.properties" <<'EOF'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = STDOUT
EOF

  # Client settings for the readiness check / topics listing (fail fast).
  cat >"$K_ROOT/tools.properties" <<'EOF'
request.timeout.ms=3000
default.api.timeout.ms=5000
EOF
}

java_log_opts() {
  printf '%s\n' \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS" \
    -Dlog4j2.configurationFile="$K_ROOT/log4j2.properties" \
    -Dkafka.logs.dir="$INST"
}

format_storage() {
  [[ -f $INST/data/meta.properties ]] && return 0
  local cp uuid
  cp=$(<"$CP_FILE")
  uuid=$(java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$cp" \
    kafka.tools.StorageTool random-uuid 2>>"$INST/format.log" | tail -n 1)
  [[ -n $uuid ]] || { boo_tail "$INST/format.log"; boo_die "StorageTool random-uuid failed"; }
  boo_log "formatting storage (cluster id $uuid)"
  mapfile -t logopts < <(java_log_opts)
  if ! java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${logopts[@]}" -cp "$cp" \
    kafka.tools.StorageTool format --ignore-formatted -t "$uuid" -c "$PROPS" \
    >>"$INST/format.log" 2>&1 </dev/null; then
    boo_tail "$INST/format.log"
    boo_die "StorageTool format failed (log: $INST/format.log)"
  fi
  printf '%s\n' "$uuid" >"$INST/cluster.id"
}

# ---------------------------------------------------------------- process

# PID of this instance's live broker, or nothing (a stale pid file is ignored).
live_pid() {
  local pid
  [[ -s $PID_FILE ]] || return 0
  pid=$(<"$PID_FILE")
  if boo_pid_matches "$pid" "kafka.Kafka $PROPS"; then
    printf '%s' "$pid"
  fi
}

list_topics() { # prints topic names; non-zero when the broker does not answer
  local cp
  cp=$(<"$CP_FILE")
  timeout 30 java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$HOST:$PORT" \
    --command-config "$K_ROOT/tools.properties" --list </dev/null
}

cmd_start() {
  local t0 pid cp deadline
  t0=$(boo_now)
  pid=$(live_pid)
  if [[ -n $pid ]]; then
    boo_log "already running: $HOST:$(<"$INST/port") pid $pid"
    return 0
  fi
  rm -f "$PID_FILE"
  ensure_classpath
  for p in "$PORT" "$CPORT"; do
    if boo_port_open "$HOST" "$p"; then
      boo_die "port $HOST:$p is taken by another process; choose another --port (controller uses PORT+1)"
    fi
  done
  write_configs
  format_storage

  [[ -s $LOG_FILE ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  cp=$(<"$CP_FILE")
  mapfile -t logopts < <(java_log_opts)
  # shellcheck disable=SC2206
  local -a extra=(${BOO_KAFKA_JAVA_OPTS:-})
  boo_log "starting broker on $HOST:$PORT (controller $CPORT), log $LOG_FILE"
  # setsid: own session, so a Ctrl-C in the calling terminal does not reach it.
  (cd "$INST" && exec setsid nohup java -Xmx"$HEAP" -Xms128m -XX:+UseSerialGC \
    -Djava.awt.headless=true "${logopts[@]}" "${extra[@]}" -cp "$cp" \
    kafka.Kafka "$PROPS" </dev/null >"$LOG_FILE" 2>&1) &
  pid=$!
  sleep 0.2
  if ! boo_pid_matches "$pid" "kafka.Kafka $PROPS"; then
    # setsid forked after all: find the broker by its own (unique) config path.
    local p2
    for p2 in $(pgrep -f -- "kafka.Kafka $PROPS" 2>/dev/null || true); do
      boo_pid_matches "$p2" "kafka.Kafka $PROPS" && { pid=$p2; break; }
    done
  fi
  printf '%s\n' "$pid" >"$PID_FILE"

  deadline=$((SECONDS + 60))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      boo_tail "$LOG_FILE"
      boo_die "broker exited during start-up"
    fi
    if boo_port_open "$HOST" "$PORT" && list_topics >/dev/null 2>"$INST/ready-check.log"; then
      break
    fi
    if ((SECONDS >= deadline)); then
      boo_tail "$LOG_FILE"
      boo_tail "$INST/ready-check.log" 10
      boo_die "broker not ready within 60 s (still running as pid $pid; stop it with: $0 stop --name $NAME)"
    fi
    sleep 0.5
  done
  boo_log "ready: $HOST:$PORT pid $pid ($(boo_since "$t0"))"
}

cmd_stop() {
  local pid i
  pid=$(live_pid)
  if [[ -z $pid ]]; then
    [[ -e $PID_FILE ]] && boo_log "removing stale pid file $PID_FILE"
    rm -f "$PID_FILE"
    boo_log "not running"
    return 0
  fi
  boo_log "stopping broker pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    boo_log "still alive after 20 s: sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PID_FILE"
  boo_log "stopped"
}

cmd_status() {
  local pid port
  pid=$(live_pid)
  port=$PORT
  if [[ -n $pid ]]; then
    [[ -s $INST/port ]] && port=$(<"$INST/port")
    if boo_port_open "$HOST" "$port"; then
      printf 'kafka[%s]  up  %s:%s pid %s\n' "$NAME" "$HOST" "$port" "$pid"
      return 0
    fi
    printf 'kafka[%s]  down  (pid %s alive but %s:%s not accepting connections)\n' "$NAME" "$pid" "$HOST" "$port"
    return 3
  fi
  printf 'kafka[%s]  down\n' "$NAME"
  return 3
}

cmd_topics() {
  [[ -n $(live_pid) ]] || boo_die "not running (start it with: $0 start --name $NAME)"
  ensure_classpath
  [[ -s $INST/port ]] && PORT=$(<"$INST/port")
  list_topics
}

case $cmd in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  topics) cmd_topics ;;
  *) usage ;;
esac
