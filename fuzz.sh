#!/usr/bin/env bash
# Coverage-guided fuzzing of the API's request parsing and validation with SharpFuzz + AFL++.
# Usage: ./fuzz.sh [executions]   (default 1,000,000; needs the afl++ Debian package)
# Output: artifacts/fuzz/findings (AFL's queue, crashes and hangs) and artifacts/fuzz/summary.txt.
# A crash is replayed with: dotnet artifacts/fuzz/bin/Orleans.Loans.Fuzzing.dll artifacts/fuzz/findings/default/crashes
set -euo pipefail
cd "$(dirname "$0")"
executions="${1:-1000000}"
out=artifacts/fuzz
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 2; }

rm -rf "$out/bin" "$out/findings"
dotnet build Tests/Orleans.Loans.Fuzzing -c Release -nologo -v quiet -o "$out/bin"
dotnet tool restore >/dev/null
# Instruments only the API assembly: the parsing and validation code AFL should learn to cover.
dotnet tool run sharpfuzz "$out/bin/Loans.Api.dll"

# Seeds: the lesson's sample order and a few near misses; AFL mutates from there.
seeds="$out/seeds"
rm -rf "$seeds" && mkdir -p "$seeds"
cp Tests/Fixtures/loanOrder.json "$seeds/sample.json"
printf '{}' > "$seeds/empty-object.json"
printf '[1,2,3]' > "$seeds/array.json"
sed 's/"amount": *[0-9.]*/"amount": -1/' Tests/Fixtures/loanOrder.json > "$seeds/negative-amount.json"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
# -E stops after that many executions; -t is generous because the .NET runtime starts slowly.
afl-fuzz -i "$seeds" -o "$out/findings" -E "$executions" -t 5000 -m none -- dotnet "$out/bin/Orleans.Loans.Fuzzing.dll" | tail -n 40

stats="$out/findings/default/fuzzer_stats"
crashes=$(find "$out/findings/default/crashes" -type f -name 'id:*' | wc -l)
{
  grep -E '^(execs_done|execs_per_sec|run_time|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) ' "$stats"
  echo "crash files: $crashes"
} | tee "$out/summary.txt"
[ "$crashes" -eq 0 ]
