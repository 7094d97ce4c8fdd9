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
    public void Paired_rounds_score_the_median_of_the_per_pair_ratios_with_their_range_as_interval()
    {
        // Load doubled both sides of the second pair: its ratio is still 1.2, where unpaired medians would mix the two.
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 12, null),
            [(12.0, 10.0), (24.0, 20.0), (13.0, 10.0)]);

        Assert.That((grade.Ratio, grade.RatioLow, grade.RatioHigh, grade.Rounds, grade.Fraction), Is.EqualTo(((double?)1.2, (double?)1.2, (double?)1.3, 3, 1.0m)));
    }

    [Test]
    public void More_pairs_are_needed_only_while_the_interval_straddles_a_band_edge()
    {
        var straddling = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 14, null), [(14.0, 10.0), (16.0, 10.0)]);
        var inside = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 11, null), [(11.0, 10.0), (14.0, 10.0)]);

        Assert.That((BenchmarkStage.StraddlesBandEdge(Rules, straddling), BenchmarkStage.StraddlesBandEdge(Rules, inside)), Is.EqualTo((true, false)),
            "1.4-1.6 contains the 1.5 edge; 1.1-1.4 lies within the first band");
    }

    [Test]
    public void An_implausibly_low_ratio_is_rejected_with_a_message_instead_of_scored()
    {
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 1, null), [(1.0, 10.0), (1.5, 10.0)]);

        Assert.That((grade.Fraction, grade.Note), Is.EqualTo((0m, grade.Note)));
        Assert.That(grade.Note, Does.StartWith("rejected: a ratio of 0.13"));
    }

    [Test]
    public void The_report_line_shows_the_interval_of_paired_rounds()
    {
        var grade = new BenchmarkGrade("coordination-benchmark", "reference", 20m, 20m,
            [new BenchmarkCaseGrade("GradedCountingBenchmarks.Count(Strategy=coarse-lock)", 45.5, 40, 1.138, 1m, null) { RatioLow = 1.05, RatioHigh = 1.2, Rounds = 3 }], null);

        Assert.That(BenchmarkStage.Describe(grade).Last(), Is.EqualTo("  Count(Strategy=coarse-lock): you 45.50 ns/op, reference 40.00 ns/op, ratio 1.14 [1.05-1.20 over 3 pairs] -> 100%"));
    }

    [Test]
    public void Test_outcomes_survive_the_trip_through_the_outcomes_file()
    {
        var outcomes = new[] { ("Suite.A(x,1 workers)", true), ("Suite.B", false) };

        Assert.That(BenchmarkProtocol.ParseOutcomes(BenchmarkProtocol.FormatOutcomes(outcomes)), Is.EqualTo(outcomes));
    }
}
