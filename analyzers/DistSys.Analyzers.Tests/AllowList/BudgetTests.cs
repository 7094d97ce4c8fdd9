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
        // No wall-clock bound here (speed is not for unit tests): the check must notice its cancelled budget and stop.
        Assert.Catch<OperationCanceledException>(
            () => AllowListChecker.CheckSources("crdts", [new SourceFile("Huge.cs", code)], [], Kit.Policy, budget.Token),
            "a check that ignores its budget would let one submission stall the grader");
    }
}
