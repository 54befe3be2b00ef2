#!/usr/bin/env bash
# The README's two commands on a fresh machine:
#   bash scripts/run.sh start --demo — the workstation with the demo office (asked for explicitly)
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
  command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
  command -v xmlsec1 >/dev/null 2>&1 || missing+=(xmlsec1)
  command -v softhsm2-util >/dev/null 2>&1 || missing+=(softhsm2)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Kancelaria: instaluję narzędzia testów: ${missing[*]} …"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  ensure_postgres
}

# The central server's integration tests run on PostgreSQL as well as PGlite: a local
# PostgreSQL on 127.0.0.1 with trust auth for loopback (a test machine only) and a database
# "test". Skipped when DATABASE_URL names another server. Idempotent.
ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then return 0; fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! { command -v psql >/dev/null 2>&1 && psql -h 127.0.0.1 -U postgres -d postgres -tAqc 'SELECT 1' >/dev/null 2>&1; }; then
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
      echo "Kancelaria: instaluję PostgreSQL (testy serwera urzędu) …"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    fi
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
      $sudo pg_createcluster "$version" main >/dev/null
    fi
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    if ! $sudo grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
      # The first matching line wins: put trust for loopback first.
      $sudo sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    fi
    if pg_lsclusters -h | grep -q "^$version main .* online"; then
      $sudo pg_ctlcluster "$version" main reload
    else
      echo "Kancelaria: uruchamiam PostgreSQL $version …"
      $sudo pg_ctlcluster "$version" main start
    fi
    local tries=0
    until pg_isready -q -h 127.0.0.1; do
      tries=$((tries + 1))
      if [ "$tries" -ge 30 ]; then echo "Kancelaria: PostgreSQL nie odpowiada na 127.0.0.1:5432." >&2; return 1; fi
      sleep 1
    done
  fi
  if ! psql -h 127.0.0.1 -U postgres -d postgres -tAqc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE DATABASE test'
  fi
}

case "${1:-}" in
  start)
    shift
    install_dependencies
    try_electron_binary
    exec npm start -- "$@"
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
