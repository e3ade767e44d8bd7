#!/usr/bin/env bash
# Installs everything portal-audit needs on a fresh Debian machine (run as root):
# npm dependencies (no browser download: none works here) and, when no Chromium is found,
# Debian's chromium package (and its headless shell), a CJK font for screenshots, redis-server for distributed batches,
# PostgreSQL for the history store's test, and a C++ toolchain when better-sqlite3 must be
# compiled. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# better-sqlite3 (the history store) compiles from source when no prebuilt binary can be
# downloaded: that needs make, a C++ compiler and Python.
if ! { command -v make && command -v g++ && command -v python3; } >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing a C++ toolchain to build better-sqlite3"
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y build-essential python3
  else
    echo "setup: make, g++ and python3 are needed to build better-sqlite3; run as root or install them" >&2
  fi
fi
npm ci --no-audit --no-fund   # also builds dist/ through the prepare script
need=()
if node --input-type=module -e "const m = await import('./dist/src/crawl/browser.js'); process.exit(m.findChromium() ? 0 : 1)"; then
  echo "setup: Chromium found"
else
  echo "setup: no Chromium found; installing Debian's chromium package"
  need+=(chromium)
fi
# The headless shell (same Debian source and version) runs every browser job with about a
# quarter less CPU; the full chromium still serves when it cannot be installed.
if [ -z "${PORTAL_AUDIT_CHROMIUM:-}" ] && [ ! -x /usr/lib/chromium/chromium-headless-shell ]; then need+=(chromium-headless-shell); else echo "setup: headless shell found (or PORTAL_AUDIT_CHROMIUM set)"; fi
# Screenshot evidence of Chinese pages needs a CJK font, else Chinese renders as boxes.
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then echo "setup: CJK font found"; else need+=(fonts-wqy-microhei); fi
# Redis only serves `batch --queue` and its test (which is skipped, saying so, without it).
if command -v redis-server >/dev/null 2>&1; then echo "setup: redis-server found"; else need+=(redis-server); fi
# PostgreSQL only serves the history store's PostgreSQL test (skipped, saying so, without it).
if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then echo "setup: PostgreSQL server found"; else need+=(postgresql); fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: need root for apt-get install ${need[*]} (or set PORTAL_AUDIT_CHROMIUM to a Chromium binary)" >&2
    [[ " ${need[*]} " == *" chromium "* ]] && exit 1
  else
    apt-get update
    if [[ " ${need[*]} " == *" chromium "* ]]; then DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; fi
    if [[ " ${need[*]} " == *" chromium-headless-shell "* ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-headless-shell || echo "setup: no headless shell could be installed; the full chromium is used"
    fi
    if [[ " ${need[*]} " == *" fonts-wqy-microhei "* ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-wqy-microhei || echo "setup: no CJK font could be installed; Chinese text in screenshots will render as boxes"
    fi
    if [[ " ${need[*]} " == *" postgresql "* ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql || echo "setup: postgresql could not be installed; the PostgreSQL history test will be skipped"
    fi
    if [[ " ${need[*]} " == *" redis-server "* ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server || echo "setup: redis-server could not be installed; the distributed batch test will be skipped"
    fi
  fi
fi
