using DistSys.Grader.Grading;

namespace DistSys.Grader.Reporting;

/// <summary>One value of <c>--format</c>: its name, the file <c>--out DIR</c> writes it to, and its renderer.</summary>
/// <param name="FileName">Relative to the --out folder.</param>
/// <param name="Render">The report as text (artifacts: each failed test's timeline page, for the JSON report).</param>
internal sealed record ReportFormat(
    string Name,
    string FileName,
    string Description,
    Func<GradeReport, IReadOnlyDictionary<(string Slug, string Test), string>, string> Render);

/// <summary>
/// The grade command's report formats. <c>--format</c> may be repeated or comma-separated (<c>--format junit,gradescope</c>);
/// the first one goes to stdout, and <c>--out DIR</c> writes every requested one to its file (plus report.json and
/// report.txt, always). Only <c>json</c> is for instructors; every other format shows what <see cref="StudentView"/> allows.
/// </summary>
internal static class ReportFormats
{
    public static readonly ReportFormat Table = new("table", "report.txt", "a score table and what failed (for people)", (report, _) => TableReport.RenderPlain(report));
    public static readonly ReportFormat Json = new("json", "report.json", "everything, hidden tests included (for instructors and scripts)", (report, artifacts) => JsonReport.Render(report, artifacts));
    public static readonly ReportFormat Markdown = new("markdown", "report.md", "a Markdown summary", (report, _) => MarkdownReport.Render(report));
    public static readonly ReportFormat JUnit = new("junit", "junit.xml", "JUnit XML for CI test dashboards", (report, _) => JUnitReport.Render(report));
    public static readonly ReportFormat GitHub = new("github", "github-annotations.txt", "GitHub Actions annotations (stdout) and a step summary ($GITHUB_STEP_SUMMARY, --out DIR/github-summary.md)", (report, _) => GitHubReport.Render(report));
    public static readonly ReportFormat Gradescope = new("gradescope", "results.json", "Gradescope's autograder results.json", (report, _) => GradescopeReport.Render(report));
    public static readonly ReportFormat Exercism = new("exercism", "exercism/results.json", "Exercism's test runner results.json (version 3)", (report, _) => ExercismReport.Render(report));

    /// <summary>The file beside github-annotations.txt that holds the GitHub step summary.</summary>
    public const string GitHubSummaryFile = "github-summary.md";

    public static IReadOnlyList<ReportFormat> All { get; } = [Table, Json, Markdown, JUnit, GitHub, Gradescope, Exercism];

    public static IReadOnlyList<string> Names { get; } = All.Select(format => format.Name).ToList();

    /// <summary>The formats named by the --format values (each may list several, comma-separated), first mention first, no repeats; table when none.</summary>
    public static IReadOnlyList<ReportFormat> Parse(IEnumerable<string> values)
    {
        var names = Split(values);
        var unknown = names.Where(name => !Names.Contains(name, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new DistSys.Grader.Kit.UsageException(UnknownMessage(unknown));
        }

        return names.Count == 0 ? [Table] : names.Select(name => All.Single(format => format.Name == name)).ToList();
    }

    /// <summary>The names in the --format values, in order, each once.</summary>
    public static IReadOnlyList<string> Split(IEnumerable<string> values) =>
        values.SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();

    public static string UnknownMessage(IReadOnlyList<string> unknown) =>
        $"Unknown --format {string.Join(", ", unknown.Select(name => $"'{name}'"))}. Valid formats: {string.Join(", ", Names)}.";
}
