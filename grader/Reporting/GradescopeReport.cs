using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSys.Grader.Grading;

namespace DistSys.Grader.Reporting;

/// <summary>
/// Gradescope's autograder <c>results.json</c> (gradescope-autograders.readthedocs.io, "Autograder Specifications"):
/// top-level <c>score</c> (the grade, analyzer deductions and benchmarks included; Gradescope takes it over the sum of
/// the tests), <c>execution_time</c>, <c>output</c> (a text summary), and <c>tests[]</c> with <c>name</c>,
/// <c>score</c>, <c>max_score</c> (the test's weighted share of its exercise's points), <c>status</c>
/// (<c>passed</c>/<c>failed</c>), <c>output</c> and <c>visibility</c>. Hidden tests are <c>after_published</c> and,
/// unless revealed, named "crdts: hidden test 2 of 3" with an empty output. An exercise that never ran is one test
/// worth all its points with the compiler's errors as output. Rendered from <see cref="StudentView"/>.
/// </summary>
internal static class GradescopeReport
{
    public const string Visible = "visible";
    public const string AfterPublished = "after_published";

    public static string Render(GradeReport report) => Render(StudentView.Of(report));

    public static string Render(StudentView view)
    {
        var tests = new List<TestDocument>();
        foreach (var exercise in view.Exercises.Where(e => e.Status != ExerciseStatus.Unavailable))
        {
            if (exercise.NeverRan)
            {
                var errors = string.Join("\n", new[] { exercise.Message ?? "did not run" }.Concat(exercise.Errors.Select(e => e.Text)));
                tests.Add(new TestDocument($"{exercise.Slug}: build", 0m, exercise.MaxScore, "failed", errors, Visible));
                continue;
            }

            foreach (var test in exercise.Tests)
            {
                tests.Add(new TestDocument(
                    $"{exercise.Slug}: {test.ShortName(exercise.Slug)}",
                    test.Passed ? test.Points : 0m,
                    test.Points,
                    test.Passed ? "passed" : "failed",
                    test.Concealed ? string.Empty : Output(test),
                    test.Hidden ? AfterPublished : Visible));
            }
        }

        foreach (var benchmark in view.Benchmarks)
        {
            tests.Add(new TestDocument($"{benchmark.Slug}: benchmarks", benchmark.Score, benchmark.MaxScore,
                benchmark.Score >= benchmark.MaxScore ? "passed" : "failed", benchmark.Message ?? string.Empty, Visible));
        }

        var document = new ResultsDocument(view.Score, (int)Math.Round(view.Timing.TotalSeconds), Summary(view), tests);
        return JsonSerializer.Serialize(document, ReportJson.OmittingNulls) + "\n";
    }

    private static string Output(VisibleTest test)
    {
        var parts = new List<string>();
        if (!test.Passed && test.Message is not null)
        {
            parts.Add(test.Message);
        }

        if (!string.IsNullOrEmpty(test.Output))
        {
            parts.Add("Output:\n" + test.Output);
        }

        return string.Join("\n\n", parts);
    }

    private static string Summary(StudentView view)
    {
        var text = new StringBuilder();
        text.Append(string.Create(CultureInfo.InvariantCulture, $"Score {view.Score:0.##}/{view.MaxScore:0.##} ({view.Target})\n"));
        foreach (var exercise in view.Exercises.Where(e => e.Status != ExerciseStatus.Unavailable))
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{exercise.Slug}: {exercise.Status}, {exercise.Passed}/{exercise.Total} tests, {exercise.Score:0.##}/{exercise.MaxScore:0.##}"));
            if (exercise.HiddenTotal > 0)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $" (hidden tests {exercise.HiddenPassed}/{exercise.HiddenTotal} passed)"));
            }

            text.Append('\n');
            if (exercise.Findings.Count > 0)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $"  analyzer findings: {exercise.Findings.Count}, -{exercise.AnalyzerDeduction:0.##} points\n"));
                foreach (var finding in exercise.Findings)
                {
                    text.Append(string.Create(CultureInfo.InvariantCulture, $"  {finding.Path}({finding.Line},{finding.Column}): {finding.Id}: {finding.Message}\n"));
                }
            }
        }

        foreach (var file in view.Ignored)
        {
            text.Append("ignored: ").Append(file.Path).Append(": ").Append(file.Reason).Append('\n');
        }

        return text.ToString();
    }

    private sealed record ResultsDocument(decimal Score, int ExecutionTime, string Output, IReadOnlyList<TestDocument> Tests);

    private sealed record TestDocument(string Name, decimal Score, decimal MaxScore, string Status, string Output, string Visibility);
}
