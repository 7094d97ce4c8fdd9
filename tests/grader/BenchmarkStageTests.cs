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

    [TestCase(3, 0, 2)]
    [TestCase(7, 0, 6)]
    [TestCase(8, 1, 6)]
    [TestCase(9, 1, 7)]
    [TestCase(11, 2, 8)]
    public void The_interval_for_the_median_is_the_whole_range_up_to_seven_pairs_then_drops_the_outermost(int pairs, int lowIndex, int highIndex)
    {
        var ratios = Enumerable.Range(1, pairs).Select(i => i / 10.0).ToList();

        Assert.That(BenchmarkStage.MedianInterval(ratios), Is.EqualTo((ratios[lowIndex], ratios[highIndex])),
            "The k-th smallest and k-th largest of n ratios, for the largest k with P(Binomial(n, 1/2) < k) <= 5%.");
    }

    [Test]
    public void From_eight_pairs_one_disturbed_pair_no_longer_straddles_a_band_edge()
    {
        // Seven pairs near 1.0 and one that the load slowed on the student's side only.
        var pairs = new List<(double?, double?)> { (10.0, 10.0), (10.5, 10.0), (9.5, 10.0), (10.2, 10.0), (9.8, 10.0), (10.1, 10.0), (9.9, 10.0) };
        var seven = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 10, null), [.. pairs.Take(6), (25.0, 10.0)]);
        var eight = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 10, null), [.. pairs, (25.0, 10.0)]);

        Assert.That((BenchmarkStage.StraddlesBandEdge(Rules, seven), BenchmarkStage.StraddlesBandEdge(Rules, eight), eight.RatioHigh, eight.Fraction),
            Is.EqualTo((true, false, (double?)1.05, 1.0m)));
    }

    [Test]
    public void An_interval_still_reaching_a_better_band_after_the_last_pair_is_scored_by_its_better_end()
    {
        // Eight pairs, half of them slowed on the student's side only: the median says the 50% band, the interval
        // reaches back into the 100% band, so the measurement cannot tell them apart and the student keeps the points.
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 10, null),
            [(10.0, 10.0), (11.0, 10.0), (12.0, 10.0), (13.0, 10.0), (20.0, 10.0), (21.0, 10.0), (22.0, 10.0), (23.0, 10.0)]);

        Assert.That((grade.Ratio, grade.RatioLow, grade.Fraction), Is.EqualTo(((double?)1.65, (double?)1.1, 1.0m)),
            "median 1.65 lies in the 50% band (1.5-3), the interval 1.10-2.20 reaches the 100% band (up to 1.5)");
        Assert.That(grade.Note, Is.EqualTo("scored by its interval's better end, 1.10: after 8 pairs the measurement cannot tell the 100% and 50% bands apart"));
    }

    [Test]
    public void With_fewer_pairs_than_the_stage_takes_at_most_the_median_decides_even_if_the_range_reaches_a_better_band()
    {
        // The cap ran out after three pairs: their whole range is the interval, too wide to give the benefit of the doubt.
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 20, null),
            [(12.0, 10.0), (20.0, 10.0), (22.0, 10.0)]);

        Assert.That((grade.RatioLow, grade.Fraction, grade.Note), Is.EqualTo(((double?)1.2, 0.5m, (string?)null)));
    }

    [Test]
    public void An_interval_within_one_band_is_scored_by_its_median_without_a_note()
    {
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 20, null),
            [(18.0, 10.0), (20.0, 10.0), (22.0, 10.0)]);

        Assert.That((grade.Fraction, grade.Note), Is.EqualTo((0.5m, (string?)null)));
    }

    [Test]
    public void The_median_of_pair_ratios_outvotes_a_single_disturbed_pair()
    {
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 10, null), [(10.0, 10.0), (40.0, 10.0), (11.0, 10.0)]);

        Assert.That((grade.Ratio, grade.Fraction), Is.EqualTo(((double?)1.1, 1.0m)));
    }

    [Test]
    public void The_stage_measures_release_builds_in_their_own_output_folders()
    {
        var exercise = new Exercise("coordination-benchmark", "tests/coordination-benchmark/CoordinationBenchmark.Tests.csproj");

        Assert.That(
            (exercise.SuiteAssembly("/kit", BuildTarget.Exercises, BuildConfiguration.Release), exercise.SuiteAssembly("/kit", BuildTarget.Exercises)),
            Is.EqualTo(("/kit/tests/coordination-benchmark/bin/exercises/Release/net10.0/DistSys.CoordinationBenchmark.Tests.dll",
                "/kit/tests/coordination-benchmark/bin/exercises/Debug/net10.0/DistSys.CoordinationBenchmark.Tests.dll")),
            "Debug (the tests) and Release (the benchmarks) never overwrite each other.");
    }

    [Test]
    public void Repeated_runs_are_summarized_by_full_point_count_and_bands_per_case()
    {
        BenchmarkGrade Run(decimal fraction, double ratio) => new("coordination-benchmark", "reference", 20m * fraction, 20m,
            [new BenchmarkCaseGrade("G.Count(Strategy=x)", 10, 10, ratio, fraction, null) { RatioLow = ratio, RatioHigh = ratio, Rounds = 3 }], null);

        var lines = DistSys.Grader.Cli.RepeatBenchmarksCommand.Summarize([[Run(1m, 1.1)], [Run(0.5m, 2.5)], [Run(1m, 0.9)]]).ToList();

        Assert.That(lines.Skip(3), Is.EqualTo(new[]
        {
            "coordination-benchmark: full benchmark points in 2 of 3 runs",
            "  Count(Strategy=x): 100% in 2, 50% in 1 (ratios 0.90-2.50)",
        }));
    }

    [Test]
    public void Test_outcomes_survive_the_trip_through_the_outcomes_file()
    {
        var outcomes = new[] { ("Suite.A(x,1 workers)", true), ("Suite.B", false) };

        Assert.That(BenchmarkProtocol.ParseOutcomes(BenchmarkProtocol.FormatOutcomes(outcomes)), Is.EqualTo(outcomes));
    }
}
