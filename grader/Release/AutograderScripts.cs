namespace DistSys.Grader.Release;

/// <summary>
/// The two scripts of the Gradescope bundle. Gradescope unpacks the bundle into <c>/autograder/source</c>, runs
/// <c>setup.sh</c> there once when it builds the image, and <c>/autograder/run_autograder</c> (a copy) for each
/// submission, which it places in <c>/autograder/submission</c>; results go to <c>/autograder/results/results.json</c>.
/// <c>AUTOGRADER_ROOT</c> replaces <c>/autograder</c> (tests run both scripts in a temporary folder);
/// <c>DISTSYS_EXERCISES</c> (slugs separated by spaces) limits grading to an assignment's exercises.
/// </summary>
internal static class AutograderScripts
{
    public const string Setup = """
        #!/usr/bin/env bash
        # Gradescope runs this once, when it builds the autograder image. It installs the .NET SDK that the kit's
        # global.json pins (only if dotnet is missing), builds the grader, and grades the stubs once: that builds the
        # reference and every suite, so grading a submission starts warm.
        set -euo pipefail

        root="${AUTOGRADER_ROOT:-/autograder}"
        here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
        kit="${DISTSYS_KIT:-$here/kit}"
        dotnet_home="$root/dotnet"
        export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

        if command -v dotnet >/dev/null 2>&1; then
          echo "setup: using $(command -v dotnet), SDK $(cd "$kit" && dotnet --version)"
        else
          echo "setup: installing the .NET SDK pinned by global.json into $dotnet_home"
          if command -v apt-get >/dev/null 2>&1; then
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl ca-certificates libicu-dev git >/dev/null
          fi
          curl -fsSL https://dot.net/v1/dotnet-install.sh -o "$root/dotnet-install.sh"
          bash "$root/dotnet-install.sh" --jsonfile "$kit/global.json" --install-dir "$dotnet_home"
          export PATH="$dotnet_home:$PATH" DOTNET_ROOT="$dotnet_home"
        fi

        exercise_args=()
        for slug in ${DISTSYS_EXERCISES:-}; do
          exercise_args+=(--exercise "$slug")
        done

        cd "$kit"
        dotnet build grader -nologo -v:q
        echo "setup: grading the stubs once to build the reference and the suites"
        dotnet run --project grader --no-build -- --kit "$kit" "${exercise_args[@]}" --no-bench --format json >"$root/setup-stubs.json"
        echo "setup: done"

        """;

    public const string RunAutograder = """
        #!/usr/bin/env bash
        # Gradescope runs this for every submission. It grades the submission's exercise sources inside the bundled kit
        # (the instructor's tests, hidden tests, rubric and reference; nothing else is taken from the submission) and
        # writes results.json for Gradescope.
        set -euo pipefail

        root="${AUTOGRADER_ROOT:-/autograder}"
        kit="${DISTSYS_KIT:-$root/source/kit}"
        submission="$root/submission"
        results="$root/results"
        dotnet_home="$root/dotnet"
        export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
        if ! command -v dotnet >/dev/null 2>&1; then
          export PATH="$dotnet_home:$PATH" DOTNET_ROOT="$dotnet_home"
        fi

        # The one place that names the report: the grader's gradescope format writes results.json into --out.
        format="${DISTSYS_REPORT_FORMAT:-gradescope}"

        exercise_args=()
        for slug in ${DISTSYS_EXERCISES:-}; do
          exercise_args+=(--exercise "$slug")
        done

        mkdir -p "$results"
        cd "$kit"
        status=0
        dotnet run --project grader --no-build -- grade "$submission" --kit "$kit" "${exercise_args[@]}" \
          --format "$format" --out "$results" >/dev/null 2>"$results/grader.log" || status=$?

        if [[ "$status" -ne 0 ]]; then
          # Not graded (not a kit, or a broken bundle): Gradescope still needs a results.json, and the student the reason.
          reason="$(tail -n 5 "$results/grader.log" | tr -d '\000-\011\013-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | awk '{printf "%s\\n", $0}')"
          printf '{"score": 0, "output": "The submission could not be graded (grader exit code %s):\\n%s"}\n' "$status" "$reason" >"$results/results.json"
        fi

        """;
}
