using System.Globalization;
using System.Text;
using DistSys.Grader.Grading;

namespace DistSys.Grader.Reporting;

/// <summary>
/// The report as GitHub-flavoured Markdown (a pipe table of the exercises, then what failed and why): <c>--format
/// markdown</c>, report.md, and the step summary of <c>--format github</c>. Rendered from <see cref="StudentView"/>.
/// </summary>
internal static class MarkdownReport
{
    private const int MessageLength = 300;
    private const int FailuresShown = 10;

    public static string Render(GradeReport report) => Render(StudentView.Of(report));

    public static string Render(StudentView view)
    {
        var text = new StringBuilder();
        Line(text, $"# Grade: {view.Score:0.##}/{view.MaxScore:0.##}");
        text.Append('\n');
        Line(text, $"Target: `{view.Target}`");
        text.Append('\n');
        text.Append("| Exercise | Tests | Status | Score |\n");
        text.Append("|---|---:|---|---:|\n");
        foreach (var exercise in view.Exercises)
        {
            Line(text, $"| {Cell(exercise.Slug)} | {(exercise.Total == 0 ? "-" : Invariant($"{exercise.Passed}/{exercise.Total}"))} | {exercise.Status} | {(exercise.Status == ExerciseStatus.Unavailable ? "-" : Invariant($"{exercise.Score:0.##}/{exercise.MaxScore:0.##}"))} |");
        }

        foreach (var benchmark in view.Benchmarks)
        {
            Line(text, $"| {Cell(benchmark.Slug + " (benchmarks)")} | - | - | {benchmark.Score:0.##}/{benchmark.MaxScore:0.##} |");
        }

        Line(text, $"| **Total** | {view.Exercises.Sum(e => e.Passed)}/{view.Exercises.Sum(e => e.Total)} | | **{view.Score:0.##}/{view.MaxScore:0.##}** |");

        foreach (var exercise in view.Exercises.Where(e => e.Status is ExerciseStatus.Fail or ExerciseStatus.Error || e.Findings.Count > 0))
        {
            text.Append('\n');
            Line(text, $"## {Inline(exercise.Slug)} ({exercise.Status})");
            text.Append('\n');
            if (exercise.Message is not null)
            {
                Line(text, $"{Inline(Shorten(exercise.Message))}");
                text.Append('\n');
            }

            if (exercise.Errors.Count > 0)
            {
                text.Append("```text\n");
                foreach (var error in exercise.Errors)
                {
                    text.Append(Fenced(error.Text)).Append('\n');
                }

                text.Append("```\n\n");
            }

            if (exercise.HiddenTotal > 0)
            {
                Line(text, $"Hidden tests: {exercise.HiddenPassed}/{exercise.HiddenTotal} passed.");
                text.Append('\n');
            }

            var failures = exercise.Tests.Where(test => !test.Passed).ToList();
            foreach (var test in failures.Take(FailuresShown))
            {
                var message = test.Message is null ? test.Status : Shorten(test.Message);
                Line(text, $"- ❌ `{Code(test.ShortName(exercise.Slug))}`: {Inline(message)}");
            }

            if (failures.Count > FailuresShown)
            {
                Line(text, $"- … and {failures.Count - FailuresShown} more failed tests");
            }

            if (exercise.Findings.Count > 0)
            {
                if (failures.Count > 0)
                {
                    text.Append('\n');
                }

                Line(text, $"Analyzer findings: {exercise.Findings.Count}, -{exercise.AnalyzerDeduction:0.##} points");
                text.Append('\n');
                foreach (var finding in exercise.Findings.Take(FailuresShown))
                {
                    Line(text, $"- ⚠️ `{Code(finding.Path)}` line {finding.Line}: **{finding.Id}** {Inline(Shorten(finding.Message))} ([rule]({finding.Help}))");
                }

                if (exercise.Findings.Count > FailuresShown)
                {
                    Line(text, $"- … and {exercise.Findings.Count - FailuresShown} more findings");
                }
            }
        }

        if (view.Ignored.Count > 0)
        {
            text.Append('\n');
            Line(text, $"## Ignored files ({view.Ignored.Count})");
            text.Append('\n');
            foreach (var file in view.Ignored)
            {
                Line(text, $"- `{Code(file.Path)}`: {Inline(file.Reason)}");
            }
        }

        return text.ToString();
    }

    /// <summary>A table cell: a pipe would end the cell and a line break the row.</summary>
    internal static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Text on one line, with the characters that would start Markdown or HTML markup escaped.</summary>
    internal static string Inline(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in OneLine(text))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Inside a code span: backticks cannot be escaped there, so they become a look-alike.</summary>
    private static string Code(string text) => OneLine(text).Replace('`', '\'');

    /// <summary>Inside a fenced block: a line of backticks would close it.</summary>
    private static string Fenced(string text) => text.Replace("```", "'''", StringComparison.Ordinal);

    private static string OneLine(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Shorten(string message)
    {
        var line = OneLine(message);
        return line.Length <= MessageLength ? line : line[..MessageLength] + "…";
    }

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
