#!/usr/bin/env bash
# Grades the reference solutions of the whole kit RUNS times in a row while BURNERS busy-looping processes oversubscribe
# the machine, and prints each run's score, the tests that failed, its wall time and the load (grader/README.md,
# "Determinism"). The same code must get the same grade: every run must be full marks.
#
#   tools/grade-under-load.sh [RUNS=10] [BURNERS=6] [more grader options]
#
# The benchmark stage is left out (--target solutions never runs it); tools/benchmark-stability.sh measures that.
# Run 1 builds the suites (unless they are up to date), under the same load. Exits 1 when any run lost a point.
set -euo pipefail
runs="${1:-10}"
burners="${2:-6}"
shift $(( $# < 2 ? $# : 2 ))
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source tools/burners.sh
out="$(mktemp -d)"
trap 'stop_burners; rm -rf "$out"' EXIT

dotnet build grader -v quiet -nologo >/dev/null
start_burners "$burners"
echo "grade-under-load: $runs runs with $burners burners; load before: $(uptime | sed 's/.*load average: //')"
lost=0
for run in $(seq 1 "$runs"); do
  start=$(date +%s)
  status=0
  dotnet run --project grader --no-build -- --target solutions --format json "$@" >"$out/run.json" 2>"$out/run.err" || status=$?
  seconds=$(( $(date +%s) - start ))
  line="$(python3 - "$out/run.json" <<'PY' || echo "report unreadable"
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
failed = [f"{e['slug']}: {t['name']} ({(t.get('message') or '').splitlines()[0][:100] if t.get('message') else ''})"
          for e in report["exercises"] for t in e.get("tests", []) if t["status"] != "passed"]
errors = [f"{e['slug']}: {e['status']}" for e in report["exercises"] if e["status"] == "error"]
print(f"{report['score']:g}/{report['max_score']:g}" + "".join("\n    failed " + f for f in failed + errors))
PY
)"
  echo "run $run: exit $status, score $line, ${seconds} s, load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ $status -ne 0 ]] || ! grep -Eq '^([0-9.]+)/\1$' <<<"${line%%$'\n'*}"; then lost=$((lost + 1)); fi
done
echo "grade-under-load: $((runs - lost)) of $runs runs at full marks; load after: $(uptime | sed 's/.*load average: //')"
[[ $lost -eq 0 ]]
