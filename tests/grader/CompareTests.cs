using System.Text.Json;
using DistSys.Grader.Benchmarks;
using DistSys.Grader.Grading;
using DistSys.Grader.Reporting;
using DistSys.Grader.Running;

namespace DistSys.Grader.Tests;

/// <summary><c>grader compare</c> on built grades: which figures it sets side by side, which ratios it flags, how it prints them.</summary>
public class CompareTests
{
    private const string Prefix = "DistSys.BasicPaxos.Tests.SafetyTests.";

    [Test]
    public void A_passing_submission_that_sends_four_times_the_messages_is_flagged()
    {
        var comparison = Compare(
            [Simulated("A", messages: 400, bytes: 25_600), Simulated("B", messages: 420, bytes: 26_880)],
            [Simulated("A", messages: 100, bytes: 6_400), Simulated("B", messages: 100, bytes: 6_400)]);

        Assert.Multiple(() =>
        {
            Assert.That(comparison.Summary, Is.EqualTo("passes, but sends 4.1× the reference's messages and 4.1× its bytes"));
            Assert.That(comparison.Traffic!.Ratio, Is.EqualTo(4.1).Within(1e-9), "Σ student messages ÷ Σ reference messages over the compared tests");
            Assert.That(comparison.Traffic.Per, Is.EqualTo(Comparison.PerTest), "no test counted client operations");
            Assert.That(comparison.TrafficByTest.Select(test => test.Name), Is.EqualTo(new[] { Prefix + "B", Prefix + "A" }), "flagged tests, the highest ratio first");
        });
    }

    [Test]
    public void A_ratio_of_exactly_two_is_not_flagged()
    {
        var comparison = Compare([Simulated("A", messages: 200, bytes: 100)], [Simulated("A", messages: 100, bytes: 100)]);

        Assert.Multiple(() =>
        {
            Assert.That(comparison.Flags, Is.Empty, "the threshold is 'more than twice'");
            Assert.That(comparison.Summary, Is.EqualTo("passes"));
            Assert.That(comparison.TrafficByTest, Is.Empty, "by default only flagged tests are listed");
        });
    }

    [Test]
    public void Just_above_two_is_printed_with_two_decimals_so_it_does_not_read_as_the_threshold()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Comparison.Times(2.04), Is.EqualTo("2.04×"));
            Assert.That(Comparison.Times(4.06), Is.EqualTo("4.1×"));
            Assert.That(Comparison.Times(2.0), Is.EqualTo("2.0×"));
        });
    }

    [Test]
    public void Messages_are_compared_per_operation_when_every_test_counted_its_operations()
    {
        // The student completes half the operations with the same messages: twice the messages per operation, not flagged.
        var comparison = Compare(
            [Simulated("A", messages: 300, bytes: 300, operations: 10)],
            [Simulated("A", messages: 300, bytes: 300, operations: 20)]);

        Assert.Multiple(() =>
        {
            Assert.That(comparison.Traffic!.Per, Is.EqualTo(Comparison.PerOperation));
            Assert.That(comparison.Traffic.Student.Messages, Is.EqualTo(30));
            Assert.That(comparison.Traffic.Reference.Messages, Is.EqualTo(15));
            Assert.That(comparison.Traffic.Ratio, Is.EqualTo(2.0));
        });
    }

    [Test]
    public void Per_operation_flags_say_so()
    {
        var comparison = Compare(
            [Simulated("A", messages: 900, bytes: 900, operations: 10)],
            [Simulated("A", messages: 300, bytes: 300, operations: 10)]);

        Assert.That(comparison.Flags[0], Is.EqualTo("sends 3.0× the reference's messages per operation"));
    }

    [Test]
    public void Only_tests_that_passed_on_both_sides_enter_the_traffic_figures()
    {
        var comparison = Compare(
            [Simulated("A", messages: 100, bytes: 100), Simulated("B", messages: 10_000, bytes: 10_000) with { Status = HostProtocol.Failed }],
            [Simulated("A", messages: 100, bytes: 100), Simulated("B", messages: 100, bytes: 100)]);

        Assert.Multiple(() =>
        {
            Assert.That(comparison.Traffic!.Tests, Is.EqualTo(1), "a failed test may have stopped early or run away: its traffic says nothing");
            Assert.That(comparison.Traffic.Ratio, Is.EqualTo(1.0));
            Assert.That(comparison.Summary, Is.EqualTo("fails 1 of 2 tests"));
        });
    }

    [Test]
    public void Only_the_tests_whose_status_differs_are_listed_unless_all_are_asked_for()
    {
        var student = new[] { Plain("A", HostProtocol.Passed), Plain("B", HostProtocol.Failed, "Expected 3 but was 2") };
        var reference = new[] { Plain("A", HostProtocol.Passed), Plain("B", HostProtocol.Passed) };

        var differences = Comparison.Exercise(Scoring.Graded("basic-paxos", 100m, student), Scoring.Graded("basic-paxos", 100m, reference));
        var all = Comparison.Exercise(Scoring.Graded("basic-paxos", 100m, student), Scoring.Graded("basic-paxos", 100m, reference), allTests: true);

        Assert.Multiple(() =>
        {
            Assert.That(differences.Tests.Select(test => (test.Name, test.Student, test.Reference, test.StudentMessage)),
                Is.EqualTo(new[] { (Prefix + "B", HostProtocol.Failed, HostProtocol.Passed, (string?)"Expected 3 but was 2") }));
            Assert.That(differences.Differences, Is.EqualTo(1));
            Assert.That(all.Tests, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Hidden_tests_are_shown_to_the_instructor_and_marked()
    {
        var student = new[] { Plain("A", HostProtocol.Failed, "lost an update") with { Hidden = true } };
        var reference = new[] { Plain("A", HostProtocol.Passed) with { Hidden = true } };

        var text = CompareOutput.Table(Comparison.Build(
            new GradeReport("exercises", [Scoring.Graded("basic-paxos", 100m, student)], new GradeTiming(1, 1, 2, [])),
            new GradeReport("solutions", [Scoring.Graded("basic-paxos", 100m, reference)], new GradeTiming(1, 1, 2, []))));

        Assert.That(text, Does.Contain("failed   passed     SafetyTests.A (hidden) - lost an update"));
    }

    [Test]
    public void A_test_only_one_side_has_is_missing_on_the_other()
    {
        var comparison = Comparison.Exercise(
            Scoring.Graded("basic-paxos", 100m, [Plain("A", HostProtocol.Passed)]),
            Scoring.Graded("basic-paxos", 100m, [Plain("A", HostProtocol.Passed), Plain("B", HostProtocol.Passed)]));

        Assert.That(comparison.Tests.Single().Student, Is.EqualTo(Comparison.Missing));
    }

    [Test]
    public void Analyzer_findings_the_reference_does_not_have_are_flagged()
    {
        var finding = new AnalyzerFinding("DS001", "exercises/basic-paxos/PaxosNode.cs", 3, 5, "unlocked shared state", "https://example.invalid/DS001");
        var student = Scoring.Graded("basic-paxos", 100m, [Plain("A", HostProtocol.Passed)]) with { Findings = [finding, finding] };

        var comparison = Comparison.Exercise(student, Scoring.Graded("basic-paxos", 100m, [Plain("A", HostProtocol.Passed)]));

        Assert.Multiple(() =>
        {
            Assert.That(comparison.Student.Findings, Is.EqualTo(2));
            Assert.That(comparison.Reference.Findings, Is.Zero);
            Assert.That(comparison.Summary, Is.EqualTo("passes, but has 2 analyzer findings (the reference: 0)"));
        });
    }

    [Test]
    public void The_benchmark_ratio_is_the_geometric_mean_of_the_cases_and_flagged_above_two()
    {
        var benchmark = new BenchmarkGrade("coordination-benchmark", "reference", 5m, 20m,
            [new BenchmarkCaseGrade("B.Count(Strategy=a)", 80, 10, 8.0, 0m, null), new BenchmarkCaseGrade("B.Count(Strategy=b)", 10, 20, 0.5, 1m, null)], null);

        var comparison = Comparison.Exercise(
            Scoring.Graded("coordination-benchmark", 100m, [Plain("A", HostProtocol.Passed)]),
            Scoring.Graded("coordination-benchmark", 100m, [Plain("A", HostProtocol.Passed)]),
            benchmark);

        Assert.Multiple(() =>
        {
            Assert.That(comparison.Benchmarks!.Ratio, Is.EqualTo(2.0).Within(1e-9), "√(8 × 0.5)");
            Assert.That(comparison.Flags, Is.Empty);
        });
    }

    [Test]
    public void An_exercise_that_does_not_compile_says_so_first()
    {
        var comparison = Comparison.Exercise(
            Scoring.Error("basic-paxos", 100m, "does not compile", []),
            Scoring.Graded("basic-paxos", 100m, [Simulated("A", 10, 10)]));

        Assert.Multiple(() =>
        {
            Assert.That(comparison.Summary, Is.EqualTo("error: does not compile"));
            Assert.That(comparison.Traffic, Is.Null);
            Assert.That(comparison.Tests.Single().Student, Is.EqualTo(Comparison.Missing));
        });
    }

    [Test]
    public void The_table_shows_both_sides_the_ratio_and_the_flagged_tests()
    {
        var text = CompareOutput.Table(Report(
            [Simulated("A", messages: 400, bytes: 25_600), Simulated("B", messages: 420, bytes: 26_880)],
            [Simulated("A", messages: 100, bytes: 6_400), Simulated("B", messages: 100, bytes: 6_400)]));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("basic-paxos: passes, but sends 4.1× the reference's messages and 4.1× its bytes"));
            Assert.That(text, Does.Match(@"messages / test\s+410\s+100\s+4\.1× !"));
            Assert.That(text, Does.Match(@"bytes / test\s+26,240\s+6,400\s+4\.1× !"));
            Assert.That(text, Does.Match(@"4\.2× !\s+420 vs 100\s+bytes 4\.2× !\s+SafetyTests\.B"), "test names without the suite's namespace");
            Assert.That(text, Does.Not.Contain("tests that differ"), "no test differs, so none is listed");
        });
    }

    [Test]
    public void The_json_names_every_figure_in_snake_case()
    {
        var json = JsonDocument.Parse(CompareOutput.Json(Report(
            [Simulated("A", messages: 400, bytes: 25_600)],
            [Simulated("A", messages: 100, bytes: 6_400)]))).RootElement;

        var exercise = json.GetProperty("exercises")[0];
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("flag_ratio").GetDouble(), Is.EqualTo(2.0));
            Assert.That(exercise.GetProperty("slug").GetString(), Is.EqualTo("basic-paxos"));
            Assert.That(exercise.GetProperty("traffic").GetProperty("ratio").GetDouble(), Is.EqualTo(4.0));
            Assert.That(exercise.GetProperty("traffic").GetProperty("student").GetProperty("messages").GetDouble(), Is.EqualTo(400));
            Assert.That(exercise.GetProperty("flags")[0].GetString(), Is.EqualTo("sends 4.0× the reference's messages"));
            Assert.That(exercise.GetProperty("traffic_by_test")[0].GetProperty("bytes_ratio").GetDouble(), Is.EqualTo(4.0));
        });
    }

    [Test]
    public void The_finished_event_carries_the_simulation_totals_across_the_wire()
    {
        var sent = new HostEvent(HostProtocol.Finished, Test: "T", Status: HostProtocol.Passed) { Simulation = new HostSimulationTotals(3, 120, 110, 10, 7_680, 12) };

        var line = HostProtocol.FormatEvent("token", sent);
        var received = HostProtocol.ParseEvent("token", line);

        Assert.That(line, Does.Contain("\"simulation\":{\"simulations\":3,\"messages_sent\":120"));
        Assert.That(received!.Simulation, Is.EqualTo(sent.Simulation));
    }

    /// <summary>
    /// The reference Paxos node, changed to send every Prepare, Accept and Decided three times: still correct (Paxos
    /// tolerates duplicates, and the acceptors' replies are unchanged), so it passes every test, but it is chatty. Graded
    /// as a submission against this kit (warm builds), with the reference beside it.
    /// </summary>
    [Test]
    [Explicit("Grades a submission and the reference; run with --filter Category=EndToEnd")]
    [Category("EndToEnd")]
    public void A_chatty_paxos_submission_passes_but_is_flagged_for_its_messages()
    {
        var kit = DistSys.Grader.Kit.KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        var submission = Directory.CreateTempSubdirectory("distsys-compare-").FullName;
        try
        {
            WriteChattyPaxos(kit.Root, submission);

            var run = KitCopy.RunGrader(
                ["compare", "--root", kit.Root, "--submission", submission, "--exercise", "basic-paxos", "--format", "json", "--no-bench"],
                kit.Root);

            Assert.That(run.ExitCode, Is.Zero, run.Error);
            var exercise = JsonDocument.Parse(run.Output).RootElement.GetProperty("exercises")[0];
            var student = exercise.GetProperty("student");
            var traffic = exercise.GetProperty("traffic");
            Assert.Multiple(() =>
            {
                Assert.That(student.GetProperty("passed").GetInt32(), Is.EqualTo(student.GetProperty("total").GetInt32()).And.Positive,
                    $"the chatty node is correct and passes every test\n{run.Output}");
                Assert.That(traffic.GetProperty("ratio").GetDouble(), Is.GreaterThan(Comparison.FlagRatio), run.Output);
                Assert.That(exercise.GetProperty("summary").GetString(), Does.StartWith("passes, but sends ").And.Contain("× the reference's messages"));
                Assert.That(exercise.GetProperty("differences").GetInt32(), Is.Zero, run.Output);
            });
            TestContext.Out.WriteLine(run.Output);
        }
        finally
        {
            Directory.Delete(submission, recursive: true);
        }
    }

    private static void WriteChattyPaxos(string kitRoot, string submission)
    {
        var folder = Path.Combine(submission, "exercises", "basic-paxos");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(kitRoot, "solutions", "basic-paxos", "Ballot.cs"), Path.Combine(folder, "Ballot.cs"));
        var node = File.ReadAllText(Path.Combine(kitRoot, "solutions", "basic-paxos", "PaxosNode.cs"));
        string[] sends = ["_context.Send(node, prepare);", "_context.Send(node, accept);", "_context.Broadcast(new Decided(value));"];
        foreach (var send in sends)
        {
            Assert.That(node, Does.Contain(send), "the reference changed: update the chatty submission");
            node = node.Replace(send, $"for (var copy = 0; copy < 3; copy++) {{ {send} }}", StringComparison.Ordinal);
        }

        File.WriteAllText(Path.Combine(folder, "PaxosNode.cs"), node);
    }

    private static ExerciseComparison Compare(IReadOnlyList<TestResult> student, IReadOnlyList<TestResult> reference) =>
        Comparison.Exercise(Scoring.Graded("basic-paxos", 100m, student), Scoring.Graded("basic-paxos", 100m, reference));

    private static CompareReport Report(IReadOnlyList<TestResult> student, IReadOnlyList<TestResult> reference) =>
        Comparison.Build(Grade("exercises", student), Grade("solutions", reference), "/tmp/student");

    private static GradeReport Grade(string target, IReadOnlyList<TestResult> tests) =>
        new(target, [Scoring.Graded("basic-paxos", 100m, tests)], new GradeTiming(1, 1, 2, []));

    private static TestResult Simulated(string name, long messages, long bytes, long operations = 0) =>
        Plain(name, HostProtocol.Passed) with { Simulation = new HostSimulationTotals(1, messages, messages, 0, bytes, operations) };

    private static TestResult Plain(string name, string status, string? message = null) => new(Prefix + name, status, message, 1, null);
}

/// <summary><c>grader compare</c>'s bad input, against a tiny kit: exit code 2 and one line, before anything is built.</summary>
public class CompareCommandLineTests
{
    private string kitRoot = string.Empty;

    [SetUp]
    public void CreateKit()
    {
        kitRoot = Directory.CreateTempSubdirectory("distsys-compare-cli-").FullName;
        TinyKit.WriteKitFiles(kitRoot);
        Directory.CreateDirectory(Path.Combine(kitRoot, "exercises", "alpha"));
        Directory.CreateDirectory(Path.Combine(kitRoot, "grader"));
        File.WriteAllText(Path.Combine(kitRoot, "grader", "rubric.yaml"), "defaults:\n  points: 100\n");
    }

    [TearDown]
    public void DeleteKit() => Directory.Delete(kitRoot, recursive: true);

    [Test]
    public void An_unknown_exercise_exits_2_and_lists_the_valid_slugs()
    {
        var (exitCode, error) = Run("compare", "--root", kitRoot, "--exercise", "gamma");

        Assert.That(exitCode, Is.EqualTo(DistSys.Grader.Cli.ExitCodes.BadInput));
        Assert.That(error, Does.Contain("'gamma'").And.Contain("alpha"));
    }

    [Test]
    public void An_unknown_format_exits_2_and_lists_the_valid_formats()
    {
        var (exitCode, error) = Run("compare", "--root", kitRoot, "--format", "xml");

        Assert.That(exitCode, Is.EqualTo(DistSys.Grader.Cli.ExitCodes.BadInput));
        Assert.That(error, Does.Contain("table").And.Contain("json"));
    }

    [Test]
    public void A_kit_without_solutions_has_nothing_to_compare_with()
    {
        var (exitCode, error) = Run("compare", "--root", kitRoot);

        Assert.That(exitCode, Is.EqualTo(DistSys.Grader.Cli.ExitCodes.BadInput));
        Assert.That(error, Does.Contain("needs the instructor's kit, with solutions/"));
    }

    [Test]
    public void A_missing_submission_folder_exits_2()
    {
        KitCopy.Write(kitRoot, "solutions/Solutions.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");

        var (exitCode, error) = Run("compare", "--root", kitRoot, "--submission", Path.Combine(kitRoot, "nowhere"));

        Assert.That(exitCode, Is.EqualTo(DistSys.Grader.Cli.ExitCodes.BadInput));
        Assert.That(error, Does.Contain("nowhere").And.Contain("no such file or folder"));
    }

    private (int ExitCode, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var exitCode = new DistSys.Grader.Cli.GraderCommandLine(new StringWriter(), error, kitRoot).RunAsync(args).GetAwaiter().GetResult();
        return (exitCode, error.ToString());
    }
}
