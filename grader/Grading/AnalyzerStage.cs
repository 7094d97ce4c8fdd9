using DistSys.Analyzers.Runner;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Grading;

/// <summary>One DS finding in an exercise's graded code; the path is relative to the kit root.</summary>
internal sealed record AnalyzerFinding(string Id, string Path, int Line, int Column, string Message, string Help);

/// <summary>What the analyzer stage found.</summary>
/// <param name="Findings">DS findings per slug (deducted from the score).</param>
/// <param name="Refusals">Per slug, why the exercise cannot be graded at all (the stage ran out of time on it, or its code uses an API exercise code may not use).</param>
internal sealed record AnalysisOutcome(
    IReadOnlyDictionary<string, IReadOnlyList<AnalyzerFinding>> Findings,
    IReadOnlyDictionary<string, string> Refusals);

/// <summary>
/// Runs the DS rules over the graded code of each exercise, within a time budget per exercise. The graded code is
/// exercises/&lt;slug&gt;/ for the exercises target and solutions/&lt;slug&gt;/ for the solutions target; the latter also
/// compiles exercises/&lt;slug&gt;/Given/ (as Solutions.csproj does) so the rules see real types, but findings there are
/// not the solution's. Suppressions written in the graded code do not hide a finding.
/// </summary>
internal sealed class AnalyzerStage(KitLayout kit)
{
    /// <summary>
    /// Time the rules may take over one exercise: real code takes well under a second on a quiet machine and about 30 s
    /// on a 2-core machine with a load average of 30; a 200,000-term expression took about 4 minutes.
    /// </summary>
    public static readonly TimeSpan BudgetPerExercise = TimeSpan.FromSeconds(120);

    public AnalysisOutcome Analyze(IReadOnlyList<string> slugs, BuildTarget target, TimeSpan? budget = null)
    {
        var findings = new Dictionary<string, IReadOnlyList<AnalyzerFinding>>(StringComparer.Ordinal);
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var slug in slugs)
        {
            var graded = GradedFolder(slug, target);
            var given = Path.Combine(kit.Root, "exercises", slug, "Given");
            var inputs = new[] { graded }.Concat(target == BuildTarget.Solutions ? [given] : []).Where(Directory.Exists).ToList();
            if (inputs.Count == 0)
            {
                findings[slug] = [];
                continue;
            }

            using var deadline = new CancellationTokenSource(budget ?? BudgetPerExercise);
            AnalysisResult result;
            try
            {
                result = AnalysisRunner.Analyze(inputs, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                refusals[slug] = $"the analyzers did not finish within {(budget ?? BudgetPerExercise).TotalSeconds:0} s on this exercise's code and it was not graded";
                findings[slug] = [];
                continue;
            }
            catch (AnalysisInputException unreadable)
            {
                throw new KitException($"The analyzers cannot read the graded code: {unreadable.Message}");
            }

            var prefix = kit.Relative(graded) + "/";
            findings[slug] = result.Findings
                .Select(finding => new AnalyzerFinding(finding.Id, kit.Relative(Path.GetFullPath(finding.Path)), finding.Line, finding.Column, finding.Message, finding.Help))
                .Where(finding => finding.Path.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(finding => finding.Path, StringComparer.Ordinal).ThenBy(finding => finding.Line).ThenBy(finding => finding.Column)
                .ThenBy(finding => finding.Id, StringComparer.Ordinal)
                .ToList();
        }

        return new AnalysisOutcome(findings, refusals);
    }

    private string GradedFolder(string slug, BuildTarget target) =>
        Path.Combine(kit.Root, target == BuildTarget.Solutions ? "solutions" : "exercises", slug);
}
