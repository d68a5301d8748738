#!/usr/bin/env bash
# Local PostgreSQL for BooControl: Debian's PostgreSQL, in a cluster of its own
# (named "boocontrol"), listening on 127.0.0.1 only. Never touches the "main" cluster.
#
#   infra/pg.sh start    install (if needed), create (once) and start the cluster,
#                        create role and databases; prints nothing on stdout
#   infra/pg.sh stop     stop the boocontrol cluster
#   infra/pg.sh status   one line; exit 0 when up, 3 when down
#   infra/pg.sh url [DB] print the JDBC URL (default DB: first of BOO_PG_DBS)
#   infra/pg.sh psql [ARGS...]  psql on the first database as the role
#
# Env: BOO_PG_PORT (15432), BOO_PG_USER (boocontrol), BOO_PG_PASSWORD (boocontrol),
#      BOO_PG_DBS ("boocontrol boocontrol_test"), BOO_PG_CLUSTER (boocontrol),
#      BOO_WORK_DIR ($HOME/.boocontrol).
set -euo pipefail

BOO_TAG=pg
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PG_PORT=${BOO_PG_PORT:-15432}
PG_USER=${BOO_PG_USER:-boocontrol}
PG_PASSWORD=${BOO_PG_PASSWORD:-boocontrol}
PG_DBS=${BOO_PG_DBS:-boocontrol boocontrol_test}
PG_CLUSTER=${BOO_PG_CLUSTER:-boocontrol}
PG_HOST=127.0.0.1
PG_WORK=$BOO_WORK/pg
read -r -a PG_DB_LIST <<<"$PG_DBS"

[[ $PG_CLUSTER =~ ^[A-Za-z0-9_-]+$ ]] || boo_die "bad cluster name '$PG_CLUSTER'"
[[ $PG_CLUSTER != main ]] || boo_die "refusing to manage the default 'main' cluster"
boo_check_port "$PG_PORT"
((${#PG_DB_LIST[@]} > 0)) || boo_die "BOO_PG_DBS is empty"

have_pg_tools() {
  command -v pg_ctlcluster >/dev/null && command -v pg_createcluster >/dev/null &&
    command -v pg_lsclusters >/dev/null && command -v pg_conftool >/dev/null &&
    command -v psql >/dev/null && command -v pg_isready >/dev/null &&
    [[ -n $(installed_version) ]]
}

# Highest installed server major version (e.g. 15), or nothing.
installed_version() {
  local d best=
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x $d ]] || continue
    d=${d#/usr/lib/postgresql/}
    best=$(printf '%s\n%s\n' "$best" "${d%%/*}" | sed '/^$/d' | sort -V | tail -n 1)
  done
  printf '%s' "$best"
}

ensure_installed() {
  have_pg_tools && return 0
  [[ $(id -u) == 0 ]] || boo_die "PostgreSQL is not installed; run as root (apt-get install postgresql)"
  boo_log "PostgreSQL not found: installing Debian's postgresql package (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 </dev/null
  apt-get install -y -q --no-install-recommends postgresql >&2 </dev/null
  have_pg_tools || boo_die "postgresql installed but its tools are still missing"
}

# Version of our cluster if it exists (any version), else nothing.
cluster_version() {
  command -v pg_lsclusters >/dev/null || return 0
  pg_lsclusters -h 2>/dev/null | awk -v c="$PG_CLUSTER" '$2 == c { print $1; exit }'
}

# Run a command as the postgres user, from a directory it can enter.
as_postgres() {
  if [[ $(id -un) == postgres ]]; then
    (cd / && "$@")
  elif [[ $(id -u) == 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -n -u postgres -- "$@")
  fi
}

running() { # $1 = version
  (cd / && pg_ctlcluster "$1" "$PG_CLUSTER" status >/dev/null 2>&1)
}

log_file() { printf '/var/log/postgresql/postgresql-%s-%s.log' "$1" "$PG_CLUSTER"; }

# Our settings live in <confdir>/boocontrol-infra.conf, included at the end of
# postgresql.conf (so they win). The port stays in postgresql.conf, where
# pg_lsclusters/pg_ctlcluster read it. Sets PG_CONF_CHANGED=1 when anything changed.
PG_CONF_CHANGED=0
configure() { # version
  local v=$1 dir conf extra cur want
  dir=/etc/postgresql/$v/$PG_CLUSTER
  conf=$dir/postgresql.conf
  extra=$dir/boocontrol-infra.conf
  [[ -f $conf ]] || boo_die "missing $conf"

  cur=$(pg_conftool -s "$v" "$PG_CLUSTER" show port 2>/dev/null || true)
  if [[ $cur != "$PG_PORT" ]]; then
    pg_conftool "$v" "$PG_CLUSTER" set port "$PG_PORT" >&2
    PG_CONF_CHANGED=1
  fi

  want="# Written by infra/pg.sh; edits are overwritten.
listen_addresses = '$PG_HOST'
max_connections = 200
shared_buffers = 128MB
"
  if [[ ! -f $extra || $(<"$extra")$'\n' != "$want" ]]; then
    printf '%s' "$want" >"$extra"
    chown postgres:postgres "$extra" 2>/dev/null || true
    PG_CONF_CHANGED=1
  fi
  if ! grep -q "^include_if_exists = 'boocontrol-infra.conf'" "$conf"; then
    printf "\n# Added by BooControl infra/pg.sh\ninclude_if_exists = 'boocontrol-infra.conf'\n" >>"$conf"
    PG_CONF_CHANGED=1
  fi
}

wait_ready() { # version
  local deadline=$((SECONDS + 60))
  until pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      boo_log "PostgreSQL did not become ready on $PG_HOST:$PG_PORT within 60 s"
      boo_tail "$(log_file "$1")"
      exit 1
    fi
    sleep 0.5
  done
}

ensure_role_and_dbs() {
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres \
    -v "u=$PG_USER" -v "pw=$PG_PASSWORD" -v "dbs=$PG_DBS" >/dev/null <<'SQL'
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'u')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN CREATEDB PASSWORD %L', :'u', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', d, :'u', 'UTF8')
  FROM unnest(regexp_split_to_array(trim(:'dbs'), '\s+')) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', d, :'u')
  FROM unnest(regexp_split_to_array(trim(:'dbs'), '\s+')) AS d \gexec
SQL
}

cmd_start() {
  local t0 v
  t0=$(boo_now)
  ensure_installed
  mkdir -p "$PG_WORK"
  v=$(cluster_version)
  if [[ -z $v ]]; then
    v=$(installed_version)
    boo_log "creating cluster $v/$PG_CLUSTER on port $PG_PORT"
    # C.UTF-8 always exists on Debian; without it a no-LANG environment gives SQL_ASCII.
    if ! (cd / && pg_createcluster "$v" "$PG_CLUSTER" -p "$PG_PORT" \
      --locale=C.UTF-8 --encoding=UTF8 >"$PG_WORK/createcluster.log" 2>&1 </dev/null); then
      boo_tail "$PG_WORK/createcluster.log"
      boo_die "pg_createcluster failed"
    fi
  fi
  ln -sfn "$(log_file "$v")" "$PG_WORK/postgresql-$v-$PG_CLUSTER.log"

  configure "$v"
  if ((PG_CONF_CHANGED)) && running "$v"; then
    boo_log "configuration changed: restarting cluster $v/$PG_CLUSTER"
    (cd / && pg_ctlcluster "$v" "$PG_CLUSTER" restart >&2)
  fi

  if running "$v"; then
    wait_ready "$v"
    ensure_role_and_dbs
    boo_log "already running: $PG_HOST:$PG_PORT (cluster $v/$PG_CLUSTER)"
    return 0
  fi

  if boo_port_open "$PG_HOST" "$PG_PORT"; then
    boo_die "port $PG_HOST:$PG_PORT is taken by another process; set BOO_PG_PORT"
  fi
  boo_log "starting cluster $v/$PG_CLUSTER on $PG_HOST:$PG_PORT"
  if ! (cd / && pg_ctlcluster "$v" "$PG_CLUSTER" start >&2); then
    boo_tail "$(log_file "$v")"
    boo_die "pg_ctlcluster $v $PG_CLUSTER start failed"
  fi
  wait_ready "$v"
  ensure_role_and_dbs
  boo_log "ready: $PG_HOST:$PG_PORT (cluster $v/$PG_CLUSTER), role $PG_USER, databases: ${PG_DB_LIST[*]} ($(boo_since "$t0"))"
}

cmd_stop() {
  local v
  v=$(cluster_version)
  if [[ -z $v ]]; then
    boo_log "no cluster '$PG_CLUSTER': nothing to stop"
    return 0
  fi
  if ! running "$v"; then
    boo_log "cluster $v/$PG_CLUSTER is not running"
    return 0
  fi
  boo_log "stopping cluster $v/$PG_CLUSTER"
  (cd / && pg_ctlcluster "$v" "$PG_CLUSTER" stop >&2)
  boo_log "stopped"
}

cmd_status() {
  local v
  v=$(cluster_version)
  if [[ -n $v ]] && running "$v" &&
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; then
    printf 'postgresql  up  %s:%s (cluster %s/%s)\n' "$PG_HOST" "$PG_PORT" "$v" "$PG_CLUSTER"
    return 0
  fi
  printf 'postgresql  down\n'
  return 3
}

cmd_url() {
  local db=${1:-${PG_DB_LIST[0]}}
  printf 'jdbc:postgresql://%s:%s/%s\n' "$PG_HOST" "$PG_PORT" "$db"
}

cmd_psql() {
  command -v psql >/dev/null || boo_die "psql not found (run: infra/pg.sh start)"
  PGPASSWORD=$PG_PASSWORD exec psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "${PG_DB_LIST[0]}" "$@"
}

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

cmd=${1:-}
(($#)) && shift
case $cmd in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) cmd_url "$@" ;;
  psql) cmd_psql "$@" ;;
  *) usage ;;
esac
