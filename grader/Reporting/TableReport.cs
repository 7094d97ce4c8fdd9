using System.Globalization;
using DistSys.Grader.Grading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistSys.Grader.Reporting;

/// <summary>The human-readable report: a score table, the timing report, then what failed and why (through <see cref="StudentView"/>).</summary>
internal static class TableReport
{
    private const int MessageLength = 160;

    // Enough to see what to work on next; the JSON report has every test.
    private const int FailuresShown = 10;

    // Wider than any line the report writes, so redirected output is never wrapped.
    private const int RedirectedWidth = 200;

    public static void Write(IAnsiConsole console, GradeReport report)
    {
        var view = StudentView.Of(report);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Exercise")
            .AddColumn(new TableColumn("Tests").RightAligned())
            .AddColumn("Status")
            .AddColumn(new TableColumn("Score").RightAligned());
        foreach (var exercise in view.Exercises)
        {
            table.AddRow(
                new Text(exercise.Slug),
                new Text(exercise.Total == 0 ? "-" : Invariant($"{exercise.Passed}/{exercise.Total}")),
                StatusText(exercise.Status),
                new Text(exercise.Status == ExerciseStatus.Unavailable ? "-" : Invariant($"{exercise.Score:0.##}/{exercise.MaxScore:0.##}")));
            // One indented row per category when the weights make a difference to read: where the points were lost.
            if (exercise.Categories.Count > 1 || exercise.Categories.Any(c => c.Passed < c.Total))
            {
                foreach (var category in exercise.Categories)
                {
                    table.AddRow(
                        new Text(Invariant($"  {category.Category} (×{category.Weight:0.##})"), new Style(Color.Grey)),
                        new Text(Invariant($"{category.Passed}/{category.Total}"), new Style(Color.Grey)),
                        new Text(string.Empty),
                        new Text(Invariant($"{category.Score:0.##}/{category.MaxScore:0.##}"), new Style(Color.Grey)));
                }
            }
        }

        var passed = view.Exercises.Sum(exercise => exercise.Passed);
        var total = view.Exercises.Sum(exercise => exercise.Total);
        table.AddEmptyRow();
        table.AddRow(new Text("Total"), new Text(Invariant($"{passed}/{total}")), new Text(string.Empty), new Text(Invariant($"{view.Score:0.##}/{view.MaxScore:0.##}")));
        console.WriteLine($"Target: {view.Target}");
        console.Write(table);
        console.WriteLine(TimingLine(view.Timing));
        foreach (var benchmark in view.Benchmarks)
        {
            console.WriteLine();
            foreach (var line in DistSys.Grader.Benchmarks.BenchmarkStage.Describe(benchmark))
            {
                console.WriteLine(line);
            }
        }

        if (view.Ignored.Count > 0)
        {
            console.WriteLine();
            console.WriteLine(Invariant($"Ignored: {view.Ignored.Count} file(s) of the submission had no effect on the grade (the kit's own copies were used):"));
            foreach (var file in view.Ignored)
            {
                console.WriteLine($"  {file.Path}: {file.Reason}");
            }
        }

        // Details are plain lines rather than widgets, so long messages and paths are never wrapped mid-word.
        foreach (var exercise in view.Exercises.Where(exercise => exercise.Status is ExerciseStatus.Fail or ExerciseStatus.Error || exercise.Findings.Count > 0))
        {
            console.WriteLine();
            console.WriteLine($"{exercise.Slug} ({exercise.Status})", new Style(decoration: Decoration.Bold));
            if (exercise.Message is not null)
            {
                console.WriteLine($"  {Shorten(exercise.Message)}");
            }

            foreach (var error in exercise.Errors)
            {
                console.WriteLine($"  {error.Text}");
            }

            if (exercise.HiddenTotal > 0)
            {
                console.WriteLine(Invariant($"  Hidden tests: {exercise.HiddenPassed}/{exercise.HiddenTotal} passed") + (view.Revealed ? string.Empty : " (named once your instructor reveals them)"));
            }

            var failures = exercise.Tests.Where(test => !test.Passed).ToList();
            foreach (var test in failures.Take(FailuresShown))
            {
                console.WriteLine($"  ✗ {test.Name}");
                console.WriteLine($"      {Shorten(test.Message ?? test.Status)}");
            }

            if (failures.Count > FailuresShown)
            {
                console.WriteLine(Invariant($"  … and {failures.Count - FailuresShown} more failed tests (all of them: --format json, or --out DIR)"));
            }

            if (exercise.Findings.Count > 0)
            {
                console.WriteLine(Invariant($"  Analyzer findings: {exercise.Findings.Count}, -{exercise.AnalyzerDeduction:0.##} points"));
            }

            foreach (var finding in exercise.Findings.Take(FailuresShown))
            {
                console.WriteLine(Invariant($"  ⚠ {finding.Path}({finding.Line},{finding.Column}): {finding.Id}: {Shorten(finding.Message)}"));
            }

            if (exercise.Findings.Count > FailuresShown)
            {
                console.WriteLine(Invariant($"  … and {exercise.Findings.Count - FailuresShown} more findings (all of them: --format json, or --out DIR)"));
            }
        }
    }

    /// <summary>A console for <paramref name="writer"/>: colours only on a terminal.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>The report as plain text (no colours, fixed width), as written to report.txt.</summary>
    public static string RenderPlain(GradeReport report)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(ConsoleFor(text, redirected: true), report);
        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public static string TimingLine(GradeTiming timing)
    {
        var perExercise = string.Join(", ", timing.Exercises.Select(exercise =>
            Invariant($"{exercise.Slug} {exercise.RunSeconds:0.0} s") + (exercise.Restarts > 0 ? Invariant($" ({exercise.Restarts} restarts)") : string.Empty)));
        return Invariant($"Time: build {timing.BuildSeconds:0.0} s, analyzers {timing.AnalysisSeconds:0.0} s, tests {timing.RunSeconds:0.0} s, total {timing.TotalSeconds:0.0} s")
            + (perExercise.Length > 0 ? $" [{perExercise}]" : string.Empty);
    }

    private static IRenderable StatusText(string status) => status switch
    {
        ExerciseStatus.Pass => new Text(status, new Style(Color.Green)),
        ExerciseStatus.Fail => new Text(status, new Style(Color.Yellow)),
        ExerciseStatus.Error => new Text(status, new Style(Color.Red)),
        _ => new Text(status, new Style(Color.Grey)),
    };

    private static string Shorten(string message)
    {
        var firstLines = string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
        return firstLines.Length <= MessageLength ? firstLines : firstLines[..MessageLength] + "…";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
