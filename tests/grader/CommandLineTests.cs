using System.Text.Json;
using DistSys.Grader.Cli;

namespace DistSys.Grader.Tests;

/// <summary>The command line against a tiny kit whose exercises have no suites yet, so no build runs.</summary>
public class CommandLineTests
{
    private string kitRoot = string.Empty;

    [SetUp]
    public void CreateKit()
    {
        kitRoot = Directory.CreateTempSubdirectory("distsys-cli-").FullName;
        TinyKit.WriteKitFiles(kitRoot);
        Directory.CreateDirectory(Path.Combine(kitRoot, "exercises", "alpha"));
        Directory.CreateDirectory(Path.Combine(kitRoot, "exercises", "beta"));
        Directory.CreateDirectory(Path.Combine(kitRoot, "grader"));
        File.WriteAllText(Path.Combine(kitRoot, "grader", "rubric.yaml"), "defaults:\n  points: 100\n");
    }

    [TearDown]
    public void DeleteKit() => Directory.Delete(kitRoot, recursive: true);

    [Test]
    public void An_unknown_option_exits_2_and_lists_the_valid_options()
    {
        var (exitCode, _, error) = Run("--bogus");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("--bogus").And.Contain("--target").And.Contain("--exercise").And.Contain("--format"));
    }

    [Test]
    public void An_unknown_target_exits_2_and_lists_the_valid_targets()
    {
        var (exitCode, _, error) = Run("--target", "stubs");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("exercises").And.Contain("solutions"));
    }

    [Test]
    public void An_unknown_format_exits_2_and_lists_the_valid_formats()
    {
        var (exitCode, _, error) = Run("--format", "xml");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("table").And.Contain("json"));
    }

    [Test]
    public void An_unknown_exercise_exits_2_and_lists_the_valid_slugs()
    {
        var (exitCode, _, error) = Run("--root", kitRoot, "--exercise", "gamma");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("'gamma'").And.Contain("alpha, beta"));
    }

    [Test]
    public void An_unknown_exercise_is_refused_by_accept_too()
    {
        var (exitCode, _, error) = Run("accept", "--root", kitRoot, "--exercise", "gamma");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("alpha, beta"));
    }

    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("soon")]
    public void A_test_timeout_that_is_not_a_positive_number_exits_2(string seconds)
    {
        Assert.That(Run("--root", kitRoot, "--test-timeout", seconds).ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public void A_root_without_the_solution_file_exits_2()
    {
        var (exitCode, _, error) = Run("--root", Path.Combine(kitRoot, "exercises"));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("DistSys.sln"));
    }

    [Test]
    public void A_rubric_naming_a_missing_exercise_is_a_kit_error()
    {
        File.WriteAllText(Path.Combine(kitRoot, "grader", "rubric.yaml"), "exercises:\n  gamma:\n    points: 5\n");

        var (exitCode, _, error) = Run("--root", kitRoot);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.InternalFailure));
        Assert.That(error, Does.Contain("gamma"));
    }

    [Test]
    public void Exercises_without_a_suite_are_unavailable_and_the_run_still_succeeds()
    {
        var (exitCode, output, _) = Run("--root", kitRoot, "--format", "json");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Graded));
        var exercises = JsonDocument.Parse(output).RootElement.GetProperty("exercises").EnumerateArray()
            .Select(exercise => (exercise.GetProperty("slug").GetString(), exercise.GetProperty("status").GetString()));
        Assert.That(exercises, Is.EqualTo(new[] { ("alpha", "unavailable"), ("beta", "unavailable") }));
    }

    [Test]
    public void Json_output_is_the_only_thing_on_stdout()
    {
        var (_, output, _) = Run("--root", kitRoot, "--format", "json");

        Assert.That(() => JsonDocument.Parse(output), Throws.Nothing, $"stdout must be one JSON document, was:\n{output}");
    }

    [Test]
    public void Out_writes_the_json_and_text_reports()
    {
        var folder = Path.Combine(kitRoot, "report");

        Run("--root", kitRoot, "--out", folder);

        Assert.That(File.ReadAllText(Path.Combine(folder, "report.txt")), Does.Contain("alpha").And.Contain("unavailable"));
        Assert.That(JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement.GetProperty("max_score").GetDecimal(), Is.Zero);
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = new GraderCommandLine(output, error, kitRoot).RunAsync(args).GetAwaiter().GetResult();
        return (exitCode, output.ToString(), error.ToString());
    }
}
