using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using DistSys.Grader.Cli;
using DistSys.Grader.Grading;
using DistSys.Grader.Reporting;
using DistSys.Grader.Running;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace DistSys.Grader.Tests;

/// <summary>Each report format checked against its published schema or a parser of its grammar, on reports built directly.</summary>
public partial class ReportFormatsTests
{
    // ---- JUnit XML -------------------------------------------------------------------------------------------------

    [Test]
    public void Junit_xml_is_valid_against_the_junit_schema()
    {
        var errors = Validate(JUnitReport.Render(ReportSamples.Report()));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Junit_xml_stays_valid_when_a_test_prints_control_characters()
    {
        var report = Single(new TestResult("DistSys.Crdts.Tests.A.B", HostProtocol.Failed, "bell \a and escape \u001b[31m", 1, "nul \0 here") { Category = "behaviour" });

        var xml = JUnitReport.Render(report);

        Assert.That(Validate(xml), Is.Empty, xml);
        Assert.That(xml, Does.Contain("bell \uFFFD and escape \uFFFD[31m"));
    }

    [Test]
    public void Junit_counts_failures_errors_and_tests_per_suite_and_in_total()
    {
        var root = XDocument.Parse(JUnitReport.Render(ReportSamples.Report())).Root!;
        var suites = root.Elements("testsuite").ToDictionary(s => (string)s.Attribute("name")!, s => ((int)s.Attribute("tests")!, (int)s.Attribute("failures")!, (int)s.Attribute("errors")!));

        Assert.Multiple(() =>
        {
            Assert.That(suites, Is.EqualTo(new Dictionary<string, (int, int, int)> { ["crdts"] = (5, 3, 0), ["raft"] = (1, 0, 1) }), "unavailable exercises are left out");
            Assert.That(((int)root.Attribute("tests")!, (int)root.Attribute("failures")!, (int)root.Attribute("errors")!), Is.EqualTo((6, 3, 1)));
            var failure = root.Descendants("testcase").Single(c => (string?)c.Attribute("name") == "Merge_takes_the_maximum");
            Assert.That(((string?)failure.Attribute("classname"), (string?)failure.Element("failure")!.Attribute("message"), (string?)failure.Element("system-out")),
                Is.EqualTo(("DistSys.Crdts.Tests.GCounterTests", "Expected: 7", "merged 5 and 7")));
        });
    }

    // ---- Gradescope ------------------------------------------------------------------------------------------------

    [Test]
    public void Gradescope_results_follow_the_autograder_specification_field_by_field()
    {
        var root = JsonDocument.Parse(GradescopeReport.Render(ReportSamples.Report())).RootElement;

        var problems = GradescopeSpec.Check(root);

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Gradescope_test_points_add_up_to_each_exercises_points_and_the_top_level_score_is_the_grade()
    {
        var report = ReportSamples.Report();
        var root = JsonDocument.Parse(GradescopeReport.Render(report)).RootElement;
        var tests = root.GetProperty("tests").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(tests.Where(t => t.GetProperty("name").GetString()!.StartsWith("crdts: ", StringComparison.Ordinal)).Sum(t => t.GetProperty("max_score").GetDecimal()),
                Is.EqualTo(100m).Within(0.05m));
            Assert.That(tests.Single(t => t.GetProperty("name").GetString() == "raft: build").GetProperty("max_score").GetDecimal(), Is.EqualTo(100m),
                "an exercise that never ran is one test worth all its points");
            Assert.That(root.GetProperty("score").GetDecimal(), Is.EqualTo(report.Score));
            Assert.That(tests.Where(t => t.GetProperty("visibility").GetString() == "after_published").Select(t => t.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "crdts: hidden test 1 of 2", "crdts: hidden test 2 of 2" }));
        });
    }

    // ---- Exercism --------------------------------------------------------------------------------------------------

    [Test]
    public void Exercism_results_follow_the_test_runner_interface_version_3_field_by_field()
    {
        var root = JsonDocument.Parse(ExercismReport.Render(ReportSamples.Report())).RootElement;

        Assert.That(ExercismSpec.Check(root), Is.Empty);
        Assert.That((root.GetProperty("version").GetInt32(), root.GetProperty("status").GetString()), Is.EqualTo((3, "fail")));
        Assert.That(root.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "raft: build").GetProperty("status").GetString(),
            Is.EqualTo("error"), "an exercise that never ran is one test in error, next to the exercise that did run");
    }

    [Test]
    public void Exercism_output_is_cut_to_500_characters_with_a_notice()
    {
        var report = Single(new TestResult("DistSys.Crdts.Tests.A.Prints", HostProtocol.Passed, null, 1, new string('x', 520)) { Category = "behaviour" });

        var root = JsonDocument.Parse(ExercismReport.Render(report)).RootElement;
        var output = root.GetProperty("tests")[0].GetProperty("output").GetString()!;

        Assert.That(ExercismSpec.Check(root), Is.Empty);
        Assert.That(output, Has.Length.EqualTo(500).And.EndsWith("Please limit to 500 chars]"));
        Assert.That(root.GetProperty("tests")[0].GetProperty("name").GetString(), Is.EqualTo("A.Prints"), "one exercise: no slug prefix, no namespace");
    }

    [Test]
    public void Exercism_status_is_error_with_the_compiler_output_when_no_test_ran()
    {
        var report = new GradeReport("exercises", [Scoring.Error("raft", 100m, "does not compile", [new DistSys.Grader.Building.CompilerError("exercises/raft/Node.cs", 3, 5, "CS1002", "; expected", null)])],
            new GradeTiming(1, 1, 2, []));

        var root = JsonDocument.Parse(ExercismReport.Render(report)).RootElement;

        Assert.That(ExercismSpec.Check(root), Is.Empty);
        Assert.That((root.GetProperty("status").GetString(), root.GetProperty("message").GetString()),
            Is.EqualTo(("error", "raft: does not compile\nexercises/raft/Node.cs(3,5): error CS1002: ; expected")));
        Assert.That(root.TryGetProperty("tests", out _), Is.False);
    }

    [Test]
    public void Exercism_status_is_pass_when_every_test_passed()
    {
        var root = JsonDocument.Parse(ExercismReport.Render(Single(ScoringTests.Test("DistSys.Crdts.Tests.A.B", HostProtocol.Passed)))).RootElement;

        Assert.That((root.GetProperty("status").GetString(), root.TryGetProperty("message", out _)), Is.EqualTo(("pass", false)));
    }

    // ---- GitHub Actions --------------------------------------------------------------------------------------------

    [Test]
    public void Every_github_line_is_a_well_formed_workflow_command()
    {
        var lines = GitHubReport.Render(ReportSamples.Report()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.GreaterThan(3));
        Assert.That(lines.Where(line => WorkflowCommand.Parse(line) is null), Is.Empty);
    }

    [Test]
    public void A_failed_test_is_annotated_at_the_stack_frame_in_its_suite_relative_to_the_submission()
    {
        var commands = Commands(ReportSamples.Report());

        var failed = commands.Single(c => c.Properties["title"] == "crdts: GCounterTests.Merge_takes_the_maximum");

        Assert.That((failed.Command, failed.Properties["file"], failed.Properties["line"]), Is.EqualTo(("error", "tests/crdts/GCounterTests.cs", "48")));
        Assert.That(failed.Message, Does.StartWith("Expected: 7\n  But was: 12"));
    }

    [Test]
    public void A_failed_test_without_a_stack_frame_is_annotated_at_its_source_line_from_the_catalog()
    {
        var failed = Commands(ReportSamples.Report()).Single(c => c.Properties["title"] == "crdts: ORSetTests.Runs_after_a_crash");

        Assert.That((failed.Properties["file"], failed.Properties["line"]), Is.EqualTo(("tests/crdts/ORSetTests.cs", "70")));
    }

    [Test]
    public void Compile_errors_and_analyzer_findings_are_annotated_at_their_file_and_line()
    {
        var commands = Commands(ReportSamples.Report());

        Assert.Multiple(() =>
        {
            var error = commands.Single(c => c.Properties["title"] == "raft: CS1002");
            Assert.That((error.Properties["file"], error.Properties["line"], error.Properties["col"], error.Message), Is.EqualTo(("exercises/raft/Node.cs", "3", "5", "; expected")));
            var finding = commands.Single(c => c.Properties["title"] == "raft: DS007");
            Assert.That((finding.Command, finding.Properties["file"], finding.Properties["line"]), Is.EqualTo(("error", "exercises/raft/Node.cs", "7")));
            var hiddenFile = commands.Single(c => c.Properties["title"] == "raft: CS1061");
            Assert.That(hiddenFile.Properties.ContainsKey("file"), Is.False, "an error in a hidden test file gets no file annotation");
        });
    }

    [Test]
    public void Workflow_command_properties_and_messages_escape_percent_newlines_colons_and_commas()
    {
        var report = Single(new TestResult("DistSys.Crdts.Tests.A.Fifty_percent: done, really", HostProtocol.Failed, "100% wrong:\r\nsee a, b", 1, null)
        {
            Category = "behaviour", Source = new SourceLocation("tests/crdts/odd, name:1.cs", 3),
        });

        var line = GitHubReport.Render(report).Split('\n')[0];
        var command = WorkflowCommand.Parse(line)!;

        Assert.That(line, Is.EqualTo("::error file=tests/crdts/odd%2C name%3A1.cs,line=3,title=crdts%3A A.Fifty_percent%3A done%2C really::100%25 wrong:%0D%0Asee a, b"));
        Assert.That((command.Properties["file"], command.Properties["title"], command.Message),
            Is.EqualTo(("tests/crdts/odd, name:1.cs", "crdts: A.Fifty_percent: done, really", "100% wrong:\r\nsee a, b")), "the escapes undo to the original text");
    }

    [Test]
    public void A_concealed_hidden_test_is_annotated_without_a_file_and_with_a_neutral_title()
    {
        var hidden = Commands(ReportSamples.Report()).Single(c => c.Properties["title"].StartsWith("crdts: hidden test", StringComparison.Ordinal));

        Assert.That((hidden.Properties.ContainsKey("file"), hidden.Properties["title"]), Is.EqualTo((false, "crdts: hidden test 1 of 2 failed")));
    }

    [Test]
    public void The_github_format_ends_with_a_notice_of_the_grade()
    {
        var last = Commands(ReportSamples.Report())[^1];

        Assert.That((last.Command, last.Properties["title"], last.Message), Is.EqualTo(("notice", "Grade 40/200", "crdts 40/100, raft 0/100")));
    }

    // ---- Markdown --------------------------------------------------------------------------------------------------

    [Test]
    public void The_markdown_summary_is_a_table_of_every_exercise_and_the_total()
    {
        var document = Markdown.Parse(MarkdownReport.Render(ReportSamples.Report()), new MarkdownPipelineBuilder().UsePipeTables().Build());

        var rows = document.Descendants<Table>().Single().OfType<TableRow>()
            .Select(row => row.OfType<TableCell>().Select(cell => Plain(cell)).ToArray()).ToList();

        Assert.That(rows, Is.EqualTo(new[]
        {
            new[] { "Exercise", "Tests", "Status", "Score" },
            ["crdts", "2/5", "fail", "40/100"],
            ["raft", "-", "error", "0/100"],
            ["vector-clocks", "-", "unavailable", "-"],
            ["Total", "2/5", "", "40/200"],
        }));
    }

    [Test]
    public void Markdown_keeps_markup_in_messages_literal()
    {
        var report = Single(new TestResult("DistSys.Crdts.Tests.A.B", HostProtocol.Failed, "expected <b>x</b> | *y* [z](http://e)", 1, null) { Category = "behaviour" });

        var html = Markdown.ToHtml(MarkdownReport.Render(report), new MarkdownPipelineBuilder().UsePipeTables().Build());

        Assert.That(html, Does.Contain("expected &lt;b&gt;x&lt;/b&gt; | *y* [z](http://e)").And.Not.Contain("<b>x</b>").And.Not.Contain("<em>"));
    }

    // ---- Command line ----------------------------------------------------------------------------------------------

    [Test]
    public void Format_may_be_repeated_or_comma_separated_the_first_goes_to_stdout_and_out_writes_them_all()
    {
        using var kit = new CliKit();
        var folder = Path.Combine(kit.Root, "report");

        var (exitCode, output, error) = kit.Run("--format", "junit,gradescope", "--format", "markdown", "--format", "exercism", "--out", folder);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Graded), error);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.StartWith("<?xml"), "junit came first, so it goes to stdout");
            Assert.That(Validate(File.ReadAllText(Path.Combine(folder, "junit.xml"))), Is.Empty);
            Assert.That(GradescopeSpec.Check(JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json"))).RootElement), Is.Empty);
            Assert.That(ExercismSpec.Check(JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "exercism", "results.json"))).RootElement), Is.Empty);
            Assert.That(File.ReadAllText(Path.Combine(folder, "report.md")), Does.StartWith("# Grade: 0/0"));
            Assert.That(File.Exists(Path.Combine(folder, "report.json")) && File.Exists(Path.Combine(folder, "report.txt")), Is.True, "report.json and report.txt are always written");
        });
    }

    [Test]
    public void An_unknown_name_in_a_comma_separated_format_exits_2_before_grading()
    {
        using var kit = new CliKit();

        var (exitCode, _, error) = kit.Run("--format", "junit,xml");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("'xml'").And.Contain("gradescope").And.Contain("exercism"));
    }

    [Test]
    public void The_github_format_appends_its_summary_to_the_step_summary_file()
    {
        using var kit = new CliKit();
        var summary = Path.Combine(kit.Root, "step-summary.md");
        File.WriteAllText(summary, "earlier step\n");

        var (exitCode, output, _) = kit.Run(name => name == "GITHUB_STEP_SUMMARY" ? summary : null, "--format", "github");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Graded));
        Assert.That(output, Does.StartWith("::notice title=Grade 0/0::"));
        Assert.That(File.ReadAllText(summary), Does.StartWith("earlier step\n# Grade: 0/0"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static GradeReport Single(TestResult test) =>
        new("exercises", [ReportSamples.Graded("crdts", new DistSys.Grader.Kit.ExerciseRules(100m, TimeSpan.FromSeconds(5)), [test with { Category = test.Category ?? "behaviour" }])],
            new GradeTiming(1, 1, 2, []));

    internal static List<string> Validate(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(TestContext.CurrentContext.TestDirectory, "Schemas", "junit.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static List<WorkflowCommand> Commands(GradeReport report) =>
        GitHubReport.Render(report).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => WorkflowCommand.Parse(line)!).ToList();

    private static string Plain(TableCell cell) =>
        string.Concat(cell.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(literal => literal.Content.ToString()));

    /// <summary>
    /// GitHub's workflow-command grammar: <c>::name key=value,key=value::message</c>, one per line. Property values may
    /// not contain a raw ':' ',' CR or LF (GitHub escapes them as %3A %2C %0D %0A, and % as %25); the message may not
    /// contain a raw CR or LF.
    /// </summary>
    private sealed partial record WorkflowCommand(string Command, IReadOnlyDictionary<string, string> Properties, string Message)
    {
        private static readonly string[] Keys = ["file", "line", "endLine", "col", "endColumn", "title"];

        public static WorkflowCommand? Parse(string line)
        {
            var match = Grammar().Match(line);
            if (!match.Success)
            {
                return null;
            }

            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (match.Groups["properties"].Success)
            {
                foreach (var property in match.Groups["properties"].Value.Split(','))
                {
                    var equals = property.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0 || !Keys.Contains(property[..equals]) || !properties.TryAdd(property[..equals], Unescape(property[(equals + 1)..])))
                    {
                        return null;
                    }
                }
            }

            if (properties.TryGetValue("line", out var number) && !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return null;
            }

            return new WorkflowCommand(match.Groups["command"].Value, properties, Unescape(match.Groups["message"].Value));
        }

        // One pass, left to right: "%253A" is the text "%3A", not ":".
        private static string Unescape(string value) => Escape().Replace(value, match => match.Groups[1].Value switch
        {
            "25" => "%",
            "0D" => "\r",
            "0A" => "\n",
            "3A" => ":",
            _ => ",",
        });

        [GeneratedRegex("%(25|0D|0A|3A|2C)")]
        private static partial Regex Escape();

        [GeneratedRegex(@"^::(?<command>error|warning|notice)(?: (?<properties>[^:\r\n]*))?::(?<message>[^\r\n]*)$")]
        private static partial Regex Grammar();
    }

    /// <summary>Gradescope's results.json as its "Autograder Specifications" page describes it.</summary>
    private static class GradescopeSpec
    {
        private static readonly string[] TopLevel = ["score", "execution_time", "output", "output_format", "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"];
        private static readonly string[] PerTest = ["score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags", "visibility", "extra_data"];
        private static readonly string[] Visibilities = ["hidden", "after_due_date", "after_published", "visible"];

        public static List<string> Check(JsonElement root)
        {
            var problems = new List<string>();
            Keys(root, TopLevel, "results", problems);
            Number(root, "score", required: true, problems);
            Number(root, "execution_time", required: false, problems);
            Text(root, "output", problems);
            var hasTests = root.TryGetProperty("tests", out var list);
            if (hasTests && list.ValueKind != JsonValueKind.Array)
            {
                problems.Add("tests: expected an array");
            }

            var tests = hasTests && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];

            foreach (var (test, i) in tests.Select((t, i) => (t, i)))
            {
                var where = $"tests[{i}]";
                Keys(test, PerTest, where, problems);
                Number(test, "score", required: true, problems);
                Number(test, "max_score", required: true, problems);
                if (!test.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
                {
                    problems.Add($"{where}.name: expected a non-empty string");
                }

                Text(test, "output", problems);
                if (test.TryGetProperty("status", out var status) && status.GetString() is not ("passed" or "failed"))
                {
                    problems.Add($"{where}.status: expected passed or failed, was {status}");
                }

                if (test.TryGetProperty("visibility", out var visibility) && !Visibilities.Contains(visibility.GetString()))
                {
                    problems.Add($"{where}.visibility: {visibility} is not one of {string.Join(", ", Visibilities)}");
                }

                if (test.TryGetProperty("score", out var score) && test.TryGetProperty("max_score", out var max) && score.ValueKind == JsonValueKind.Number
                    && max.ValueKind == JsonValueKind.Number && (score.GetDecimal() > max.GetDecimal() || score.GetDecimal() < 0))
                {
                    problems.Add($"{where}: score {score} is outside 0..max_score {max}");
                }
            }

            return problems;
        }
    }

    /// <summary>Exercism's test runner interface, results.json version 3.</summary>
    private static class ExercismSpec
    {
        private static readonly string[] TopLevel = ["version", "status", "message", "tests"];
        private static readonly string[] PerTest = ["name", "status", "message", "output", "test_code", "task_id"];

        public static List<string> Check(JsonElement root)
        {
            var problems = new List<string>();
            Keys(root, TopLevel, "results", problems);
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 3)
            {
                problems.Add("version: expected the number 3");
            }

            var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (status is not ("pass" or "fail" or "error"))
            {
                problems.Add($"status: expected pass, fail or error, was {status}");
            }

            var hasMessage = root.TryGetProperty("message", out var message) && message.ValueKind != JsonValueKind.Null;
            if (status == "error" && (!hasMessage || message.ValueKind != JsonValueKind.String || message.GetString()!.Length is 0 or > 65535))
            {
                problems.Add("message: required for status error, a string of at most 65535 characters");
            }

            if (status != "error" && hasMessage)
            {
                problems.Add("message: must be null or absent unless the status is error");
            }

            var hasTests = root.TryGetProperty("tests", out var tests) && tests.ValueKind == JsonValueKind.Array;
            if (status is "pass" or "fail" && !hasTests)
            {
                problems.Add("tests: required for pass and fail");
            }

            var statuses = new List<string?>();
            foreach (var (test, i) in (hasTests ? tests.EnumerateArray().ToList() : []).Select((t, i) => (t, i)))
            {
                var where = $"tests[{i}]";
                Keys(test, PerTest, where, problems);
                if (!test.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
                {
                    problems.Add($"{where}.name: expected a non-empty string");
                }

                var testStatus = test.TryGetProperty("status", out var ts) ? ts.GetString() : null;
                statuses.Add(testStatus);
                if (testStatus is not ("pass" or "fail" or "error"))
                {
                    problems.Add($"{where}.status: expected pass, fail or error, was {testStatus}");
                }

                Text(test, "message", problems);
                Text(test, "test_code", problems);
                if (test.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.String && output.GetString()!.Length > 500)
                {
                    problems.Add($"{where}.output: {output.GetString()!.Length} characters, the limit is 500");
                }

                if (test.TryGetProperty("task_id", out var task) && task.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"{where}.task_id: expected a number");
                }
            }

            if (status == "pass" && statuses.Any(t => t != "pass"))
            {
                problems.Add("status: pass although a test did not pass");
            }

            if (status == "fail" && statuses.All(t => t == "pass"))
            {
                problems.Add("status: fail although every test passed");
            }

            return problems;
        }
    }

    private static void Keys(JsonElement element, string[] allowed, string where, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: expected an object");
            return;
        }

        problems.AddRange(element.EnumerateObject().Where(p => !allowed.Contains(p.Name)).Select(p => $"{where}.{p.Name}: not a field of the specification"));
    }

    private static void Number(JsonElement element, string name, bool required, List<string> problems)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            if (required)
            {
                problems.Add($"{name}: required");
            }
        }
        else if (value.ValueKind != JsonValueKind.Number)
        {
            problems.Add($"{name}: expected a number, was {value.ValueKind}");
        }
    }

    private static void Text(JsonElement element, string name, List<string> problems)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            problems.Add($"{name}: expected a string, was {value.ValueKind}");
        }
    }

    /// <summary>A tiny kit whose exercises have no suites (nothing builds), for the command line.</summary>
    private sealed class CliKit : IDisposable
    {
        public CliKit()
        {
            Root = Directory.CreateTempSubdirectory("distsys-formats-").FullName;
            TinyKit.WriteKitFiles(Root);
            Directory.CreateDirectory(Path.Combine(Root, "exercises", "alpha"));
            Directory.CreateDirectory(Path.Combine(Root, "grader"));
            File.WriteAllText(Path.Combine(Root, "grader", "rubric.yaml"), "defaults:\n  points: 100\n");
        }

        public string Root { get; }

        public (int ExitCode, string Output, string Error) Run(params string[] args) => Run(_ => null, args);

        public (int ExitCode, string Output, string Error) Run(Func<string, string?> environment, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exitCode = new GraderCommandLine(output, error, Root) { EnvironmentVariable = environment }.RunAsync(["--root", Root, .. args]).GetAwaiter().GetResult();
            return (exitCode, output.ToString(), error.ToString());
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
