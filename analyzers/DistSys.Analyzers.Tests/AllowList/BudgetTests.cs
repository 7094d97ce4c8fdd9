using System.Diagnostics;
using DistSys.Analyzers.Runner.AllowList;

namespace DistSys.Analyzers.Tests.AllowList;

/// <summary>The grader gives the check a time budget through the cancellation token; a pathological file must respect it.</summary>
public sealed class BudgetTests
{
    [Test]
    public void A_huge_expression_is_cancelled_when_the_budget_runs_out()
    {
        var code = "namespace DistSys.Crdts;\npublic static class Huge\n{\n    public static int Sum() => 1"
            + string.Concat(Enumerable.Repeat(" + 1", 200_000)) + ";\n}\n";
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        try
        {
            AllowListChecker.CheckSources("crdts", [new SourceFile("Huge.cs", code)], [], Kit.Policy, budget.Token);
        }
        catch (OperationCanceledException)
        {
            // The budget ran out: the grader reports the exercise as `error`.
        }

        TestContext.Out.WriteLine($"stopped after {watch.Elapsed.TotalSeconds:F1} s, cancelled: {budget.IsCancellationRequested}");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "The check must stop soon after its budget (1 s) runs out.");
    }
}
