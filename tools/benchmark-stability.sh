#!/usr/bin/env bash
# Measures how reproducible the grader's benchmark stage is (grader/Benchmarks/README.md, "Measured"):
#   tools/benchmark-stability.sh same [RUNS] [BURNERS]   the reference graded against itself
#   tools/benchmark-stability.sh slow [RUNS] [BURNERS]   a submission about 10x slower than the reference
# Builds a submission folder from solutions/coordination-benchmark (for "slow", patched with a deliberate spin per
# increment, sized per strategy), starts BURNERS busy-looping shells (default 4) as extra load, grades once and runs
# the benchmark stage RUNS times (default 20) with `grader repeat-benchmarks`, then stops the burners it started.
# Prints the machine load (uptime) before and after, each run's ratios, and per case how often it landed in each band.
# Needs solutions/ (an instructor's kit). The "slow" patch matches the reference's text; if it no longer applies, the
# script says so instead of measuring something else.
set -euo pipefail

mode="${1:-same}"
runs="${2:-20}"
burners="${3:-4}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source tools/burners.sh
submission="$(mktemp -d)"
cleanup() {
  stop_burners
  rm -rf "$submission"
}
trap cleanup EXIT

folder="$submission/exercises/coordination-benchmark"
mkdir -p "$folder"
cp solutions/coordination-benchmark/*.cs "$folder/"
case "$mode" in
  same) ;;
  slow)
    python3 - "$folder/Strategies.cs" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
# (what the reference says, what the slow submission says instead): a Burn per increment, outside any lock for the
# uncoordinated loops, inside the lock for the locked ones (so that it is serialized like the lock's own work).
patches = [
    ("            counter++;\n        }\n    }\n",
     "            work = Slowdown.Burn(work, Slowdown.NoCoordinationUnits);\n            counter++;\n        }\n\n        Slowdown.Keep(work);\n    }\n"),
    ("            lock (gate)\n            {\n                counter++;\n            }\n        }\n",
     "            lock (gate)\n            {\n                work = Slowdown.Burn(work, Slowdown.CoarseLockUnits);\n                counter++;\n            }\n        }\n\n        Slowdown.Keep(work);\n"),
    ("            Interlocked.Increment(ref counter);\n        }\n",
     "            work = Slowdown.Burn(work, Slowdown.InterlockedUnits);\n            Interlocked.Increment(ref counter);\n        }\n\n        Slowdown.Keep(work);\n"),
    ("            lock (stripe)\n            {\n                stripe.Count++;",
     "            lock (stripe)\n            {\n                work = Slowdown.Burn(work, Slowdown.StripedLocksUnits);\n                stripe.Count++;"),
    ("        var index = 0;\n", "        var index = 0;\n        var work = 0L;\n"),
    ("                index = 0;\n            }\n        }\n", "                index = 0;\n            }\n        }\n\n        Slowdown.Keep(work);\n"),
    ("                pending++;\n            }\n",
     "                work = Slowdown.Burn(work, Slowdown.BatchedUnits);\n                pending++;\n            }\n\n            Slowdown.Keep(work);\n"),
    ("            long pending = 0;\n", "            long pending = 0;\n            var work = 0L;\n"),
]
# Each loop over `times` that now burns declares its accumulator first.
text = text.replace("        for (long i = 0; i < times; i++)", "        var work = 0L;\n        for (long i = 0; i < times; i++)")
for old, new in patches:
    if text.count(old) != 1:
        sys.exit(f"benchmark-stability: the slow patch no longer matches the reference ({old.strip()[:60]!r} found {text.count(old)} times)")
    text = text.replace(old, new)
# A chain of dependent multiply-adds; the units per strategy were sized by measuring (grader/Benchmarks/README.md,
# "Measured") so that each case's ratio against the reference's fastest-of-9 time is about 10.
text += '''
internal static class Slowdown
{
    public const int NoCoordinationUnits = 12;
    public const int CoarseLockUnits = 210;
    public const int StripedLocksUnits = 215;
    public const int InterlockedUnits = 56;
    public const int BatchedUnits = 15;

    public static long Burn(long value, int units)
    {
        for (var i = 0; i < units; i++)
        {
            value = value * 6364136223846793005L + 1442695040888963407L;
        }

        return value;
    }

    // Uses the result (a branch the compiler cannot decide, practically never taken), so that it cannot drop the work.
    public static void Keep(long value)
    {
        if (value == 0x5DEECE66DL)
        {
            Thread.Yield();
        }
    }
}
'''
open(path, "w", encoding="utf-8").write(text)
PY
    ;;
  *) echo "usage: tools/benchmark-stability.sh same|slow [RUNS] [BURNERS]" >&2; exit 2 ;;
esac

start_burners "$burners"
echo "load before: $(uptime)"
dotnet run --project grader -- repeat-benchmarks --runs "$runs" --exercise coordination-benchmark --submission "$submission"
echo "load after: $(uptime)"
