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
    public void A_failed_safety_test_costs_four_times_a_failed_report_test()
    {
        var catalog = SampleCatalog();
        var rules = new ExerciseRules(100m, TimeSpan.FromSeconds(5));
        string[] all = [Sample("Plain.A_safety_test"), Sample("Plain.A_plain_test"), Sample("Plain.A_report_test")];

        var safetyFailed = Scoring.Graded("crdts", rules, Results(all, failed: all[0]), catalog);
        var reportFailed = Scoring.Graded("crdts", rules, Results(all, failed: all[2]), catalog);

        // Weights 4 (safety), 2 (behaviour, the fixture's category) and 1 (report): 100 × 3/7 and 100 × 6/7.
        Assert.That((safetyFailed.Score, reportFailed.Score), Is.EqualTo((42.86m, 85.71m)));
    }

    [Test]
    public void A_test_with_several_categories_counts_in_the_heaviest()
    {
        var grade = Scoring.Graded("crdts", new ExerciseRules(100m, TimeSpan.FromSeconds(5)),
            [Test(Sample("Cases.A_case_with_its_own_category(\"report\")"), HostProtocol.Passed)], SampleCatalog());

        Assert.That(grade.Categories.Select(c => c.Category), Is.EqualTo(new[] { "laws" }), "laws (3) outweighs report (1)");
    }

    [Test]
    public void The_score_is_points_times_weighted_passed_over_weighted_total_with_points_per_category()
    {
        var catalog = SampleCatalog();
        var rules = new ExerciseRules(100m, TimeSpan.FromSeconds(5));
        string[] all = [Sample("Plain.A_safety_test"), Sample("Plain.A_plain_test"), Sample("Uncategorized.Without_category")];

        var grade = Scoring.Graded("crdts", rules, Results(all, failed: all[1]), catalog);

        // Weights: safety 4, behaviour 2, and the uncategorized test counts as behaviour (2): 100 × 6 / 8.
        Assert.That(grade.Score, Is.EqualTo(75m));
        Assert.That(grade.Categories, Is.EqualTo(new[]
        {
            new CategoryScore("safety", 4m, 1, 1, 50m, 50m),
            new CategoryScore("behaviour", 2m, 1, 2, 25m, 50m),
        }));
    }

    [Test]
    public void A_test_the_catalog_does_not_know_counts_as_behaviour()
    {
        var grade = Scoring.Graded("crdts", new ExerciseRules(100m, TimeSpan.FromSeconds(5)), [Test("Forged.Name", HostProtocol.Passed), Test(Sample("Plain.A_safety_test"), HostProtocol.Failed)], SampleCatalog());

        Assert.That(grade.Score, Is.EqualTo(33.33m), "2 of 6");
    }

    [Test]
    public void Without_categories_every_test_weighs_the_same()
    {
        var grade = Scoring.Graded("crdts", 100m, [Test("A", HostProtocol.Passed), Test("B", HostProtocol.Failed), Test("C", HostProtocol.Failed)]);

        Assert.That((grade.Score, grade.Categories.Count), Is.EqualTo((33.33m, 0)));
    }

    private static TestCatalog SampleCatalog() => TestCatalog.Read(typeof(ScoringTests).Assembly.Location);

    private static string Sample(string name) => "DistSys.Grader.Tests.CatalogSamples." + name;

    private static List<TestResult> Results(string[] names, string failed) =>
        names.Select(name => Test(name, name == failed ? HostProtocol.Failed : HostProtocol.Passed)).ToList();

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
