using DistSys.Grader.Grading;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;

namespace DistSys.Grader.Tests;

public class ScoringTests
{
    [TestCase(100, 1, 3, ExpectedResult = 33.33)]
    [TestCase(100, 2, 3, ExpectedResult = 66.67)]
    [TestCase(150, 3, 3, ExpectedResult = 150)]
    [TestCase(100, 0, 7, ExpectedResult = 0)]
    [TestCase(10, 1, 8, ExpectedResult = 1.25)]
    public decimal Score_is_points_times_the_passed_fraction_rounded_to_two_decimals(decimal points, int passed, int total) =>
        Scoring.Score(points, passed, total);

    [Test]
    public void An_exercise_passes_only_when_every_test_passed()
    {
        var grade = Scoring.Graded("crdts", 100m, [Test("A", HostProtocol.Passed), Test("B", HostProtocol.Skipped)]);

        Assert.That((grade.Status, grade.Passed, grade.Total, grade.Score), Is.EqualTo((ExerciseStatus.Fail, 1, 2, 50m)),
            "a skipped test is not a passed test");
    }

    [Test]
    public void An_exercise_whose_tests_all_passed_gets_full_points()
    {
        var grade = Scoring.Graded("crdts", 100m, [Test("A", HostProtocol.Passed), Test("B", HostProtocol.Passed)]);

        Assert.That((grade.Status, grade.Score, grade.MaxScore), Is.EqualTo((ExerciseStatus.Pass, 100m, 100m)));
    }

    [Test]
    public void A_suite_without_tests_is_an_error_not_a_pass()
    {
        Assert.That(Scoring.Graded("crdts", 100m, []).Status, Is.EqualTo(ExerciseStatus.Error));
    }

    [Test]
    public void An_unavailable_exercise_counts_towards_neither_score_nor_maximum()
    {
        var grade = Scoring.Unavailable("raft");

        Assert.That((grade.Status, grade.Score, grade.MaxScore), Is.EqualTo((ExerciseStatus.Unavailable, 0m, 0m)));
    }

    [Test]
    public void The_total_adds_up_the_exercises()
    {
        var report = new GradeReport("exercises",
            [Scoring.Graded("a", 100m, [Test("A", HostProtocol.Passed), Test("B", HostProtocol.Failed)]), Scoring.Unavailable("b"), Scoring.Error("c", 100m, "does not compile", [])],
            new GradeTiming(0, 0, 0, []));

        Assert.That((report.Score, report.MaxScore), Is.EqualTo((50m, 200m)));
    }

    [TestCase(0, 100, ExpectedResult = 0, TestName = "No findings deduct nothing")]
    [TestCase(1, 100, ExpectedResult = 2, TestName = "One finding deducts the per-finding points")]
    [TestCase(3, 100, ExpectedResult = 6, TestName = "Each finding deducts the per-finding points")]
    [TestCase(9, 100, ExpectedResult = 10, TestName = "The deduction is capped per exercise")]
    [TestCase(3, 4, ExpectedResult = 4, TestName = "The deduction never takes the score below 0")]
    [TestCase(3, 0, ExpectedResult = 0, TestName = "A score of 0 loses nothing more")]
    public decimal Analyzer_deduction_is_per_finding_capped_and_floored_at_0(int findings, decimal score) =>
        Scoring.AnalyzerDeduction(new AnalyzerRules(2m, 10m), findings, score);

    [Test]
    public void Findings_are_listed_and_their_deduction_folded_into_the_score()
    {
        var grade = Scoring.Graded("crdts", 100m, [Test("A", HostProtocol.Passed)]);

        var deducted = Scoring.WithFindings(grade, [Finding("exercises/crdts/GCounter.cs", 3), Finding("exercises/crdts/GCounter.cs", 9)], new AnalyzerRules(2m, 10m));

        Assert.That((deducted.Score, deducted.AnalyzerDeduction, deducted.Findings.Count, deducted.Status), Is.EqualTo((96m, 4m, 2, ExerciseStatus.Pass)),
            "two findings at 2 points each take 100 to 96; the test status is unchanged");
    }

    internal static AnalyzerFinding Finding(string path, int line) =>
        new("DS007", path, line, 5, "'new Random()' is seeded differently on every run", "https://example.invalid/DS007.md");

    internal static TestResult Test(string name, string status) => new(name, status, null, 1, null);
}
