using System.Text.Json;
using DistSys.Grader.Grading;
using DistSys.Grader.Reporting;
using DistSys.Grader.Running;

namespace DistSys.Grader.Tests;

/// <summary>Failure timelines named in failure messages travel into the artifacts folder and the JSON report.</summary>
public class ArtifactsTests
{
    private string _kit = "";

    [SetUp]
    public void CreateKit()
    {
        _kit = Path.Combine(Path.GetTempPath(), "distsys-artifacts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_kit, "tests", "crdts", "bin", "timelines"));
    }

    [TearDown]
    public void DeleteKit() => Directory.Delete(_kit, recursive: true);

    private string Page(string name)
    {
        string path = Path.Combine(_kit, "tests", "crdts", "bin", "timelines", name);
        File.WriteAllText(path, "<!DOCTYPE html><title>t</title>");
        return path;
    }

    private static GradeReport Report(params TestResult[] tests) =>
        new("exercises", [Scoring.Graded("crdts", 100m, tests)], new GradeTiming(0, 0, 0, []));

    [TestCase("Expected 3\nSeed 1. Replay: x\ntimeline: /tmp/a.html", "/tmp/a.html")]
    [TestCase("Expected 3\r\ntimeline: /tmp/a.html\r\n", "/tmp/a.html")]
    [TestCase("timeline: /tmp/a.html\ntimeline: /tmp/b.html", "/tmp/b.html")]
    [TestCase("Expected 3", null)]
    [TestCase("the timeline: /tmp/a.html is mentioned mid-line", null)]
    [TestCase(null, null)]
    public void The_page_is_the_last_timeline_line_of_the_message(string? message, string? expected) =>
        Assert.That(Artifacts.NamedIn(message), Is.EqualTo(expected));

    [Test]
    public void A_failed_tests_page_is_copied_and_reported_with_its_copy()
    {
        string page = Page("CrdtsTests.Converge.seed7.html");
        string artifacts = Path.Combine(_kit, "report", "artifacts");
        GradeReport report = Report(
            new TestResult("CrdtsTests.Converge", HostProtocol.Failed, $"did not converge\ntimeline: {page}", 10, null),
            new TestResult("CrdtsTests.Other", HostProtocol.Passed, null, 1, null));

        var collected = Artifacts.Collect(report, _kit, artifacts);
        var tests = JsonDocument.Parse(JsonReport.Render(report, collected)).RootElement.GetProperty("exercises")[0].GetProperty("tests");

        string copy = Path.Combine(artifacts, "crdts", "CrdtsTests.Converge.seed7.html");
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(copy), Is.True);
            Assert.That(tests[0].GetProperty("artifact").GetString(), Is.EqualTo(copy));
            Assert.That(tests[1].GetProperty("artifact").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Without_a_folder_the_page_is_reported_where_the_suite_wrote_it()
    {
        string page = Page("A.html");
        var collected = Artifacts.Collect(Report(new TestResult("A", HostProtocol.Failed, "timeline: " + page, 1, null)), _kit, folder: null);
        Assert.That(collected[("crdts", "A")], Is.EqualTo(page));
    }

    [Test]
    public void Paths_outside_the_kit_other_files_and_missing_pages_are_not_taken()
    {
        string outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.html");
        File.WriteAllText(outside, "x");
        string notHtml = Path.Combine(_kit, "tests", "crdts", "bin", "secret.txt");
        File.WriteAllText(notHtml, "x");
        try
        {
            GradeReport report = Report(
                new TestResult("A", HostProtocol.Failed, "timeline: " + outside, 1, null),
                new TestResult("B", HostProtocol.Failed, "timeline: " + notHtml, 1, null),
                new TestResult("C", HostProtocol.Failed, "timeline: " + Path.Combine(_kit, "tests", "missing.html"), 1, null),
                new TestResult("D", HostProtocol.Failed, "timeline: " + Path.Combine(_kit, "tests", "..", "..", Path.GetFileName(outside)), 1, null));

            Assert.That(Artifacts.Collect(report, _kit, Path.Combine(_kit, "artifacts")), Is.Empty);
        }
        finally
        {
            File.Delete(outside);
        }
    }
}
