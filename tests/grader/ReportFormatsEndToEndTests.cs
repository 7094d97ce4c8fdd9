using System.Text.Json;
using System.Xml.Linq;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

/// <summary>
/// Grades the crdts stubs of a kit copy once with <c>--format junit --format gradescope --out DIR</c>: the real suite's
/// hidden tests (tests/crdts/Hidden/) must be known from the reference build, scored, concealed in junit.xml and
/// results.json, and shown in full in report.json. Slow (a real build): dotnet test tests/grader --filter Category=EndToEnd
/// </summary>
[Explicit("Builds and grades a copy of the kit; run with --filter Category=EndToEnd")]
[Category("EndToEnd")]
public class ReportFormatsEndToEndTests
{
    private static readonly string[] HiddenMethods =
    [
        "A_copy_keeps_minting_fresh_tags_after_a_remove",
        "Merging_a_stale_state_does_not_bring_back_a_removed_element",
        "Three_replicas_gossiping_in_a_ring_agree_on_every_increment_and_decrement",
    ];

    private string copyRoot = string.Empty;
    private string outFolder = string.Empty;
    private ProcessRun run = null!;

    [OneTimeSetUp]
    public void GradeTheCrdtsStubsWithTwoFormats()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        copyRoot = KitCopy.Create(kit.Root, "distsys-formats-e2e-");
        outFolder = Path.Combine(copyRoot, "out");
        run = KitCopy.RunGrader(
            ["--root", copyRoot, "--exercise", "crdts", "--no-bench", "--test-timeout", "10", "--format", "junit", "--format", "gradescope", "--out", outFolder],
            copyRoot);
    }

    [OneTimeTearDown]
    public void DeleteTheCopy()
    {
        if (Directory.Exists(copyRoot))
        {
            Directory.Delete(copyRoot, recursive: true);
        }
    }

    [Test]
    public void The_first_format_is_on_stdout_and_every_file_is_written()
    {
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Does.StartWith("<?xml"));
        Assert.That(new[] { "junit.xml", "results.json", "report.json", "report.txt" }.Where(file => !File.Exists(Path.Combine(outFolder, file))), Is.Empty);
    }

    [Test]
    public void The_instructors_json_marks_exactly_the_hidden_suites_tests_hidden_with_their_names()
    {
        var tests = JsonDocument.Parse(File.ReadAllText(Path.Combine(outFolder, "report.json"))).RootElement.GetProperty("exercises")[0].GetProperty("tests").EnumerateArray();

        var hidden = tests.Where(t => t.GetProperty("hidden").GetBoolean()).Select(t => t.GetProperty("name").GetString());

        Assert.That(hidden, Is.EquivalentTo(HiddenMethods.Select(method => "DistSys.Crdts.Tests.HiddenCrdtTests." + method)));
    }

    [Test]
    public void Junit_xml_is_valid_and_conceals_the_hidden_tests()
    {
        var xml = File.ReadAllText(Path.Combine(outFolder, "junit.xml"));

        Assert.That(ReportFormatsTests.Validate(xml), Is.Empty);
        Assert.That(XDocument.Parse(xml).Descendants("testcase").Select(c => (string?)c.Attribute("name")).Where(n => n!.StartsWith("hidden test", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "hidden test 1 of 3", "hidden test 2 of 3", "hidden test 3 of 3" }));
        Assert.That(HiddenMethods.Where(method => xml.Contains(method, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Gradescope_publishes_the_hidden_tests_late_under_neutral_names_and_the_stubs_score_0()
    {
        var text = File.ReadAllText(Path.Combine(outFolder, "results.json"));
        var root = JsonDocument.Parse(text).RootElement;

        Assert.That(root.GetProperty("score").GetDecimal(), Is.Zero);
        Assert.That(root.GetProperty("tests").EnumerateArray().Where(t => t.GetProperty("visibility").GetString() == "after_published").Select(t => t.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "crdts: hidden test 1 of 3", "crdts: hidden test 2 of 3", "crdts: hidden test 3 of 3" }));
        Assert.That(HiddenMethods.Where(method => text.Contains(method, StringComparison.Ordinal)), Is.Empty);
    }
}
