using DistSys.Analyzers.Runner;

namespace DistSys.Analyzers.Tests.AllowList;

/// <summary>The DS deductions are computed by the runner; code under grading must not be able to switch them off.</summary>
public sealed class SuppressionTests
{
    private const string Racy = """
        using System.Diagnostics.CodeAnalysis;

        namespace Sample;

        public class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Increment() { lock (_gate) { _count++; } }
        #pragma warning disable DS001
            public int Count => _count;
        #pragma warning restore DS001
            [SuppressMessage("Concurrency", "DS001")]
            public int Again => _count;
        }
        """;

    private const string GlobalSuppressions = """
        [assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Concurrency", "DS001", Scope = "module")]
        """;

    [Test]
    public void Pragma_SuppressMessage_and_GlobalSuppressions_do_not_remove_DS_findings()
    {
        var folder = Path.Combine(Path.GetTempPath(), "distsys-suppression-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "Counter.cs"), Racy);
            File.WriteAllText(Path.Combine(folder, "GlobalSuppressions.cs"), GlobalSuppressions);
            File.WriteAllText(Path.Combine(folder, ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.DS001.severity = none\n");

            var result = AnalysisRunner.Analyze([folder]);

            Assert.That(result.Findings.Count(f => f.Id == "DS001"), Is.EqualTo(2), "Both unlocked reads are reported despite the suppressions.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
