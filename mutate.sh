#!/usr/bin/env bash
# Mutation testing with Stryker.NET (pinned in .config/dotnet-tools.json): each area's code is mutated and run
# against the tests that specify it; a mutant no test notices is a line that could go wrong unseen.
#
#   ./mutate.sh                  every area: rules, toggles, requests, storage, resilience
#   ./mutate.sh rules toggles    only those areas (CI runs rules, toggles and resilience)
#
# Each area is one file, mutation/<area>.json: the project it mutates, the files (mutate globs), the tests
# that specify them (test-case-filter), and the score under which it fails (thresholds.break). Reports, HTML
# and JSON, go to artifacts/mutation/<area>/reports/; Stryker's own output to artifacts/mutation/<area>.log.
# It ends with one line per area:  rules  95.8 %  killed 115, survived 5, no coverage 0 ...
# The score is killed ÷ all mutants that compile, timeouts counting as killed and no coverage as survived;
# mutants marked equivalent in the code (// Stryker disable once ...: why) are left out and counted apart.
# Exits non-zero when an area scores under its break threshold or Stryker could not run.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

all=(rules toggles requests storage resilience)
areas=("$@")
[ ${#areas[@]} -gt 0 ] || areas=("${all[@]}")
for area in "${areas[@]}"; do
  [ -f "mutation/$area.json" ] || { echo "No area '$area': mutation/ has $(cd mutation && ls *.json | sed 's/\.json$//' | xargs)." >&2; exit 2; }
done
command -v jq >/dev/null || { echo "mutate.sh needs jq (apt-get install -y jq)." >&2; exit 2; }

# Network first (tool and packages), then every Stryker run without it: some tests start servers, and a
# private network namespace keeps their ports apart from anything else on the machine.
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed" >&2; exit 2; }
dotnet restore Tests/Tests.csproj -v quiet >/dev/null || { echo "dotnet restore failed" >&2; exit 2; }
isolate=()
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  isolate=(unshare -n)
fi

status=0
summary=()
for area in "${areas[@]}"; do
  out="artifacts/mutation/$area"
  rm -rf "$out" && mkdir -p "$out"
  started=$(date +%s)
  echo "mutating $area ... (log: $out.log)"
  floor=$(jq -r '."stryker-config".thresholds.break' "mutation/$area.json")
  "${isolate[@]}" bash -c '
    [ -z "${1:-}" ] || ip link set lo up
    cd Tests && exec dotnet stryker --config-file "../mutation/$2.json" --break-at "$3" \
      --output "../artifacts/mutation/$2" --skip-version-check
  ' _ "${isolate[*]}" "$area" "$floor" >"$out.log" 2>&1
  stryker=$?
  seconds=$(( $(date +%s) - started ))
  report="$out/reports/mutation-report.json"
  if [ ! -f "$report" ]; then
    summary+=("$(printf '%-9s  no report: Stryker exited %d after %ds; see %s' "$area" "$stryker" "$seconds" "$out.log")")
    status=1
    continue
  fi
  # Ignored mutants are either Stryker's own filters ("Removed by mutate filter", "... block already covered
  # filter") or the ones a "// Stryker disable ... : why" comment marks equivalent: only those are counted.
  # Stryker compiles every mutant of the project before the mutate filter: only files of the area count, i.e.
  # files with a mutant that was neither filtered out nor failed to compile.
  read -r killed timeout survived nocoverage equivalent invalid < <(jq -r '
    [.files[].mutants | select(any(.[]; .status != "CompileError" and .statusReason != "Removed by mutate filter")) | .[]] as $m
    | def n(x): [$m[] | select(.status == x)] | length;
    "\(n("Killed")) \(n("Timeout")) \(n("Survived")) \(n("NoCoverage")) \([$m[] | select(.status == "Ignored" and ((.statusReason // "") | startswith("Removed by") | not))] | length) \(n("CompileError") + n("RuntimeError"))"' "$report")
  valid=$(( killed + timeout + survived + nocoverage ))
  score=$(awk -v d=$(( killed + timeout )) -v v="$valid" 'BEGIN { printf "%.1f", v ? 100 * d / v : 0 }')
  verdict=ok
  if [ "$stryker" -ne 0 ] || awk -v s="$score" -v f="$floor" 'BEGIN { exit !(s < f) }'; then
    verdict="FAILED (break at $floor %)"
    status=1
  fi
  summary+=("$(printf '%-9s %5s %%  killed %d (+%d timeouts), survived %d, no coverage %d; %d marked equivalent, %d not compiling; break at %s %%; %dm%02ds; %s' \
    "$area" "$score" "$killed" "$timeout" "$survived" "$nocoverage" "$equivalent" "$invalid" "$floor" $(( seconds / 60 )) $(( seconds % 60 )) "$verdict")")
done

echo
echo "Mutation scores (reports under artifacts/mutation/<area>/reports/):"
printf '%s\n' "${summary[@]}"
exit $status
