#!/usr/bin/env bash
# Runs every test and ends with one line: "N passed, N failed, N skipped".
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Rules".
set -uo pipefail
cd "$(dirname "$0")"

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
echo "${summary:-0 passed, 1 failed, 0 skipped}"
exit $status
