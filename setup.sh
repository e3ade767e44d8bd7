#!/usr/bin/env bash
# Installs everything portal-audit needs on a fresh Debian machine (run as root):
# npm dependencies (no browser download: none works here) and, when no Chromium is found,
# Debian's chromium package. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund   # also builds dist/ through the prepare script
if node --input-type=module -e "const m = await import('./dist/src/crawl/browser.js'); process.exit(m.findChromium() ? 0 : 1)"; then
  echo "setup: Chromium found"
else
  echo "setup: no Chromium found; installing Debian's chromium package"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: need root for apt-get (or set PORTAL_AUDIT_CHROMIUM to a Chromium binary)" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
