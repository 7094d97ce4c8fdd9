using System.CommandLine;
using System.Globalization;
using DistSys.Grader.Benchmarks;
using DistSys.Grader.Grading;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Cli;

/// <summary>
/// <c>grader repeat-benchmarks --runs N [--exercise slug] [--submission dir]</c>: grades once (build, tests, gates), then
/// runs the benchmark stage N times on the same builds and prints each run's points and ratios, and how often each case
/// landed in each band. For measuring the stage's reproducibility (grader/Benchmarks/README.md), not for grading.
/// </summary>
internal static class RepeatBenchmarksCommand
{
    public static Command Create(GraderCommandLine commandLine, Option<string[]> exercise, TextWriter output)
    {
        var runs = new Option<int>("--runs") { Description = "How many times to run the benchmark stage (1-100).", DefaultValueFactory = _ => 20 };
        runs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100)
            {
                result.AddError("--runs must be between 1 and 100.");
            }
        });
        var submission = new Option<string?>("--submission") { Description = "The student sources to benchmark (as for grading).", HelpName = "dir" };
        var command = new Command("repeat-benchmarks", "Grade once, then run the benchmark stage N times on the same builds and print how stable its points are.")
        {
            runs, submission,
        };
        command.SetAction(async (parse, _) =>
        {
            var (kit, session) = commandLine.Open(parse);
            var submitted = parse.GetValue(submission) is { } folder ? commandLine.OpenSubmission(folder, kit).Folder : null;
            var report = await session.GradeAsync(new GradingRequest(BuildTarget.Exercises, parse.GetValue(exercise) ?? [], commandLine.Timeout(parse),
                new Dictionary<string, string?>(), Benchmarks: true, Submission: submitted)
            {
                BenchmarkRuns = parse.GetValue(runs),
            }).ConfigureAwait(false);
            if (report.BenchmarkRuns.Count == 0)
            {
                // Nothing was benchmarked (an exercise failed to build, was refused, or passed no test): say why.
                foreach (var graded in report.Exercises)
                {
                    await output.WriteLineAsync($"no benchmark run: {graded.Slug} {graded.Status} {graded.Message}").ConfigureAwait(false);
                }
            }

            foreach (var line in Summarize(report.BenchmarkRuns))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return ExitCodes.Graded;
        });
        return command;
    }

    /// <summary>One line per run (points, then each case's ratio, interval and fraction), then per exercise how many runs earned full points and each case's bands.</summary>
    internal static IEnumerable<string> Summarize(IReadOnlyList<IReadOnlyList<BenchmarkGrade>> runs)
    {
        for (var run = 0; run < runs.Count; run++)
        {
            foreach (var grade in runs[run])
            {
                yield return RunLine(run + 1, grade);
            }
        }

        foreach (var slug in runs.SelectMany(r => r).Select(g => g.Slug).Distinct(StringComparer.Ordinal))
        {
            var grades = runs.SelectMany(r => r).Where(g => g.Slug == slug).ToList();
            yield return $"{slug}: full benchmark points in {grades.Count(g => g.MaxScore > 0 && g.Score == g.MaxScore)} of {grades.Count} runs";
            foreach (var id in grades.SelectMany(g => g.Cases).Select(c => c.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var fractions = grades.SelectMany(g => g.Cases).Where(c => c.Id == id).GroupBy(c => c.Fraction).OrderByDescending(f => f.Key)
                    .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key * 100:0}% in {f.Count()}"));
                var ratios = grades.SelectMany(g => g.Cases).Where(c => c.Id == id && c.Ratio is not null).Select(c => c.Ratio!.Value).ToList();
                var range = ratios.Count == 0 ? "no ratio" : string.Create(CultureInfo.InvariantCulture, $"ratios {ratios.Min():0.00}-{ratios.Max():0.00}");
                yield return $"  {CaseName(id)}: {string.Join(", ", fractions)} ({range})";
            }
        }
    }

    /// <summary>One run's points and, per case, ratio, interval, pairs and fraction.</summary>
    internal static string RunLine(int run, BenchmarkGrade grade)
    {
        var cases = grade.Cases.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{CaseName(c.Id)} {(c.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "-")} [{c.RatioLow:0.00}-{c.RatioHigh:0.00}/{c.Rounds}] {c.Fraction * 100:0}%"));
        return string.Create(CultureInfo.InvariantCulture,
            $"run {run}: {grade.Slug} {grade.Score}/{grade.MaxScore}{(grade.Message is null ? "" : " (" + grade.Message + ")")}: {string.Join("; ", cases)}");
    }

    private static string CaseName(string id) => id[(id.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
