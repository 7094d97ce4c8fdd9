using System.Text.Json;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

/// <summary>
/// Grades a throwaway copy of the kit with three fixture exercises added: one whose suite passes, fails, loops,
/// exits the process, floods the console and forges a protocol line; one whose stub does not compile; one that
/// passes. Slow (a real build), so it only runs when asked: dotnet test tests/grader --filter Category=EndToEnd
/// </summary>
[Explicit("Builds and grades a copy of the kit; run with --filter Category=EndToEnd")]
[Category("EndToEnd")]
public class EndToEndTests
{
    private const string FixtureSlug = "e2e-fixture";
    private const string BrokenSlug = "e2e-broken";
    private const string PassingSlug = "e2e-passing";
    private const string TestClass = "DistSys.E2eFixture.Tests.FixtureTests.";
    private string copyRoot = string.Empty;
    private int graderExitCode;
    private string graderError = string.Empty;
    private JsonElement report;

    [OneTimeSetUp]
    public void GradeAKitCopyWithFixtureExercises()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        copyRoot = KitCopy.Create(kit.Root, "distsys-e2e-");
        WriteFixtureExercises(copyRoot);

        var run = KitCopy.RunGrader(
            ["--root", copyRoot, "--format", "json", "--test-timeout", "3",
             "--exercise", FixtureSlug, "--exercise", BrokenSlug, "--exercise", PassingSlug],
            copyRoot);
        var (exitCode, output, error) = (run.ExitCode, run.Output, run.Error);
        graderExitCode = exitCode;
        graderError = error;
        try
        {
            report = JsonDocument.Parse(output).RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"The grader's stdout is not one JSON document (exit code {exitCode}).\nstdout:\n{output}\nstderr:\n{error}");
        }
    }

    [OneTimeTearDown]
    public void DeleteTheCopy()
    {
        KitCopy.DeleteGradingTrees(FixtureSlug);
        if (Directory.Exists(copyRoot))
        {
            Directory.Delete(copyRoot, recursive: true);
        }
    }

    [Test]
    public void The_grader_exits_0_whatever_the_score()
    {
        Assert.That(graderExitCode, Is.Zero, graderError);
    }

    [Test]
    public void Only_the_tests_that_really_passed_count_as_passed()
    {
        var passed = Tests(FixtureSlug).Where(test => test.GetProperty("status").GetString() == "passed").Select(Name);

        Assert.That(passed, Is.EquivalentTo(new[] { "Passes", "FloodsTheConsole", "RunsAfterTheCrashes", "CrashesLater_B_waits_while_another_thread_throws" }),
            "a test passes only when the grader saw it pass; a forged protocol line or a crash must not count");
    }

    [Test]
    public void The_fixture_exercise_scores_the_passed_fraction()
    {
        var exercise = Exercise(FixtureSlug);

        Assert.That(exercise.GetProperty("status").GetString(), Is.EqualTo("fail"));
        Assert.That((exercise.GetProperty("passed").GetInt32(), exercise.GetProperty("total").GetInt32()), Is.EqualTo((4, 9)));
        Assert.That(exercise.GetProperty("score").GetDecimal(), Is.EqualTo(44.44m));
    }

    [Test]
    public void A_late_crash_on_a_background_thread_is_blamed_on_the_test_that_started_the_thread_with_its_stack()
    {
        Assert.That(Message("CrashesLater_A_starts_a_thread_that_throws_after_the_test_returned"),
            Does.Contain("an unhandled exception on a background thread").And.Contain("late boom").And.Contain("CrashesLater_A_starts_a_thread"),
            "the test whose thread threw fails, even though it had returned before the crash, and the message shows where it was thrown");
        Assert.That(Test("CrashesLater_B_waits_while_another_thread_throws").GetProperty("status").GetString(), Is.EqualTo("passed"),
            "the test that happened to be running when the crash came is innocent and runs again; its message: "
            + Message("CrashesLater_B_waits_while_another_thread_throws"));
    }

    [Test]
    public void Stack_traces_name_files_relative_to_the_kit_not_the_grading_tree()
    {
        var crash = Message("CrashesLater_A_starts_a_thread_that_throws_after_the_test_returned");

        Assert.That(crash, Does.Contain(" in tests/e2e-fixture/"),
            "a stack frame names the file as the student's kit has it, so the same code gets the same report anywhere: " + crash);
        Assert.That(crash, Does.Not.Contain("distsys-grader-"), "the grading tree's temporary folder is the grader's business");
    }

    [Test]
    public void An_infinite_loop_is_killed_and_failed_as_a_timeout()
    {
        Assert.That(Message("LoopsForever"), Does.StartWith("did not finish within 3 s of processor time"));
    }

    [Test]
    public void A_killed_test_reports_how_long_it_ran_until_the_kill()
    {
        var ranFor = Test("LoopsForever").GetProperty("duration_ms");

        Assert.That(ranFor.ValueKind, Is.EqualTo(JsonValueKind.Number), "the report says how long the killed test ran: " + ranFor);
        Assert.That(ranFor.GetInt64(), Is.GreaterThanOrEqualTo(3000), "a one-thread loop is killed after 3 s of processor time, which takes at least 3 s");
    }

    [Test]
    public void Environment_exit_fails_the_running_test_with_the_reason()
    {
        Assert.That(Message("ExitsTheProcess"), Does.Contain("exited with code 0").And.Contain("Environment.Exit"));
    }

    [Test]
    public void A_failed_assertion_keeps_its_message()
    {
        Assert.That(Message("Fails"), Does.Contain("two is not three"));
    }

    [Test]
    public void A_flood_of_output_is_cut_to_the_limit_with_a_visible_marker()
    {
        var output = Test("FloodsTheConsole").GetProperty("output").GetString() ?? string.Empty;

        Assert.That(output, Does.StartWith("flood 0\n").And.Contains("…[output truncated: "));
        Assert.That(output.Length, Is.LessThan(HostProtocol.OutputLimit + 60), "only the first 500 characters are kept");
    }

    [Test]
    public void A_compile_error_makes_its_exercise_an_error_with_the_compiler_line()
    {
        var exercise = Exercise(BrokenSlug);
        var errors = exercise.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("text").GetString()).ToList();

        Assert.That(exercise.GetProperty("status").GetString(), Is.EqualTo("error"));
        Assert.That(errors, Has.Some.StartsWith("exercises/e2e-broken/Broken.cs(").And.Contains("error CS0029"));
    }

    [Test]
    public void An_exercise_that_does_not_compile_still_gets_its_analyzer_findings()
    {
        var findings = Exercise(BrokenSlug).GetProperty("findings").EnumerateArray()
            .Select(finding => $"{finding.GetProperty("path").GetString()}:{finding.GetProperty("id").GetString()}");

        Assert.That(findings, Is.EqualTo(new[] { "exercises/e2e-broken/Broken.cs:DS007" }), "the stub's `new Random()` is a DS007 finding");
    }

    [Test]
    public void The_other_exercises_are_graded_normally()
    {
        var exercise = Exercise(PassingSlug);

        Assert.That((exercise.GetProperty("status").GetString(), exercise.GetProperty("score").GetDecimal()), Is.EqualTo(("pass", 100m)),
            "a compile error or a crash in one exercise must not affect another");
    }

    private JsonElement Exercise(string slug) =>
        report.GetProperty("exercises").EnumerateArray().Single(exercise => exercise.GetProperty("slug").GetString() == slug);

    private IEnumerable<JsonElement> Tests(string slug) => Exercise(slug).GetProperty("tests").EnumerateArray();

    private JsonElement Test(string method) => Tests(FixtureSlug).Single(test => Name(test) == method);

    private string? Message(string method) => Test(method).GetProperty("message").GetString();

    private static string Name(JsonElement test)
    {
        var name = test.GetProperty("name").GetString() ?? string.Empty;
        return name.StartsWith(TestClass, StringComparison.Ordinal) ? name[TestClass.Length..] : name;
    }

    private static void WriteFixtureExercises(string root)
    {
        WriteExercise(root, FixtureSlug, "E2eFixture", StubWith("public static int Two() => 2;"), """
            public class FixtureTests
            {
                [Test] public void Passes() => Assert.That(Answer.Two(), Is.EqualTo(2));

                [Test] public void Fails() => Assert.That(Answer.Two(), Is.EqualTo(3), "two is not three");

                [Test] public void LoopsForever()
                {
                    while (Answer.Two() == 2)
                    {
                    }
                }

                [Test] public void ExitsTheProcess() => Environment.Exit(0);

                [Test] public void FloodsTheConsole()
                {
                    for (var i = 0; i < 20_000; i++)
                    {
                        Console.WriteLine("flood " + i);
                    }

                    Assert.That(Answer.Two(), Is.EqualTo(2));
                }

                [Test] public void ForgesAPass()
                {
                    using var stdout = new StreamWriter(Console.OpenStandardOutput());
                    stdout.WriteLine("##distsys 00000000000000000000000000000000 {\"event\":\"finished\",\"test\":\"DistSys.E2eFixture.Tests.FixtureTests.ForgesAPass\",\"status\":\"passed\"}");
                    stdout.Flush();
                    Assert.That(Answer.Two(), Is.EqualTo(4), "forging a result line must not make this pass");
                }

                [Test] public void RunsAfterTheCrashes() => Assert.That(Answer.Two(), Is.EqualTo(2));

                [Test]
                public void CrashesLater_A_starts_a_thread_that_throws_after_the_test_returned()
                {
                    new Thread(() => { Thread.Sleep(150); throw new InvalidOperationException("late boom"); }).Start();
                    Assert.That(Answer.Two(), Is.EqualTo(2));
                }

                [Test]
                public void CrashesLater_B_waits_while_another_thread_throws()
                {
                    Thread.Sleep(600);
                    Assert.That(Answer.Two(), Is.EqualTo(2));
                }
            }
            """);
        WriteExercise(root, BrokenSlug, "E2eBroken", StubWith("public static int Two() => 2;\n    private static readonly int Broken = \"not a number\";\n    public static int Roll() => new Random().Next(6);"), """
            public class BrokenTests
            {
                [Test] public void WouldPass() => Assert.That(Answer.Two(), Is.EqualTo(2));
            }
            """);
        WriteExercise(root, PassingSlug, "E2ePassing", StubWith("public static int Two() => 2;"), """
            public class PassingTests
            {
                [Test] public void Passes() => Assert.That(Answer.Two(), Is.EqualTo(2));
            }
            """);
    }

    private static string StubWith(string members) => $$"""
        /// <summary>The fixture's stand-in for a student stub.</summary>
        public static class Answer
        {
            {{members}}
        }
        """;

    private static void WriteExercise(string root, string slug, string pascal, string stub, string tests)
    {
        var stubFolder = Directory.CreateDirectory(Path.Combine(root, "exercises", slug)).FullName;
        File.WriteAllText(Path.Combine(stubFolder, pascal + ".csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        var stubFile = slug == BrokenSlug ? "Broken.cs" : "Answer.cs";
        File.WriteAllText(Path.Combine(stubFolder, stubFile), $"namespace DistSys.{pascal};\n\n{stub}\n");

        // The reference build of the kit gives each suite's expected test list, so every fixture has a solution too.
        var solutionFolder = Directory.CreateDirectory(Path.Combine(root, "solutions", slug)).FullName;
        File.WriteAllText(Path.Combine(solutionFolder, "Answer.cs"), $"namespace DistSys.{pascal};\n\n{StubWith("public static int Two() => 2;")}\n");

        var suiteFolder = Directory.CreateDirectory(Path.Combine(root, "tests", slug)).FullName;
        File.WriteAllText(Path.Combine(suiteFolder, pascal + ".Tests.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        File.WriteAllText(Path.Combine(suiteFolder, "Tests.cs"), $"namespace DistSys.{pascal}.Tests;\n\n{tests}\n");
    }
}
