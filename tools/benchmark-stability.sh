#!/usr/bin/env bash
# Measures how reproducible the grader's benchmark stage is (grader/Benchmarks/README.md, "Measured"):
#   tools/benchmark-stability.sh same [RUNS] [BURNERS]       the reference graded against itself
#   tools/benchmark-stability.sh slow [RUNS] [BURNERS]       a submission about 10x slower than the reference, each
#                                                            strategy slowed by more of its own kind of work
#   tools/benchmark-stability.sh slow-cpu [RUNS] [BURNERS]   the first 10x patch: processor work per increment only,
#                                                            kept as the record of why it was replaced
# Builds a submission folder from solutions/coordination-benchmark (for the slow modes, patched, sized per strategy),
# starts BURNERS busy-looping shells (default 4) as extra load, grades once and runs
# the benchmark stage RUNS times (default 20) with `grader repeat-benchmarks`, then stops the burners it started.
# Prints the machine load (uptime) before and after, each run's ratios, and per case how often it landed in each band.
# Needs solutions/ (an instructor's kit). The slow patches match the reference's text; if one no longer applies, the
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
  slow|slow-cpu)
    python3 - "$folder/Strategies.cs" "$mode" <<'PY'
import sys
path, mode = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
# (what the reference says, what the slow submission says instead). The uncoordinated loops get a Burn (a chain of
# dependent multiply-adds) per increment: their cost is processor work, and so is the slowdown. The coordinated ones
# get, in "slow", more of their own coordination (extra atomic operations on the shared counter, extra acquisitions of
# the same lock), so that the slowdown is of the kind the strategy pays for and moves with the machine's load as the
# reference's cost does; in "slow-cpu", a Burn per increment instead (outside the atomic, inside the lock), which
# grader/Benchmarks/README.md ("Measured") shows is not 10x slower under load.
patches = [
    ("            counter++;\n        }\n    }\n",
     "            work = Slowdown.Burn(work, Slowdown.NoCoordinationUnits);\n            counter++;\n        }\n\n        Slowdown.Keep(work);\n    }\n"),
    ("                pending++;\n            }\n",
     "                work = Slowdown.Burn(work, Slowdown.BatchedUnits);\n                pending++;\n            }\n\n            Slowdown.Keep(work);\n"),
    ("            long pending = 0;\n", "            long pending = 0;\n            var work = 0L;\n"),
    ("    private static void IncrementInMemory(ref long counter, long times)\n    {\n",
     "    private static void IncrementInMemory(ref long counter, long times)\n    {\n        var work = 0L;\n"),    ("        var index = 0;\n", "        var index = 0;\n        var work = 0L;\n"),
    ("                index = 0;\n            }\n        }\n", "                index = 0;\n            }\n        }\n\n        Slowdown.Keep(work);\n"),
    ("    private static void IncrementUnderLock(object gate, ref long counter, long times)\n    {\n",
     "    private static void IncrementUnderLock(object gate, ref long counter, long times)\n    {\n        var work = 0L;\n"),
]
if mode == "slow":
    patches += [
        ("            lock (gate)\n            {\n                counter++;\n            }\n",
         "            for (var extra = 0; extra < Slowdown.ExtraCoarseLocks; extra++)\n            {\n                lock (gate)\n                {\n                }\n            }\n\n"
         "            lock (gate)\n            {\n                work = Slowdown.Burn(work, Slowdown.CoarseLockUnits);\n                counter++;\n            }\n"),
        ("            lock (stripe)\n            {\n                stripe.Count++;",
         "            for (var extra = 0; extra < Slowdown.ExtraStripeLocks; extra++)\n            {\n                lock (stripe)\n                {\n                }\n            }\n\n"
         "            lock (stripe)\n            {\n                work = Slowdown.Burn(work, Slowdown.StripedLocksUnits);\n                stripe.Count++;"),
        ("            Interlocked.Increment(ref counter);\n        }\n",
         "            for (var extra = 0; extra < Slowdown.ExtraAtomicPairs; extra++)\n            {\n                Interlocked.Increment(ref counter);\n                Interlocked.Decrement(ref counter);\n            }\n\n"
         "            Interlocked.Increment(ref counter);\n        }\n"),
    ]
else:
    patches += [
        ("            lock (gate)\n            {\n                counter++;\n            }\n",
         "            lock (gate)\n            {\n                work = Slowdown.Burn(work, Slowdown.CoarseLockUnits);\n                counter++;\n            }\n"),
        ("            Interlocked.Increment(ref counter);\n        }\n",
         "            work = Slowdown.Burn(work, Slowdown.InterlockedUnits);\n            Interlocked.Increment(ref counter);\n        }\n\n        Slowdown.Keep(work);\n"),
        ("            lock (stripe)\n            {\n                stripe.Count++;",
         "            lock (stripe)\n            {\n                work = Slowdown.Burn(work, Slowdown.StripedLocksUnits);\n                stripe.Count++;"),
        ("    private static void IncrementAtomically(ref long counter, long times)\n    {\n",
         "    private static void IncrementAtomically(ref long counter, long times)\n    {\n        var work = 0L;\n"),
    ]
# The coarse lock's loop, patched in either mode, keeps its work alive at its end.
patches.append(("                counter++;\n            }\n        }\n    }\n",
                "                counter++;\n            }\n        }\n\n        Slowdown.Keep(work);\n    }\n"))
for old, new in patches:
    if text.count(old) != 1:
        sys.exit(f"benchmark-stability: the slow patch no longer matches the reference ({old.strip()[:60]!r} found {text.count(old)} times)")
    text = text.replace(old, new)
# The sizes were measured on this machine (grader/Benchmarks/README.md, "Measured"): in "slow", so that each case's
# median ratio against the reference stays inside the 4-25 band both on a quiet machine and under two burners (near 10
# under the burners); in "slow-cpu", for a ratio of about 10 on a quiet machine.
sizes = {
    "slow": dict(NoCoordinationUnits=6, BatchedUnits=10, ExtraAtomicPairs=6, ExtraCoarseLocks=3, CoarseLockUnits=100,
                 ExtraStripeLocks=5, StripedLocksUnits=120, InterlockedUnits=0),
    "slow-cpu": dict(NoCoordinationUnits=12, BatchedUnits=10, ExtraAtomicPairs=0, ExtraCoarseLocks=0, CoarseLockUnits=210,
                     ExtraStripeLocks=0, StripedLocksUnits=350, InterlockedUnits=56),
}[mode]
constants = "".join(f"    public const int {name} = {value};\n" for name, value in sizes.items())
text += '''
internal static class Slowdown
{
''' + constants + '''
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
  *) echo "usage: tools/benchmark-stability.sh same|slow|slow-cpu [RUNS] [BURNERS]" >&2; exit 2 ;;
esac

start_burners "$burners"
echo "load before: $(uptime)"
dotnet run --project grader -- repeat-benchmarks --runs "$runs" --exercise coordination-benchmark --submission "$submission"
echo "load after: $(uptime)"
