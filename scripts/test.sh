#!/usr/bin/env bash
# Runs every test project against real RabbitMQ and PostgreSQL (and the console's tests in Chromium), starting (and on
# Debian installing) them when they are missing, then prints one line "N passed, N failed" totalled over all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."

export TEAMRETRO_TEST_RABBITMQ="${TEAMRETRO_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}"
export TEAMRETRO_TEST_POSTGRES="${TEAMRETRO_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
ensure_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$2" >/dev/null
}

wait_for() { # description seconds command...
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then echo "$what did not come up within ${seconds}s" >&2; return 1; fi
    sleep 1
  done
}

start_rabbitmq() {
  if [ -n "${TEAMRETRO_SKIP_SERVICES:-}" ]; then return 0; fi
  ensure_package rabbitmq-server rabbitmq-server
  if ! as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
    as_root rabbitmq-server -detached
    # await_startup right after -detached can fail before the node answers at all: wait for ping first.
    wait_for "RabbitMQ" 120 as_root rabbitmq-diagnostics -q ping
  fi
  as_root rabbitmqctl await_startup >/dev/null
}

start_postgres() {
  if [ -n "${TEAMRETRO_SKIP_SERVICES:-}" ]; then return 0; fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  local version cluster
  version=$(pg_lsclusters -h | awk 'NR==1{print $1}')
  cluster=$(pg_lsclusters -h | awk 'NR==1{print $2}')
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -1); cluster=main
    as_root pg_createcluster "$version" "$cluster" >/dev/null
  fi
  pg_lsclusters -h | awk -v c="$cluster" '$2==c{print $4}' | grep -q online || as_root pg_ctlcluster "$version" "$cluster" start
  wait_for "PostgreSQL" 60 as_root su postgres -c "psql -qtAc 'select 1'"
  as_root su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
}

start_rabbitmq
start_postgres
ensure_package chromium chromium # the admin console's Playwright tests drive Debian's Chromium
ensure_package pdftoppm poppler-utils # Worker.Tests render PDF pages to PNG to compare them with golden images
dotnet tool restore >/dev/null

rm -rf TestResults
status=0
# Each test project writes its TRX under TestResults/<project>/ (tests/Directory.Build.props).
dotnet test TeamRetro.Confluence.sln "$@" || status=$?

passed=0; failed=0
shopt -s nullglob
for trx in TestResults/*/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; echo "dotnet test failed before reporting results (build error or crashed test host)" >&2; fi
echo "$passed passed, $failed failed"
exit $status
