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
    public void Paired_rounds_score_the_students_fastest_run_against_the_references_fastest()
    {
        // Load only adds time: the second pair was slowed on both sides, the third on the student's only.
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 12, null),
            [(12.0, 10.0), (24.0, 20.0), (30.0, 11.0)]);

        Assert.That((grade.Ratio, grade.StudentNanoseconds, grade.BaselineNanoseconds, grade.Rounds, grade.Fraction),
            Is.EqualTo(((double?)1.2, (double?)12.0, (double?)10.0, 3, 1.0m)), "12 ns (pair 1) / 10 ns (pair 1)");
    }

    [Test]
    public void The_interval_is_how_far_the_ratio_moves_when_one_pair_is_left_out()
    {
        // Without pair 1 (both bests): 24 / 11; without pair 3 nothing changes; so 1.2 .. 2.18.
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 12, null),
            [(12.0, 10.0), (24.0, 20.0), (30.0, 11.0)]);

        Assert.That((grade.RatioLow, grade.RatioHigh), Is.EqualTo(((double?)1.2, (double?)Math.Round(24.0 / 11.0, 3))));
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
        Assert.That(grade.Note, Does.StartWith("rejected: a ratio of 0.10"));
    }

    [Test]
    public void The_report_line_shows_the_interval_of_paired_rounds()
    {
        var grade = new BenchmarkGrade("coordination-benchmark", "reference", 20m, 20m,
            [new BenchmarkCaseGrade("GradedCountingBenchmarks.Count(Strategy=coarse-lock)", 45.5, 40, 1.138, 1m, null) { RatioLow = 1.05, RatioHigh = 1.2, Rounds = 3 }], null);

        Assert.That(BenchmarkStage.Describe(grade).Last(), Is.EqualTo("  Count(Strategy=coarse-lock): you 45.50 ns/op, reference 40.00 ns/op, ratio 1.14 [1.05-1.20 over 3 pairs] -> 100%"));
    }

    [Test]
    public void One_disturbed_run_on_either_side_does_not_move_the_ratio()
    {
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 10, null),
            [(10.0, 10.0), (40.0, 10.5), (11.0, 45.0), (10.0, 10.0)]);

        Assert.That((grade.Ratio, grade.RatioHigh, grade.Fraction), Is.EqualTo(((double?)1.0, (double?)1.0, 1.0m)),
            "each side's best run is unaffected by the slowed ones, and leaving any one pair out keeps a best of 10 ns on each side");
    }

    [Test]
    public void An_interval_still_reaching_a_better_band_after_the_last_pair_is_scored_by_its_better_end()
    {
        // Eight pairs: the student's best run is 1.6 x the reference's best, but without the pair holding both bests
        // the ratio is 17 / 13 = 1.31: the measurement cannot tell the 50% band from the 100% band, and the student keeps the points.
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 16, null),
            [(16.0, 10.0), (17.0, 13.0), (18.0, 14.0), (19.0, 15.0), (20.0, 16.0), (21.0, 17.0), (22.0, 18.0), (23.0, 19.0)]);

        Assert.That((grade.Ratio, grade.RatioLow, grade.Fraction), Is.EqualTo(((double?)1.6, (double?)1.308, 1.0m)));
        Assert.That(grade.Note, Is.EqualTo("scored by its interval's better end, 1.31: after 8 pairs the measurement cannot tell the 100% and 50% bands apart"));
    }

    [Test]
    public void With_fewer_pairs_than_the_stage_takes_at_most_the_ratio_decides_even_if_its_interval_reaches_a_better_band()
    {
        // The cap ran out after three pairs: 1.6 by the fastest runs, 1.31 without the first pair.
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 16, null),
            [(16.0, 10.0), (17.0, 13.0), (18.0, 14.0)]);

        Assert.That((grade.RatioLow, grade.Fraction, grade.Note), Is.EqualTo(((double?)1.308, 0.5m, (string?)null)));
    }

    [Test]
    public void An_interval_within_one_band_is_scored_by_its_ratio_without_a_note()
    {
        var grade = BenchmarkStage.ScorePaired(Rules, new BenchmarkCaseResult("B.Count(Strategy=x)", true, 20, null),
            [(18.0, 10.0), (20.0, 10.0), (22.0, 10.0), (19.0, 10.0), (21.0, 10.0), (20.0, 10.0), (18.5, 10.0), (20.5, 10.0)]);

        Assert.That((grade.Ratio, grade.Fraction, grade.Note), Is.EqualTo(((double?)1.8, 0.5m, (string?)null)));
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
