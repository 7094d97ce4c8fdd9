#!/usr/bin/env bash
# Mutation testing of one exercise: dotnet-stryker (pinned in .config/dotnet-tools.json) mutates the reference solution
# of the exercise (solutions/<slug>/ only) and runs the exercise's suite against every mutant. A mutant that no test
# fails "survived": either a test is missing or the change is equivalent (document it in the exercise README).
#
#   tools/mutation-test.sh <slug> [more dotnet-stryker options]
#
# Only solutions/<slug>/**/*.cs is mutated: the other exercises share solutions/Solutions.csproj but not this suite,
# and exercises/<slug>/Given/ is code students cannot change (the grader takes only exercises/<slug>/**/*.cs outside
# Given/), so its mutants say nothing about whether the suite separates right submissions from wrong ones.
# Coverage analysis is per test: each mutant runs only the tests that execute it. A mutant counts as timed out (detected)
# only 20 s after the time the unmutated suite needed: with stryker's default 5 s, test runs slowed down by a loaded
# machine passed for infinite loops.
#
# Slow (minutes per exercise, all of one CPU): it runs under `nice -n 19` with concurrency 1 (override with
# `--concurrency 2`), one exercise at a time; not part of CI. The HTML and JSON reports go to .grader/mutation/<slug>/,
# and the generated stryker configuration to .grader/mutation/<slug>/stryker-config.json.
set -euo pipefail
slug=${1:?usage: tools/mutation-test.sh <slug> [dotnet-stryker options]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
suite=$(ls "$root"/tests/"$slug"/*.Tests.csproj 2>/dev/null | head -n 1)
if [[ ! "$slug" =~ ^[a-z0-9-]+$ || -z "$suite" || ! -d "$root/solutions/$slug" ]]; then
  echo "mutation-test: no suite tests/$slug/*.Tests.csproj or no reference solutions/$slug/" >&2
  exit 2
fi
out="$root/.grader/mutation/$slug"
mkdir -p "$out"
config="$out/stryker-config.json"
cat >"$config" <<JSON
{
  "stryker-config": {
    "project": "Solutions.csproj",
    "test-projects": ["$suite"],
    "mutate": ["**/solutions/$slug/**/*.cs"],
    "coverage-analysis": "perTest",
    "ignore-methods": ["*Exception.ctor"],
    "additional-timeout": 20000,
    "concurrency": 1,
    "reporters": ["progress", "html", "json"],
    "thresholds": { "high": 85, "low": 85, "break": 0 }
  }
}
JSON
cd "$root"
dotnet tool restore >/dev/null
cd "$(dirname "$suite")"
start=$(date +%s)
echo "mutation-test: $slug, load before: $(uptime | sed 's/.*load average: //')"
status=0
DistSysMutationSlug="$slug" nice -n 19 dotnet tool run dotnet-stryker -- --config-file "$config" --output "$out" "$@" || status=$?
echo "mutation-test: $slug took $(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s," \
  "load after: $(uptime | sed 's/.*load average: //')"
exit $status
