# Shared helpers for infra/*.sh. Source it; do not run it.
# shellcheck shell=bash
# shellcheck disable=SC2034  # variables are used by the scripts that source this file

# Directory of the infra scripts (absolute), whatever the caller's cwd.
BOO_INFRA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Work directory: logs, pid files, generated configs, data. Never inside the repo.
boo_home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
BOO_WORK=${BOO_WORK_DIR:-${boo_home:-/root}/.boocontrol}
unset boo_home

# Prefix of progress lines; each script sets it.
BOO_TAG=${BOO_TAG:-infra}

# Progress and errors go to stderr only, so stdout stays clean for `url` etc.
boo_log() { printf '[%s] %s\n' "$BOO_TAG" "$*" >&2; }
boo_die() { printf '[%s] ERROR: %s\n' "$BOO_TAG" "$*" >&2; exit 1; }

# Seconds since the epoch with decimals, and a duration since a start time.
boo_now() { date +%s.%N; }
boo_since() { awk -v a="$1" -v b="$(boo_now)" 'BEGIN { printf "%.1fs", b - a }'; }

# True when something accepts TCP connections on HOST:PORT (bash /dev/tcp, no extra tools).
boo_port_open() {
  # shellcheck disable=SC2016  # expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# Validate a TCP port number.
boo_check_port() {
  if ! [[ $1 =~ ^[0-9]+$ ]] || ((10#$1 < 1024 || 10#$1 > 65534)); then
    boo_die "bad port '$1' (expected 1024..65534)"
  fi
}

# Print the last lines of a log file to stderr, framed.
boo_tail() {
  local file=$1 lines=${2:-40}
  if [[ -r $file ]]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf -- '-----\n' >&2
  else
    boo_log "(no log at $file)"
  fi
}

# True when PID is a live process whose command line contains NEEDLE.
boo_pid_matches() {
  local pid=$1 needle=$2 cmdline
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$needle"* ]]
}
