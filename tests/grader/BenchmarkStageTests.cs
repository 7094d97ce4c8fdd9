using DistSys.Grader.Benchmarks;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

public class BenchmarkStageTests
{
    private static readonly BenchmarkRules Rules = new(20m, [new BenchmarkBand(3, 0.5m), new BenchmarkBand(1.5, 1.0m)], ["coordination-benchmark"]);

    [TestCase(10.0, 10.0, 1.0)]
    [TestCase(14.9, 10.0, 1.0)]
    [TestCase(20.0, 10.0, 0.5)]
    [TestCase(31.0, 10.0, 0.0)]
    public void A_case_earns_the_fraction_of_the_first_band_its_time_ratio_stays_within(double student, double reference, double fraction)
    {
        var grade = BenchmarkStage.Score(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, student, null), reference, scale: 1);

        Assert.That((grade.Ratio, grade.Fraction), Is.EqualTo((Math.Round(student / reference, 3), (decimal)fraction)),
            "Bands are checked from the smallest max_ratio up, whatever their order in the rubric.");
    }

    [Test]
    public void A_case_whose_correctness_tests_failed_earns_nothing_however_fast()
    {
        var grade = BenchmarkStage.Score(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", false, 0.001, null), 10, scale: 1);

        Assert.That((grade.Fraction, grade.Ratio), Is.EqualTo((0m, (double?)null)));
    }

    [Test]
    public void Against_the_calibration_the_ratio_is_divided_by_the_references_recorded_ratio()
    {
        // Student 30 ns, calibration 20 ns in the same run; the reference was recorded at 1.0 x calibration: ratio 1.5.
        var grade = BenchmarkStage.Score(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 30, null), 20, scale: 1 / 1.0);

        Assert.That(grade.Ratio, Is.EqualTo(1.5));
    }

    [Test]
    public void The_report_lines_show_raw_times_ratio_and_fraction()
    {
        var grade = new BenchmarkGrade("coordination-benchmark", "reference", 15m, 20m,
            [new BenchmarkCaseGrade("GradedCountingBenchmarks.Count(Strategy=coarse-lock)", 45.5, 40, 1.138, 1m, null)], null);

        Assert.That(BenchmarkStage.Describe(grade), Is.EqualTo(new[]
        {
            "coordination-benchmark benchmarks (against the reference): 15/20",
            "  Count(Strategy=coarse-lock): you 45.50 ns/op, reference 40.00 ns/op, ratio 1.14 -> 100%",
        }));
    }

    [Test]
    public void Test_outcomes_survive_the_trip_through_the_outcomes_file()
    {
        var outcomes = new[] { ("Suite.A(x,1 workers)", true), ("Suite.B", false) };

        Assert.That(BenchmarkProtocol.ParseOutcomes(BenchmarkProtocol.FormatOutcomes(outcomes)), Is.EqualTo(outcomes));
    }
}
