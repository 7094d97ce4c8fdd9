using DistSys.Grader.Grading;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

/// <summary>The grading stage's split of findings per exercise, over a tiny temp kit (no build).</summary>
public class AnalyzerStageTests
{
    private const string RandomSource = "namespace Demo.{0};\n\npublic class Dice\n{{\n    public int Roll() => new Random().Next(6);\n}}\n";

    private string kitRoot = string.Empty;

    [SetUp]
    public void CreateKit()
    {
        kitRoot = Directory.CreateTempSubdirectory("distsys-stage-").FullName;
        TinyKit.WriteKitFiles(kitRoot);
        Write("exercises/alpha/Dice.cs", string.Format(System.Globalization.CultureInfo.InvariantCulture, RandomSource, "Alpha"));
        Write("exercises/beta/Adder.cs", "namespace Demo.Beta;\n\npublic static class Adder { public static int Add(int a, int b) => a + b; }\n");
        Write("exercises/beta/Given/Dice.cs", string.Format(System.Globalization.CultureInfo.InvariantCulture, RandomSource, "Beta"));
        Write("solutions/beta/Adder.cs", "namespace Demo.Beta;\n\npublic static class Adder { public static int Add(int a, int b) => a + b; }\n");
    }

    [TearDown]
    public void DeleteKit() => Directory.Delete(kitRoot, recursive: true);

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(kitRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Test]
    public void Each_exercise_gets_the_findings_in_its_own_folder_with_kit_relative_paths()
    {
        var findings = new AnalyzerStage(KitLayout.Locate(kitRoot, kitRoot)).Analyze(["alpha"], BuildTarget.Exercises).Findings;

        Assert.That(findings["alpha"].Select(finding => $"{finding.Path}({finding.Line},{finding.Column}): {finding.Id}"),
            Is.EqualTo(new[] { "exercises/alpha/Dice.cs(5,26): DS007" }));
    }

    [Test]
    public void For_the_solutions_only_the_solution_folder_counts_not_the_given_code()
    {
        var findings = new AnalyzerStage(KitLayout.Locate(kitRoot, kitRoot)).Analyze(["beta"], BuildTarget.Solutions).Findings;

        Assert.That(findings["beta"], Is.Empty, "exercises/beta/Given/ is compiled with the solution but is kit code, not the solution's");
    }

    [Test]
    public void A_suppression_in_the_graded_code_does_not_hide_a_finding()
    {
        Write("exercises/alpha/Dice.cs", "#pragma warning disable DS007\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, RandomSource, "Alpha"));
        Write("exercises/alpha/GlobalSuppressions.cs", "[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage(\"DistSys\", \"DS007\")]\n");

        var findings = new AnalyzerStage(KitLayout.Locate(kitRoot, kitRoot)).Analyze(["alpha"], BuildTarget.Exercises).Findings;

        Assert.That(findings["alpha"].Select(finding => finding.Id), Is.EqualTo(new[] { "DS007" }),
            "#pragma warning disable and [SuppressMessage] in student code must not remove an analyzer deduction");
    }

    [Test]
    public void An_exercise_whose_analysis_overruns_its_budget_is_refused_not_the_whole_run()
    {
        var outcome = new AnalyzerStage(KitLayout.Locate(kitRoot, kitRoot)).Analyze(["alpha", "beta"], BuildTarget.Exercises, budget: TimeSpan.Zero);

        Assert.That(outcome.Refusals.Keys, Is.EquivalentTo(new[] { "alpha", "beta" }));
        Assert.That(outcome.Refusals["alpha"].Message, Does.Contain("did not finish within"));
    }

    [Test]
    public void Student_code_that_uses_reflection_is_refused_with_a_compiler_style_line()
    {
        Write("exercises/alpha/Peek.cs", "namespace Demo.Alpha;\n\npublic static class Peek\n{\n    public static object? Field() => typeof(Peek).GetField(\"secret\");\n}\n");

        var outcome = new AnalyzerStage(KitLayout.Locate(kitRoot, kitRoot)).Analyze(["alpha"], BuildTarget.Exercises);

        Assert.That(outcome.Refusals.ContainsKey("alpha"), Is.True, "reflection in exercise code must stop the exercise before its suite runs");
        Assert.That(outcome.Refusals["alpha"].Errors.Select(error => error.Text),
            Has.Some.StartsWith("exercises/alpha/Peek.cs(5,").And.Contains("DS100").And.Contains("GetField"));
    }
}
