using DistSys.Grader.Building;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;

namespace DistSys.Grader.Grading;

/// <summary>Turns test results into an exercise grade: points × passed / total, rounded to 2 decimals.</summary>
internal static class Scoring
{
    public static decimal Score(decimal points, int passed, int total) =>
        total <= 0 ? 0m : Math.Round(points * passed / total, 2, MidpointRounding.AwayFromZero);

    /// <summary>Points off for <paramref name="findings"/> analyzer findings: a fixed amount each, capped per exercise,
    /// and never more than the exercise scored, so the score does not go below 0.</summary>
    public static decimal AnalyzerDeduction(AnalyzerRules rules, int findings, decimal score) =>
        Math.Max(0m, Math.Min(Math.Min(rules.DeductionPerFinding * findings, rules.MaxDeduction), score));

    /// <summary>The grade with its analyzer findings listed and their deduction folded into the score.</summary>
    public static ExerciseGrade WithFindings(ExerciseGrade grade, IReadOnlyList<AnalyzerFinding> findings, AnalyzerRules rules)
    {
        var deduction = AnalyzerDeduction(rules, findings.Count, grade.Score);
        return grade with { Score = grade.Score - deduction, Findings = findings, AnalyzerDeduction = deduction };
    }

    public static ExerciseGrade Unavailable(string slug) =>
        new(slug, ExerciseStatus.Unavailable, 0m, 0m, 0, 0, "not available yet", [], []);

    public static ExerciseGrade Error(string slug, decimal points, string message, IReadOnlyList<CompilerError> errors) =>
        new(slug, ExerciseStatus.Error, 0m, points, 0, 0, message, [], errors);

    public static ExerciseGrade Graded(string slug, decimal points, IReadOnlyList<TestResult> tests)
    {
        if (tests.Count == 0)
        {
            return Error(slug, points, "the suite has no runnable tests", []);
        }

        var passed = tests.Count(test => test.Passed);
        var status = passed == tests.Count ? ExerciseStatus.Pass : ExerciseStatus.Fail;
        return new ExerciseGrade(slug, status, Score(points, passed, tests.Count), points, passed, tests.Count, null, tests, []);
    }
}
