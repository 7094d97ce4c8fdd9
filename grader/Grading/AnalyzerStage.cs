using DistSys.Analyzers.Runner;
using DistSys.Analyzers.Runner.AllowList;
using DistSys.Grader.Building;
using CompilerError = DistSys.Grader.Building.CompilerError;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Grading;

/// <summary>One DS finding in an exercise's graded code; the path is relative to the kit root.</summary>
internal sealed record AnalyzerFinding(string Id, string Path, int Line, int Column, string Message, string Help);

/// <summary>What the analyzer stage found.</summary>
/// <param name="Findings">DS findings per slug (deducted from the score).</param>
/// <param name="Refusals">Per slug, why the exercise cannot be graded at all (the stage ran out of time on it, or its code uses an API exercise code may not use).</param>
internal sealed record AnalysisOutcome(
    IReadOnlyDictionary<string, IReadOnlyList<AnalyzerFinding>> Findings,
    IReadOnlyDictionary<string, ExerciseRefusal> Refusals);

/// <summary>Why an exercise is graded as an error before its suite runs, with compiler-style lines to show.</summary>
internal sealed record ExerciseRefusal(string Message, IReadOnlyList<CompilerError> Errors);

/// <summary>
/// Runs the DS rules over the graded code of each exercise, within a time budget per exercise. The graded code is
/// exercises/&lt;slug&gt;/ for the exercises target and solutions/&lt;slug&gt;/ for the solutions target; the latter also
/// compiles exercises/&lt;slug&gt;/Given/ (as Solutions.csproj does) so the rules see real types, but findings there are
/// not the solution's. Suppressions written in the graded code do not hide a finding. For the exercises target the
/// student's sources must also pass the API allow-list (grader/allowed-apis.yaml, see analyzers/README.md): code that
/// uses reflection, processes, files, the environment or the test framework is refused before it ever runs.
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
        var refusals = new Dictionary<string, ExerciseRefusal>(StringComparer.Ordinal);
        var policy = target == BuildTarget.Exercises ? LoadPolicy() : null;
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
            IReadOnlyList<ApiViolation> violations;
            try
            {
                result = AnalysisRunner.Analyze(inputs, deadline.Token);
                violations = policy is null ? [] : AllowListChecker.CheckExercise(kit.Root, slug, kit.Root, policy, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                refusals[slug] = new ExerciseRefusal(
                    $"the analyzers did not finish within {(budget ?? BudgetPerExercise).TotalSeconds:0} s on this exercise's code and it was not graded", []);
                findings[slug] = [];
                continue;
            }
            catch (AnalysisInputException unreadable)
            {
                throw new KitException($"The analyzers cannot read the graded code: {unreadable.Message}");
            }

            if (violations.Count > 0)
            {
                refusals[slug] = new ExerciseRefusal(
                    $"not run: the code uses {violations.Count} API(s) that exercise code may not use (see grader/allowed-apis.yaml and analyzers/docs/rules/)",
                    violations.Select(v => new CompilerError(v.Path, v.Line, v.Column, v.Id, $"{v.Api} is not available to exercise code: {v.Reason}", null)).ToList());
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

    private AllowListPolicy LoadPolicy()
    {
        try
        {
            return AllowListPolicy.LoadFromKit(kit.Root);
        }
        catch (AllowListPolicyException invalid)
        {
            throw new KitException($"The API allow-list cannot be read: {invalid.Message}");
        }
    }

    private string GradedFolder(string slug, BuildTarget target) =>
        Path.Combine(kit.Root, target == BuildTarget.Solutions ? "solutions" : "exercises", slug);
}
