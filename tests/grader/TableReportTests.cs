using DistSys.Grader.Grading;
using DistSys.Grader.Reporting;
using DistSys.Grader.Running;

namespace DistSys.Grader.Tests;

public class TableReportTests
{
    private static string Render(params ExerciseGrade[] exercises) =>
        TableReport.RenderPlain(new GradeReport("exercises", exercises, new GradeTiming(1.25, 2, 3.25, [new ExerciseTiming("crdts", 2, 1)]) { AnalysisSeconds = 0.5 }));

    [Test]
    public void The_plain_report_has_no_colour_codes()
    {
        var text = Render(Scoring.Graded("crdts", 100m, [ScoringTests.Test("A", HostProtocol.Failed)]));

        Assert.That(text, Does.Not.Contain('\u001b'), "report.txt is read in editors and CI logs: no escape codes");
    }

    [Test]
    public void A_failed_test_is_listed_with_its_message()
    {
        var text = Render(Scoring.Graded("crdts", 100m, [new TestResult("Crdts.GCounter.Merges", HostProtocol.Failed, "Expected: 3\nBut was: 2", 5, null)]));

        Assert.That(text, Does.Contain("✗ Crdts.GCounter.Merges").And.Contain("Expected: 3 But was: 2"));
    }

    [Test]
    public void Only_the_first_ten_failures_of_an_exercise_are_listed()
    {
        var tests = Enumerable.Range(0, 14).Select(i => new TestResult($"T{i:00}", HostProtocol.Failed, "nope", 1, null)).ToList();

        var text = Render(Scoring.Graded("crdts", 100m, tests));

        Assert.That(text, Does.Contain("✗ T09").And.Not.Contain("✗ T10").And.Contain("… and 4 more failed tests"));
    }

    [Test]
    public void Points_per_category_are_shown_under_an_exercise_that_lost_some()
    {
        var catalog = TestCatalog.Read(typeof(TableReportTests).Assembly.Location);
        var grade = Scoring.Graded("crdts", new DistSys.Grader.Kit.ExerciseRules(100m, TimeSpan.FromSeconds(5)),
            [ScoringTests.Test("DistSys.Grader.Tests.CatalogSamples.Plain.A_safety_test", HostProtocol.Failed), ScoringTests.Test("DistSys.Grader.Tests.CatalogSamples.Plain.A_report_test", HostProtocol.Passed)],
            catalog);

        var text = Render(grade);

        Assert.That(text, Does.Match(@"safety \(×4\)\s*│\s*0/1\s*│\s*│\s*0/80").And.Match(@"report \(×1\)\s*│\s*1/1\s*│\s*│\s*20/20"));
    }

    [Test]
    public void A_compile_error_is_shown_as_the_compiler_printed_it()
    {
        var error = new DistSys.Grader.Building.CompilerError("exercises/raft/Node.cs", 3, 5, "CS1002", "; expected", null);

        var text = Render(Scoring.Error("raft", 100m, "does not compile", [error]));

        Assert.That(text, Does.Contain("exercises/raft/Node.cs(3,5): error CS1002: ; expected"));
    }

    [Test]
    public void The_timing_line_gives_build_analyzer_test_and_per_exercise_seconds()
    {
        var text = Render(Scoring.Unavailable("raft"));

        Assert.That(text, Does.Contain("Time: build 1.3 s, analyzers 0.5 s, tests 2.0 s, total 3.3 s [crdts 2.0 s (1 restarts)]"));
    }

    [Test]
    public void Analyzer_findings_are_listed_under_a_passing_exercise_with_their_deduction_at_most_ten()
    {
        var findings = Enumerable.Range(1, 12).Select(line => ScoringTests.Finding("exercises/crdts/GCounter.cs", line)).ToList();
        var grade = Scoring.WithFindings(Scoring.Graded("crdts", 100m, [ScoringTests.Test("A", HostProtocol.Passed)]), findings, new DistSys.Grader.Kit.AnalyzerRules(2m, 10m));

        var text = Render(grade);

        Assert.That(text, Does.Contain("crdts (pass)").And.Contain("Analyzer findings: 12, -10 points")
            .And.Contain("⚠ exercises/crdts/GCounter.cs(10,5): DS007: ").And.Not.Contain("GCounter.cs(11,5)")
            .And.Contain("… and 2 more findings"), text);
    }
}
