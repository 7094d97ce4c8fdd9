using System.Text.Json;
using DistSys.Grader.Building;
using DistSys.Grader.Grading;

namespace DistSys.Grader.Reporting;

/// <summary>
/// The machine-readable report: one JSON document, snake_case, in the same order as the grade. It is the instructor's
/// format: hidden tests keep their names, messages and output, marked <c>"hidden": true</c> (student-facing formats go
/// through <see cref="StudentView"/> instead).
/// </summary>
internal static class JsonReport
{
    /// <param name="artifacts">Each failed test's page (see <see cref="Artifacts"/>), keyed by (slug, test name); null for none.</param>
    public static string Render(GradeReport report, IReadOnlyDictionary<(string Slug, string Test), string>? artifacts = null) =>
        JsonSerializer.Serialize(Document(report, artifacts ?? new Dictionary<(string, string), string>()), ReportJson.Options) + "\n";

    private static ReportDocument Document(GradeReport report, IReadOnlyDictionary<(string Slug, string Test), string> artifacts) => new(
        report.Target,
        report.Score,
        report.MaxScore,
        report.Exercises.Select(exercise => new ExerciseDocument(
            exercise.Slug,
            exercise.Status,
            exercise.Score,
            exercise.MaxScore,
            exercise.Passed,
            exercise.Total,
            exercise.Message,
            exercise.Tests.Select(test => new TestDocument(
                test.Name, test.Status, test.Message, test.DurationMs, test.Output, artifacts.GetValueOrDefault((exercise.Slug, test.Name)),
                test.Hidden, test.Category, test.Source is { } source ? new SourceDocument(source.Path, source.Line) : null)).ToList(),
            exercise.Errors.Select(error => ErrorDocument.From(exercise.Slug, error)).ToList(),
            exercise.Findings.Select(finding => new FindingDocument(finding.Id, finding.Path, finding.Line, finding.Column, finding.Message, finding.Help)).ToList(),
            exercise.AnalyzerDeduction,
            exercise.Categories)).ToList(),
        report.Exercises.SelectMany(exercise => exercise.Errors.Select(error => ErrorDocument.From(exercise.Slug, error))).ToList(),
        report.Timing,
        report.Benchmarks,
        report.Ignored.Select(file => new IgnoredDocument(file.Path, file.Reason)).ToList());

    private sealed record ReportDocument(
        string Target,
        decimal Score,
        decimal MaxScore,
        IReadOnlyList<ExerciseDocument> Exercises,
        IReadOnlyList<ErrorDocument> Errors,
        GradeTiming Timing,
        IReadOnlyList<DistSys.Grader.Benchmarks.BenchmarkGrade> Benchmarks,
        IReadOnlyList<IgnoredDocument> Ignored);

    private sealed record IgnoredDocument(string Path, string Reason);

    private sealed record ExerciseDocument(
        string Slug,
        string Status,
        decimal Score,
        decimal MaxScore,
        int Passed,
        int Total,
        string? Message,
        IReadOnlyList<TestDocument> Tests,
        IReadOnlyList<ErrorDocument> Errors,
        IReadOnlyList<FindingDocument> Findings,
        decimal AnalyzerDeduction,
        IReadOnlyList<CategoryScore> Categories);

    private sealed record FindingDocument(string Id, string Path, int Line, int Column, string Message, string Help);

    /// <param name="Artifact">The failure timeline page of a failed simulation test, or null.</param>
    /// <param name="Hidden">A hidden test (tests/&lt;slug&gt;/Hidden/, [Category("hidden")]).</param>
    /// <param name="Category">The weight category it counted in (null when the catalog was not available).</param>
    /// <param name="Source">Where the test starts in the kit's sources (from the trusted build's PDB).</param>
    private sealed record TestDocument(string Name, string Status, string? Message, long? DurationMs, string? Output, string? Artifact, bool Hidden, string? Category, SourceDocument? Source);

    private sealed record SourceDocument(string Path, int Line);

    private sealed record ErrorDocument(string Slug, string File, int? Line, int? Column, string Code, string Message, string Text)
    {
        public static ErrorDocument From(string slug, CompilerError error) =>
            new(slug, error.File, error.Line, error.Column, error.Code, error.Message, error.Text);
    }
}
