#!/usr/bin/env bash
# The embedded default on one machine, no external services: a Data Center emulator on :5080 (the demo tenant's site),
# a Cloud emulator on :5081 (Atlassian's consent screen, token server and gateway, for "Connect Confluence Cloud"), and
# the Api on :5000 hosting the worker in-process (SQLite in ./data, MassTransit's in-memory transport). Publishes one
# sample meeting and prints where to see the page and its PDF. Ctrl+C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
EMULATOR_URL=${EMULATOR_URL:-http://127.0.0.1:5080}
CLOUD_URL=${CLOUD_URL:-http://127.0.0.1:5081}
API_URL=${API_URL:-http://127.0.0.1:5000}

dotnet build TeamRetro.Confluence.sln -v quiet -nologo

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM

dotnet run --no-build --project tests/ConfluenceEmulator -- --urls "$EMULATOR_URL" &
pids+=($!)
dotnet run --no-build --project tests/ConfluenceEmulator -- --urls "$CLOUD_URL" --Emulator:Product=Cloud &
pids+=($!)
# A fresh signing key per run for the development token issuer (POST /dev/token); never a committed secret.
AUTH_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
# The emulator is plain http on loopback: allowed here only, never by default.
# Cloud OAuth against the emulator's Atlassian (auto-approved consent), returning to the console's callback page.
Auth__SigningKey="$AUTH_KEY" Auth__DevelopmentIssuer=true \
Atlassian__AuthBaseUrl="$CLOUD_URL/" Atlassian__ApiBaseUrl="$CLOUD_URL/" Atlassian__ClientId=local-console \
Atlassian__ClientSecret="$AUTH_KEY" Atlassian__RedirectUri="$API_URL/console/integration/callback" \
Demo__Enabled=true Demo__ConfluenceBaseUrl="$EMULATOR_URL/" Confluence__AllowHttp=true Confluence__AllowPrivateNetworks=true \
  ASPNETCORE_ENVIRONMENT=Development \
  dotnet run --no-build --project src/Api -- --urls "$API_URL" &
pids+=($!)

deadline=$((SECONDS + 90))
until curl -fsS "$API_URL/health/ready" >/dev/null 2>&1 && curl -fsS "$EMULATOR_URL/" >/dev/null 2>&1 && curl -fsS "$CLOUD_URL/" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { echo "The services did not start within 90s" >&2; exit 1; }
  sleep 1
done

echo
echo "Publishing a sample retrospective:"
curl -fsS -X POST "$API_URL/demo/meetings"; echo
echo
echo "  Confluence emulator (pages, PDFs):  $EMULATOR_URL/  (Data Center; Cloud sites connected in the console: $CLOUD_URL/)"
echo "  Publish another:                    curl -X POST '$API_URL/demo/meetings?kind=health-check'"
echo "  Publication status:                 curl $API_URL/demo/publications/<publicationId>"
echo "  Admin Api token (development):      curl -X POST $API_URL/dev/token -H 'Content-Type: application/json' -d '{\"role\":\"operator\"}'"
echo "  Admin console:                      $API_URL/console  (development sign-in; demo tenant 5e1f0d3e-0000-4000-8000-000000000001)"
echo "  API reference:                      $API_URL/scalar"
echo "Ctrl+C stops all three services."
wait
