#!/usr/bin/env bash
# Runs every test and ends with one line: "N passed, N failed, N skipped".
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Rules".
set -uo pipefail
cd "$(dirname "$0")"

# The tests run the real thing: SQLite, Prometheus and promtool, headless Chromium, Redis. On Debian, install
# the missing packages when we can (root with apt-get); otherwise stop at once with the one line to run.
packages=(sqlite3 prometheus prometheus chromium redis-server)
binaries=(/usr/bin/sqlite3 /usr/bin/prometheus /usr/bin/promtool /usr/bin/chromium /usr/bin/redis-server)
missing=()
for i in "${!binaries[@]}"; do
  [ -x "${binaries[$i]}" ] || [[ " ${missing[*]} " == *" ${packages[$i]} "* ]] || missing+=("${packages[$i]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing the Debian packages the tests need: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; } \
      || { echo "apt-get could not install ${missing[*]}" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  else
    echo "The tests need Debian packages that are missing. Run:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
fi

results=artifacts/test-results
rm -rf "$results"
dotnet build Orleans.Loans.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet test Orleans.Loans.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

# Sum the counters of every TRX file (one per test assembly).
summary=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
  END { printf "%d passed, %d failed, %d skipped", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["total"] - c["executed"] }')
mkdir -p "$results"
echo "${summary:-0 passed, 1 failed, 0 skipped}" | tee "$results/summary.txt"
exit $status
