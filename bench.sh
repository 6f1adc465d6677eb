#!/usr/bin/env bash
# Benchmarks the system against an in-process baseline, side by side; see docs/performance.md.
# Usage: ./bench.sh [--smoke] [--out artifacts/benchmarks] [--window S] [--warmup S] [--rounds N] [--connections 1,8,32,128]
#        ./bench.sh drive URL get|post SECONDS [CONNECTIONS]   (steady load on one running system, for a profiler)
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Orleans.Loans.sln -c Release -nologo -v quiet
exec dotnet run -c Release --no-build --project Tests/Orleans.Loans.Benchmarks -- "$@"
