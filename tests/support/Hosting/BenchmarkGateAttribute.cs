namespace DistSys.Testing.Hosting;

/// <summary>
/// Says which tests must pass before a benchmark case counts: a benchmark of a wrong implementation earns nothing,
/// however fast it is. <see cref="TestNamePattern"/> may name benchmark parameters in braces, e.g.
/// <c>"Counts_every_operation_exactly({Strategy},"</c>; a case is allowed when at least one test name contains the expanded
/// pattern and every such test passed. Without this attribute a case needs every test of the suite to pass.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class BenchmarkGateAttribute(string testNamePattern) : Attribute
{
    /// <summary>The text that the gating tests' full names contain, with <c>{Parameter}</c> placeholders.</summary>
    public string TestNamePattern { get; } = testNamePattern;
}

/// <summary>BenchmarkDotNet categories with a meaning for the grader.</summary>
public static class BenchmarkCategories
{
    /// <summary>Marks a benchmark class or method as timed by the grader's benchmark stage (keep it to a few seconds).</summary>
    public const string Graded = "graded";
}
