#!/usr/bin/env bash
# The headless browser the cockpit's end-to-end tests drive: Debian's chromium
# and chromium-driver, installed with apt-get when missing (as root). Selenium is
# pointed at these exact paths, so nothing is ever downloaded at test time.
#
#   infra/browser.sh ensure   install if missing, print the two paths
#   infra/browser.sh status   print them, exit 1 if missing
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
BOO_TAG=browser

have_browser() { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }

cmd=${1:-status}
case $cmd in
  ensure)
    if ! have_browser; then
      [[ $(id -u) == 0 ]] || boo_die "chromium is not installed; run as root (apt-get install chromium chromium-driver)"
      boo_log "chromium not found: installing Debian's chromium and chromium-driver (apt-get)"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -q >&2 </dev/null
      apt-get install -y -q chromium chromium-driver >&2 </dev/null
      have_browser || boo_die "chromium installed but chromium or chromedriver is still missing"
    fi
    echo "chromium $(command -v chromium), chromedriver $(command -v chromedriver)"
    ;;
  status)
    have_browser || { echo "chromium missing"; exit 1; }
    echo "chromium $(command -v chromium), chromedriver $(command -v chromedriver)"
    ;;
  *) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
