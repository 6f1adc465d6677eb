#!/usr/bin/env bash
# Runs the whole system on its embedded defaults: one silo (localhost clustering, SQLite under ./data)
# and the HTTP API on http://127.0.0.1:9091. Ctrl-C stops it.
#   ./run.sh             two processes, a silo and the API (the default: Zipkin shows both, as in the lesson)
#   ./run.sh --cohosted  one process: the silo serves the same API on the same address (Silo:HostApi=true)
set -euo pipefail
cd "$(dirname "$0")"

cohosted=false
for argument in "$@"; do
  case "$argument" in
    --cohosted) cohosted=true ;;
    *) echo "usage: ./run.sh [--cohosted]" >&2; exit 2 ;;
  esac
done

dotnet build Orleans.Loans.sln -c Release -nologo -v quiet
mkdir -p data

# The embedded defaults are a local demo: Development lets the consoles run without configured secrets
# (generated ones are printed once). Production refuses to start without them.
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

if [ "$cohosted" = true ]; then
  # The silo's own HTTP endpoint becomes the API's address; health and the Orleans Dashboard move there too.
  Silo__HostApi=true Urls=http://127.0.0.1:9091 dotnet Silo/bin/Release/net10.0/Loans.Silo.dll &
  silo=$!
  trap 'trap - INT TERM EXIT; echo "Stopping the silo..."; kill -TERM "$silo" 2>/dev/null || true; wait "$silo" 2>/dev/null || true' INT TERM EXIT
  echo "Silo pid $silo, serving the API on http://127.0.0.1:9091 (OpenAPI at /openapi/v1.json, dashboard at /dashboard). Ctrl-C stops it."
  wait "$silo" || true
  exit 0
fi

dotnet Silo/bin/Release/net10.0/Loans.Silo.dll &
silo=$!
dotnet Api/bin/Release/net10.0/Loans.Api.dll --contentRoot "$PWD/Api/bin/Release/net10.0" &
api=$!

stop() {
  trap - INT TERM EXIT
  echo "Stopping the API and the silo..."
  kill -TERM "$api" 2>/dev/null || true
  wait "$api" 2>/dev/null || true
  kill -TERM "$silo" 2>/dev/null || true
  wait "$silo" 2>/dev/null || true
}
trap stop INT TERM EXIT

echo "Silo pid $silo, API pid $api. API on http://127.0.0.1:9091 (OpenAPI at /openapi/v1.json). Ctrl-C stops both."
# Whichever process ends first takes the other one down with it.
wait -n "$silo" "$api" || true
