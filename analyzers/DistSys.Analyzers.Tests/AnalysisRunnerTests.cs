using System.Text.Json;
using DistSys.Analyzers.Runner;

namespace DistSys.Analyzers.Tests;

/// <summary>The runner behind `grader analyze`: which files it reads, what it reports, and the three output formats.</summary>
public sealed class AnalysisRunnerTests
{
    private const string RacyCounter = """
        namespace Sample;

        public class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Increment() { lock (_gate) { _count++; } }
            public int Count => _count;
        }
        """;

    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "distsys-analyzer-runner-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Write(string relativePath, string content)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Test]
    public void Reports_a_finding_with_its_rule_position_and_help_page()
    {
        var file = Write("Counter.cs", RacyCounter);

        var result = AnalysisRunner.Analyze([file]);

        Assert.That(result.CompilerErrors, Is.Empty, "The sample compiles.");
        var finding = result.Findings.Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Id, Is.EqualTo("DS001"));
            Assert.That((finding.Line, finding.Column), Is.EqualTo((8, 25)), "Position of '_count' in 'public int Count => _count;'.");
            Assert.That(finding.Severity, Is.EqualTo("warning"));
            Assert.That(finding.Help, Does.EndWith("/analyzers/docs/rules/DS001.md"));
            Assert.That(finding.Path, Does.EndWith("Counter.cs"));
        });
    }

    [Test]
    public void A_project_folder_contributes_its_sources_but_not_bin_or_obj()
    {
        Write("Project/Project.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write("Project/Counter.cs", RacyCounter);
        Write("Project/obj/Debug/Generated.cs", "this does not compile");
        Write("Project/bin/Debug/Old.cs", "neither does this");

        var byFolder = AnalysisRunner.Analyze([Path.Combine(_folder, "Project")]);
        var byProjectFile = AnalysisRunner.Analyze([Path.Combine(_folder, "Project", "Project.csproj")]);

        Assert.That(byFolder.Files.Select(Path.GetFileName), Is.EqualTo(new[] { "Counter.cs" }));
        Assert.That(byProjectFile.Files, Is.EqualTo(byFolder.Files));
        Assert.That(byFolder.CompilerErrors, Is.Empty, "Files under bin/ and obj/ must not be compiled.");
    }

    [Test]
    public void Source_that_does_not_compile_is_still_analyzed_and_its_errors_reported()
    {
        var file = Write("Broken.cs", RacyCounter.Replace("public int Count => _count;", "public int Count => _count; public int Missing => Undefined;", StringComparison.Ordinal));

        var result = AnalysisRunner.Analyze([file]);

        Assert.That(result.CompilerErrors.Select(e => e.Id), Does.Contain("CS0103"), "The undefined name is a compiler error.");
        Assert.That(result.Findings.Select(f => f.Id), Is.EqualTo(new[] { "DS001" }), "The race is found despite the error.");
    }

    [Test]
    public void Loose_files_see_implicit_usings_and_the_kit_runtime()
    {
        var file = Write("Node.cs", """
            using DistSys.Runtime;
            public sealed class Pinger : INode
            {
                public void OnStart() => Thread.Sleep(10);
                public void OnMessage(NodeId from, object message) { }
            }
            """);

        var result = AnalysisRunner.Analyze([file]);

        Assert.That(result.CompilerErrors, Is.Empty, string.Join("\n", result.CompilerErrors));
        Assert.That(result.Findings.Select(f => f.Id), Is.EqualTo(new[] { "DS017" }));
    }

    [Test]
    public void A_missing_path_is_an_input_error_naming_the_path()
    {
        var missing = Path.Combine(_folder, "nope");

        var error = Assert.Throws<AnalysisInputException>(() => AnalysisRunner.Analyze([missing]));

        Assert.That(error!.Message, Does.Contain(missing));
    }

    [Test]
    public void Text_output_is_one_msbuild_style_line_per_finding()
    {
        var result = new AnalysisResult(
            [new Finding("DS007", "src/Chaos.cs", 3, 14, "warning", "unseeded", "https://example/DS007.md")],
            [new CompilerError("CS1002", "src/Chaos.cs", 9, 1, "; expected")],
            ["src/Chaos.cs"]);

        Assert.That(AnalysisFormatter.Text(result), Is.EqualTo(
            "src/Chaos.cs(9,1): error CS1002: ; expected\nsrc/Chaos.cs(3,14): warning DS007: unseeded\n"));
    }

    [Test]
    public void Json_output_lists_findings_with_the_documented_fields()
    {
        var result = AnalysisRunner.Analyze([Write("Counter.cs", RacyCounter)]);

        using var json = JsonDocument.Parse(AnalysisFormatter.Json(result));

        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "path", "line", "column", "severity", "message", "help" }));
            Assert.That(finding.GetProperty("id").GetString(), Is.EqualTo("DS001"));
            Assert.That(finding.GetProperty("line").GetInt32(), Is.EqualTo(8));
            Assert.That(json.RootElement.GetProperty("compilerErrors").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public void Sarif_output_is_a_2_1_0_log_whose_results_point_at_the_rules()
    {
        var result = AnalysisRunner.Analyze([Write("Counter.cs", RacyCounter)]);

        using var sarif = JsonDocument.Parse(AnalysisFormatter.Sarif(result));

        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var sarifResult = run.GetProperty("results").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(sarif.RootElement.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
            Assert.That(rules.GetArrayLength(), Is.EqualTo(18));
            Assert.That(sarifResult.GetProperty("ruleId").GetString(), Is.EqualTo("DS001"));
            Assert.That(rules[sarifResult.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString(), Is.EqualTo("DS001"));
            Assert.That(sarifResult.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32(), Is.EqualTo(8));
        });
    }

    [Test]
    public void The_same_input_gives_the_same_report_every_time()
    {
        Write("A.cs", RacyCounter);
        Write("B.cs", RacyCounter.Replace("Counter", "Other", StringComparison.Ordinal));

        var first = AnalysisFormatter.Sarif(AnalysisRunner.Analyze([_folder]));
        var second = AnalysisFormatter.Sarif(AnalysisRunner.Analyze([_folder]));

        Assert.That(second, Is.EqualTo(first));
    }
}
