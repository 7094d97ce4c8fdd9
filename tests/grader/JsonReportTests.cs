using System.Text.Json;
using DistSys.Grader.Building;
using DistSys.Grader.Grading;
using DistSys.Grader.Reporting;

namespace DistSys.Grader.Tests;

public class JsonReportTests
{
    private static JsonElement Render()
    {
        var report = new GradeReport(
            "exercises",
            [
                Scoring.Graded("crdts", 100m, [ScoringTests.Test("A.First", HostProtocol.Passed), new("A.Second", HostProtocol.Failed, "Expected: 3", 4, "printed")]),
                Scoring.WithFindings(Scoring.Error("raft", 100m, "does not compile", [new CompilerError("exercises/raft/Node.cs", 3, 5, "CS1002", "; expected", "exercises/raft/Raft.csproj")]),
                    [ScoringTests.Finding("exercises/raft/Node.cs", 7)], new DistSys.Grader.Kit.AnalyzerRules(2m, 10m)),
                Scoring.Unavailable("vector-clocks"),
            ],
            new GradeTiming(1.5, 2.25, 3.75, [new ExerciseTiming("crdts", 2.25, 0)]));
        return JsonDocument.Parse(JsonReport.Render(report)).RootElement;
    }

    [Test]
    public void The_document_has_the_totals_target_exercises_errors_timing_benchmarks_and_ignored_files_in_snake_case()
    {
        var names = Render().EnumerateObject().Select(property => property.Name);

        Assert.That(names, Is.EqualTo(new[] { "target", "score", "max_score", "exercises", "errors", "timing", "benchmarks", "ignored" }));
    }

    [Test]
    public void Each_exercise_reports_slug_status_score_and_tests()
    {
        var crdts = Render().GetProperty("exercises")[0];

        Assert.That(crdts.GetProperty("slug").GetString(), Is.EqualTo("crdts"));
        Assert.That(crdts.GetProperty("status").GetString(), Is.EqualTo("fail"));
        Assert.That(crdts.GetProperty("score").GetDecimal(), Is.EqualTo(50m));
        Assert.That(crdts.GetProperty("max_score").GetDecimal(), Is.EqualTo(100m));
        Assert.That(crdts.GetProperty("tests").EnumerateArray().Select(test => (test.GetProperty("name").GetString(), test.GetProperty("status").GetString(), test.GetProperty("message").GetString())),
            Is.EqualTo(new[] { ("A.First", "passed", (string?)null), ("A.Second", "failed", "Expected: 3") }));
    }

    [Test]
    public void Each_exercise_reports_its_points_per_test_category()
    {
        var catalog = TestCatalog.Read(typeof(JsonReportTests).Assembly.Location);
        var grade = Scoring.Graded("crdts", new DistSys.Grader.Kit.ExerciseRules(100m, TimeSpan.FromSeconds(5)),
            [ScoringTests.Test("DistSys.Grader.Tests.CatalogSamples.Plain.A_safety_test", HostProtocol.Failed), ScoringTests.Test("DistSys.Grader.Tests.CatalogSamples.Plain.A_report_test", HostProtocol.Passed)],
            catalog);
        var report = new GradeReport("exercises", [grade], new GradeTiming(1, 1, 2, []));

        var categories = JsonDocument.Parse(JsonReport.Render(report)).RootElement.GetProperty("exercises")[0].GetProperty("categories");

        Assert.That(categories.EnumerateArray().Select(c => (c.GetProperty("category").GetString(), c.GetProperty("weight").GetDecimal(), c.GetProperty("passed").GetInt32(),
                c.GetProperty("total").GetInt32(), c.GetProperty("score").GetDecimal(), c.GetProperty("max_score").GetDecimal())),
            Is.EqualTo(new[] { ((string?)"safety", 4m, 0, 1, 0m, 80m), ("report", 1m, 1, 1, 20m, 20m) }));
    }

    [Test]
    public void Compile_errors_appear_under_their_exercise_and_in_the_top_level_list()
    {
        var root = Render();
        var expected = "exercises/raft/Node.cs(3,5): error CS1002: ; expected";

        Assert.That(root.GetProperty("exercises")[1].GetProperty("errors")[0].GetProperty("text").GetString(), Is.EqualTo(expected));
        Assert.That(root.GetProperty("errors")[0].GetProperty("slug").GetString(), Is.EqualTo("raft"));
        Assert.That(root.GetProperty("errors")[0].GetProperty("text").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public void Findings_are_listed_under_their_exercise_even_when_it_does_not_compile()
    {
        var raft = Render().GetProperty("exercises")[1];

        var finding = raft.GetProperty("findings").EnumerateArray().Single();
        Assert.That(finding.EnumerateObject().Select(property => property.Name), Is.EqualTo(new[] { "id", "path", "line", "column", "message", "help" }));
        Assert.That((finding.GetProperty("id").GetString(), finding.GetProperty("path").GetString(), finding.GetProperty("line").GetInt32()),
            Is.EqualTo(("DS007", "exercises/raft/Node.cs", 7)));
        Assert.That(raft.GetProperty("analyzer_deduction").GetDecimal(), Is.Zero, "an exercise that scored 0 has nothing to deduct from");
    }

    [Test]
    public void An_exercise_without_findings_has_an_empty_list_and_no_deduction()
    {
        var crdts = Render().GetProperty("exercises")[0];

        Assert.That((crdts.GetProperty("findings").GetArrayLength(), crdts.GetProperty("analyzer_deduction").GetDecimal()), Is.EqualTo((0, 0m)));
    }

    [Test]
    public void Exercises_keep_the_report_order()
    {
        var slugs = Render().GetProperty("exercises").EnumerateArray().Select(exercise => exercise.GetProperty("slug").GetString());

        Assert.That(slugs, Is.EqualTo(new[] { "crdts", "raft", "vector-clocks" }));
    }

    [Test]
    public void Timing_reports_build_run_and_per_exercise_seconds()
    {
        var timing = Render().GetProperty("timing");

        Assert.That(timing.GetProperty("build_seconds").GetDouble(), Is.EqualTo(1.5));
        Assert.That(timing.GetProperty("exercises")[0].GetProperty("run_seconds").GetDouble(), Is.EqualTo(2.25));
    }
}
