using DistSys.Grader.Building;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;

namespace DistSys.Grader.Grading;

/// <summary>Turns test results into an exercise grade: points × weighted passed / weighted total, rounded to 2 decimals.</summary>
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

    /// <summary>Every test weighs the same: points × passed / total.</summary>
    public static ExerciseGrade Graded(string slug, decimal points, IReadOnlyList<TestResult> tests) =>
        Graded(slug, new ExerciseRules(points, TimeSpan.Zero) { Weights = CategoryWeights.Equal }, tests, catalog: null);

    /// <summary>
    /// Weighted by category: points × (weight of the passed tests) / (weight of all tests), each test weighing what its
    /// category weighs in <paramref name="rules"/>. The categories come from <paramref name="catalog"/>, read from the
    /// trusted build of the suite; a test it does not know (or no catalog) counts as <see cref="CategoryWeights.Fallback"/>.
    /// </summary>
    public static ExerciseGrade Graded(string slug, ExerciseRules rules, IReadOnlyList<TestResult> tests, TestCatalog? catalog)
    {
        var points = rules.Points;
        if (tests.Count == 0)
        {
            return Error(slug, points, "the suite has no runnable tests", []);
        }

        var weights = rules.Weights;
        var categorized = tests.Select(test =>
        {
            var entry = catalog?.Find(test.Name);
            var category = weights.CategoryOf(entry?.Categories);
            // What the trusted catalog says about a test travels with its result: reports never look it up again.
            var known = catalog is null ? test : test with { Hidden = entry?.IsHidden ?? false, Source = entry?.Source, Category = category };
            return (Test: known, Category: category);
        }).ToList();
        tests = categorized.Select(t => t.Test).ToList();
        var totalWeight = categorized.Sum(t => weights.WeightOf(t.Category));
        var passedWeight = categorized.Where(t => t.Test.Passed).Sum(t => weights.WeightOf(t.Category));
        var categories = categorized
            .GroupBy(t => t.Category, StringComparer.Ordinal)
            .OrderByDescending(group => weights.WeightOf(group.Key)).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var weight = weights.WeightOf(group.Key);
                var passedInCategory = group.Count(t => t.Test.Passed);
                return new CategoryScore(group.Key, weight, passedInCategory, group.Count(),
                    Round(points * weight * passedInCategory / totalWeight), Round(points * weight * group.Count() / totalWeight));
            })
            .ToList();

        var passed = tests.Count(test => test.Passed);
        var status = passed == tests.Count ? ExerciseStatus.Pass : ExerciseStatus.Fail;
        var score = passed == tests.Count ? points : Round(points * passedWeight / totalWeight);
        // Without a catalog every test is in the fallback category: a split into one category would say nothing.
        return new ExerciseGrade(slug, status, score, points, passed, tests.Count, null, tests, []) { Categories = catalog is null ? [] : categories };
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
