using System.Text.Json;
using DistSys.Grader.Grading;

namespace DistSys.Grader.Reporting;

/// <summary>
/// Exercism's test runner interface, <c>results.json</c> version 3 (exercism.org/docs/building/tooling/test-runners/interface):
/// <c>version</c> 3, <c>status</c> <c>pass</c> (every test passed), <c>fail</c> (some test failed or errored) or
/// <c>error</c> (no test ran: the code did not compile), a top-level <c>message</c> only for <c>error</c>, and
/// <c>tests[]</c> in suite order with <c>name</c>, <c>status</c> (<c>pass</c>/<c>fail</c>/<c>error</c>),
/// <c>message</c> and <c>output</c> (at most 500 characters, cut with Exercism's suggested notice). Exercism grades one
/// exercise; when several are graded, names are prefixed with the slug and an exercise that never ran becomes one
/// <c>error</c> test. Rendered from <see cref="StudentView"/>.
/// </summary>
internal static class ExercismReport
{
    public const int OutputLimit = 500;
    public const int MessageLimit = 65535;
    public const string Truncated = "\n[Output was truncated. Please limit to 500 chars]";

    public static string Render(GradeReport report) => Render(StudentView.Of(report));

    public static string Render(StudentView view)
    {
        var exercises = view.Exercises.Where(e => e.Status != ExerciseStatus.Unavailable).ToList();
        var prefix = exercises.Count > 1;
        var tests = new List<TestDocument>();
        foreach (var exercise in exercises)
        {
            var name = (string test) => prefix ? exercise.Slug + ": " + test : test;
            if (exercise.NeverRan)
            {
                tests.Add(new TestDocument(name("build"), "error", ErrorMessage(exercise), null));
                continue;
            }

            foreach (var test in exercise.Tests)
            {
                tests.Add(new TestDocument(
                    name(test.ShortName(exercise.Slug)),
                    test.Passed ? "pass" : "fail",
                    test.Passed ? null : test.Message ?? (test.Concealed ? "A hidden test failed; it is named once your instructor reveals hidden tests." : test.Status),
                    Cap(test.Output)));
            }
        }

        ResultsDocument document;
        if (exercises.Count == 0 || exercises.All(e => e.NeverRan))
        {
            var message = exercises.Count == 0 ? "no exercise was graded" : string.Join("\n\n", exercises.Select(ErrorMessage));
            document = new ResultsDocument(3, "error", message.Length <= MessageLimit ? message : message[..(MessageLimit - 1)] + "…", null);
        }
        else
        {
            var passed = tests.All(test => test.Status == "pass");
            document = new ResultsDocument(3, passed ? "pass" : "fail", null, tests);
        }

        return JsonSerializer.Serialize(document, ReportJson.OmittingNulls) + "\n";
    }

    /// <summary>Output longer than Exercism's 500 characters, cut so that the notice still fits within them.</summary>
    internal static string? Cap(string? output)
    {
        if (string.IsNullOrEmpty(output) || output.Length <= OutputLimit)
        {
            return string.IsNullOrEmpty(output) ? null : output;
        }

        var keep = OutputLimit - Truncated.Length;
        // Never end on half of a surrogate pair: the JSON would carry a lone surrogate.
        return output[..(char.IsHighSurrogate(output[keep - 1]) ? keep - 1 : keep)] + Truncated;
    }

    private static string ErrorMessage(VisibleExercise exercise) =>
        string.Join("\n", new[] { $"{exercise.Slug}: {exercise.Message ?? "did not run"}" }.Concat(exercise.Errors.Select(e => e.Text)));

    private sealed record ResultsDocument(int Version, string Status, string? Message, IReadOnlyList<TestDocument>? Tests);

    private sealed record TestDocument(string Name, string Status, string? Message, string? Output);
}
