#!/usr/bin/env bash
# The README's two commands on a fresh machine:
#   bash scripts/run.sh start   — the workstation on its embedded defaults with the demo office
#   bash scripts/run.sh test    — every test suite (installs Chromium and poppler when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node22.sh

install_dependencies() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Kancelaria: instaluję zależności (npm ci) …"
    # The Electron binary comes from GitHub; it is fetched separately below so that a machine
    # without GitHub still installs everything else and runs in browser mode.
    ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  fi
}

try_electron_binary() {
  if [ -f node_modules/electron/path.txt ]; then return 0; fi
  if [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" = "1" ] || [ "${CI:-}" = "true" ]; then return 0; fi
  echo "Kancelaria: próbuję pobrać Electron (okno aplikacji) …"
  timeout 300 node node_modules/electron/install.js >/dev/null 2>&1 \
    || echo "Kancelaria: Electron niedostępny (brak dostępu do GitHub) — uruchomię tryb przeglądarki."
}

install_test_tools() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v certutil >/dev/null 2>&1 || missing+=(libnss3-tools)
  command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Kancelaria: instaluję narzędzia testów: ${missing[*]} …"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

case "${1:-}" in
  start)
    install_dependencies
    try_electron_binary
    exec npm start
    ;;
  test)
    install_test_tools
    install_dependencies
    exec npm test
    ;;
  *)
    echo "Użycie: bash scripts/run.sh start|test" >&2
    exit 2
    ;;
esac
