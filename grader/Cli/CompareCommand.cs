using System.CommandLine;
using DistSys.Grader.Grading;
using DistSys.Grader.Kit;
using DistSys.Grader.Reporting;

namespace DistSys.Grader.Cli;

/// <summary>
/// <c>grader compare</c>: one grading run of the student's code and one of the reference solutions, through the same
/// <see cref="GradingSession"/>, put side by side per exercise (tests, analyzer findings, benchmark ratio, and what the
/// simulations sent). For instructors: "passes, but sends 4.1× the reference's messages".
/// </summary>
internal static class CompareCommand
{
    private static readonly string[] Formats = ["table", "json"];

    public static Command Create(GraderCommandLine cli, TextWriter output)
    {
        var submission = new Option<string?>("--submission")
        {
            Description = "The student's submission: a folder, a .zip or a git repository (only its exercises/<slug>/*.cs outside Given/ are graded, inside this trusted kit). Default: this kit's exercises/.",
            HelpName = "dir",
        };
        var format = new Option<string>("--format")
        {
            Description = "table (for people) or json (one document on stdout, progress on stderr).",
            DefaultValueFactory = _ => "table",
        }.AcceptOnlyFromAmong(Formats);
        var allTests = new Option<bool>("--all-tests") { Description = "List every test and every simulator test's figures, not only the differences and the flagged ones." };
        var noBench = new Option<bool>("--no-bench") { Description = "Skip the benchmark stage (no benchmark ratio)." };

        var command = new Command(
            "compare",
            "Grade the student's code and the reference solutions and show them side by side per exercise: tests, analyzer findings, benchmark ratio, and the simulations' messages and bytes (flagged above 2x the reference's).")
        {
            submission, format, allTests, noBench,
        };
        command.SetAction(async (parse, _) =>
        {
            var (kit, session) = cli.Open(parse);
            if (!File.Exists(Path.Combine(kit.Root, "solutions", "Solutions.csproj")))
            {
                throw new UsageException("compare needs the instructor's kit, with solutions/ (a released student kit has no reference to compare with).");
            }

            // A folder, a .zip or a git repository, opened and checked exactly as `grade` does (exit 2 if it is not a kit).
            var submitted = parse.GetValue(submission) is { } argument ? cli.OpenSubmission(argument, kit) : null;
            var slugs = cli.Exercises(parse);
            var timeout = cli.Timeout(parse);
            var environment = new Dictionary<string, string?>();

            // The same path as every grade, twice: the student's code (with its benchmark stage, which measures it
            // against the reference in the same run), then the reference alone. The second build is skipped when
            // nothing changed, as the first run already built the reference tree for the test lists.
            var student = await session.GradeAsync(new GradingRequest(
                BuildTarget.Exercises, slugs, timeout, environment, Benchmarks: !parse.GetValue(noBench), Submission: submitted?.Folder)).ConfigureAwait(false);
            var reference = await session.GradeAsync(new GradingRequest(
                BuildTarget.Solutions, slugs, timeout, environment, Benchmarks: false)).ConfigureAwait(false);

            var report = Comparison.Build(student, reference, submitted?.Origin, parse.GetValue(allTests));
            await output.WriteAsync(parse.GetValue(format) == "json" ? CompareOutput.Json(report) : CompareOutput.Table(report)).ConfigureAwait(false);
            return ExitCodes.Graded;
        });
        return command;
    }
}
