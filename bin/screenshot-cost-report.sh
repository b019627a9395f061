#!/usr/bin/env bash
# Renders `cloudledger cost report --output html` in headless Chromium and saves a screenshot.
#
#   bin/screenshot-cost-report.sh [OUT.png]        (default docs/cost-report.png)
#
# Runs `cloudledger demo` (sandbox estate, embedded DynamoDB Local) into a throw-away
# CLOUDLEDGER_HOME, writes the HTML report there, and screenshots it. Needs Debian's chromium
# (apt-get install -y chromium); the page itself loads nothing from the network.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
out="$(readlink -f "${1:-$root/docs/cost-report.png}")"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
  echo "screenshot-cost-report: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 2
fi
home="$(mktemp -d "${TMPDIR:-/tmp}/cloudledger-report.XXXXXX")"
trap 'rm -rf "$home"' EXIT
export CLOUDLEDGER_HOME="$home"
"$root/cloudledger" demo --accounts 4 --resources 40 >/dev/null
"$root/cloudledger" cost report --by account --output html --out "$home/cost-report.html"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1040,1200 \
  --screenshot="$out" "file://$home/cost-report.html" >/dev/null 2>&1
echo "screenshot written to $out" >&2
