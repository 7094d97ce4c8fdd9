#!/usr/bin/env bash
# Mutation testing of one exercise: dotnet-stryker (pinned in .config/dotnet-tools.json) mutates the reference solution
# of the exercise (solutions/<slug>/) and runs the exercise's suite against every mutant. A mutant that no test fails
# "survived": either a test is missing or the change is equivalent (document it in the exercise README).
#
#   tools/mutation-test.sh <slug> [more dotnet-stryker options]
#
# Slow (minutes per exercise, all CPU): run one exercise at a time; not part of CI. The HTML and JSON reports go to
# .grader/mutation/<slug>/.
set -euo pipefail
slug=${1:?usage: tools/mutation-test.sh <slug> [dotnet-stryker options]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
suite=$(ls "$root"/tests/"$slug"/*.Tests.csproj 2>/dev/null | head -n 1)
if [[ -z "$suite" || ! -d "$root/solutions/$slug" ]]; then
  echo "mutation-test: no suite tests/$slug/*.Tests.csproj or no reference solutions/$slug/" >&2
  exit 2
fi
cd "$root"
dotnet tool restore >/dev/null
cd "$(dirname "$suite")"
exec dotnet tool run dotnet-stryker \
  --project Solutions.csproj \
  --mutate "**/$slug/**/*.cs" \
  --output "$root/.grader/mutation/$slug" \
  --reporter progress --reporter html --reporter json \
  --concurrency 1 \
  "$@"
