using System.Text.Json;
using DistSys.Grader.Cli;

namespace DistSys.Grader.Tests;

/// <summary>`grader analyze` over a temp folder holding one file with a DS007 finding and one clean file.</summary>
public class AnalyzeCommandTests
{
    private const string BadSource = "namespace Demo;\n\npublic class Dice\n{\n    public int Roll() => new Random().Next(6);\n}\n";
    private const string CleanSource = "namespace Demo;\n\npublic class Adder\n{\n    public int Add(int a, int b) => a + b;\n}\n";

    private string folder = string.Empty;

    [SetUp]
    public void CreateSources()
    {
        folder = Directory.CreateTempSubdirectory("distsys-analyze-").FullName;
        File.WriteAllText(Path.Combine(folder, "Dice.cs"), BadSource);
        File.WriteAllText(Path.Combine(folder, "Adder.cs"), CleanSource);
    }

    [TearDown]
    public void DeleteSources() => Directory.Delete(folder, recursive: true);

    [Test]
    public void Text_lists_each_finding_msbuild_style_and_exits_0()
    {
        var (exitCode, output, _) = Run("analyze", folder);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Graded), "findings are a report, not a failure");
        Assert.That(output, Does.Match(@"Dice\.cs\(5,26\): warning DS007: ").And.Not.Contain("Adder.cs"),
            $"expected one DS007 at Dice.cs(5,26) for `new Random()` and nothing for the clean file; output:\n{output}");
    }

    [Test]
    public void A_clean_file_gives_no_findings_and_exits_0()
    {
        var (exitCode, output, _) = Run("analyze", Path.Combine(folder, "Adder.cs"));

        Assert.That((exitCode, output), Is.EqualTo((ExitCodes.Graded, string.Empty)));
    }

    [Test]
    public void Json_has_one_finding_object_per_finding()
    {
        var (exitCode, output, _) = Run("analyze", folder, "--format", "json");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Graded));
        var finding = JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray().Single();
        Assert.That(finding.EnumerateObject().Select(property => property.Name),
            Is.EqualTo(new[] { "id", "path", "line", "column", "severity", "message", "help" }));
        Assert.That((finding.GetProperty("id").GetString(), finding.GetProperty("line").GetInt32()), Is.EqualTo(("DS007", 5)));
    }

    [Test]
    public void Sarif_is_a_2_1_0_log_with_the_finding_as_a_result()
    {
        var (exitCode, output, _) = Run("analyze", folder, "--format", "sarif");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Graded));
        var log = JsonDocument.Parse(output).RootElement;
        Assert.That(log.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
        Assert.That(log.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(result => result.GetProperty("ruleId").GetString()),
            Is.EqualTo(new[] { "DS007" }));
    }

    [Test]
    public void Source_that_does_not_compile_is_still_analyzed_and_its_errors_are_listed()
    {
        File.WriteAllText(Path.Combine(folder, "Broken.cs"), "namespace Demo;\n\npublic class Broken { public int X => Missing(); }\n");

        var (exitCode, output, _) = Run("analyze", folder);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Graded));
        Assert.That(output, Does.Contain("error CS0103").And.Contain("warning DS007"), $"output:\n{output}");
    }

    [Test]
    public void A_missing_path_exits_2_with_a_one_line_reason()
    {
        var missing = Path.Combine(folder, "nope");

        var (exitCode, output, error) = Run("analyze", missing);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.One.Contain("does not exist"), $"stderr:\n{error}");
    }

    [Test]
    public void A_file_that_is_not_csharp_exits_2()
    {
        var notes = Path.Combine(folder, "notes.txt");
        File.WriteAllText(notes, "hello");

        Assert.That(Run("analyze", notes).ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public void No_path_exits_2_with_the_usage()
    {
        var (exitCode, _, error) = Run("analyze");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("Usage: grader analyze PATH"));
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = new GraderCommandLine(output, error, folder).RunAsync(args).GetAwaiter().GetResult();
        return (exitCode, output.ToString(), error.ToString());
    }
}
