using System.Globalization;
using DistSys.Grader.Benchmarks;
using DistSys.Grader.Grading;
using DistSys.Grader.Running;

namespace DistSys.Grader.Reporting;

/// <summary>One side of a comparison: how an exercise graded for the student or for the reference.</summary>
/// <param name="Findings">How many DS analyzer findings the graded code has.</param>
/// <param name="Message">Why there are no test results (does not compile, unavailable), if so.</param>
internal sealed record SideResult(string Status, decimal Score, decimal MaxScore, int Passed, int Total, int Findings, string? Message)
{
    public static SideResult Of(ExerciseGrade grade) =>
        new(grade.Status, grade.Score, grade.MaxScore, grade.Passed, grade.Total, grade.Findings.Count, grade.Message);
}

/// <summary>One test on both sides; <c>missing</c> where a side has no result for it.</summary>
internal sealed record TestComparison(string Name, string Student, string Reference, string? StudentMessage, string? ReferenceMessage)
{
    public bool Differs => Student != Reference;

    /// <summary>A hidden test: compare is for instructors, so it is shown, marked as such.</summary>
    public bool Hidden { get; init; }
}

/// <summary>Messages and bytes, per operation or per test (see <see cref="TrafficComparison.Per"/>).</summary>
internal sealed record Traffic(double Messages, double Bytes);

/// <summary>
/// What the simulations sent, student beside reference, over the tests that passed on both sides and ran simulations
/// on both. <see cref="Per"/> is <c>operation</c> when every one of those tests counted client operations on both
/// sides (totals divided by the operations), otherwise <c>test</c> (totals divided by the number of tests: the same
/// tests with the same seeds, so the same workload on both sides).
/// </summary>
/// <param name="Ratio">Student ÷ reference messages; null when the reference sent none and the student some.</param>
/// <param name="BytesRatio">Student ÷ reference bytes; null likewise.</param>
internal sealed record TrafficComparison(string Per, int Tests, Traffic Student, Traffic Reference, double? Ratio, double? BytesRatio);

/// <summary>The same as <see cref="TrafficComparison"/> for one test.</summary>
internal sealed record TestTraffic(string Name, string Per, Traffic Student, Traffic Reference, double? Ratio, double? BytesRatio);

/// <summary>One benchmark case: the student's and the reference's time per operation, measured in the same run.</summary>
internal sealed record BenchmarkCaseComparison(string Case, double? StudentNanoseconds, double? ReferenceNanoseconds, double? Ratio);

/// <summary>The benchmark stage's figures for one exercise (the reference is the baseline, ratio 1 by definition).</summary>
/// <param name="Baseline"><c>reference</c>, or <c>calibration</c> in a kit without solutions.</param>
/// <param name="Ratio">Geometric mean of the cases' student ÷ reference time ratios; null when no case has a ratio.</param>
internal sealed record BenchmarkComparison(string Baseline, double? Ratio, IReadOnlyList<BenchmarkCaseComparison> Cases, string? Message);

/// <summary>One exercise, student beside reference.</summary>
/// <param name="Summary">One line for an instructor, e.g. "passes, but sends 4.1× the reference's messages".</param>
/// <param name="Flags">What stands out: each ratio above <see cref="Comparison.FlagRatio"/>, analyzer findings the reference does not have.</param>
/// <param name="Differences">How many tests have another status on the two sides.</param>
/// <param name="Tests">The tests that differ (every test with <c>--all-tests</c>).</param>
/// <param name="TrafficByTest">Simulator tests whose messages or bytes ratio is above <see cref="Comparison.FlagRatio"/> (every compared test with <c>--all-tests</c>), highest ratio first.</param>
internal sealed record ExerciseComparison(
    string Slug,
    SideResult Student,
    SideResult Reference,
    string Summary,
    IReadOnlyList<string> Flags,
    int Differences,
    IReadOnlyList<TestComparison> Tests,
    TrafficComparison? Traffic,
    IReadOnlyList<TestTraffic> TrafficByTest,
    BenchmarkComparison? Benchmarks);

/// <summary>The result of <c>grader compare</c>.</summary>
/// <param name="Submission">The graded submission folder, or null for the kit's own exercises/.</param>
internal sealed record CompareReport(string? Submission, decimal StudentScore, decimal ReferenceScore, decimal MaxScore, double FlagRatio, IReadOnlyList<ExerciseComparison> Exercises);

/// <summary>
/// Puts a student's grade and the reference's side by side. Both come from the one grading path (GradingSession): the
/// student's run (target exercises) and the reference's (target solutions). The simulator figures come from the suite
/// processes, which run the graded code: they describe, they never score.
/// </summary>
internal static class Comparison
{
    /// <summary>A student ÷ reference ratio above this is flagged.</summary>
    public const double FlagRatio = 2.0;

    public const string PerOperation = "operation";
    public const string PerTest = "test";
    public const string Missing = "missing";

    public static CompareReport Build(GradeReport student, GradeReport reference, string? submission = null, bool allTests = false)
    {
        var references = reference.Exercises.ToDictionary(grade => grade.Slug, StringComparer.Ordinal);
        var exercises = student.Exercises
            .Select(grade => Exercise(
                grade,
                references.GetValueOrDefault(grade.Slug) ?? Scoring.Unavailable(grade.Slug),
                student.Benchmarks.FirstOrDefault(benchmark => benchmark.Slug == grade.Slug),
                allTests))
            .ToList();
        return new CompareReport(submission, student.Score, reference.Score, reference.MaxScore, FlagRatio, exercises);
    }

    public static ExerciseComparison Exercise(ExerciseGrade student, ExerciseGrade reference, BenchmarkGrade? benchmark = null, bool allTests = false)
    {
        var tests = Tests(student.Tests, reference.Tests);
        var compared = Compared(student.Tests, reference.Tests);
        var traffic = TrafficByTest(compared);
        var overall = Overall(compared);
        var benchmarks = benchmark is null ? null : Benchmarks(benchmark);
        var flags = Flags(student, reference, overall, benchmarks);
        return new ExerciseComparison(
            student.Slug,
            SideResult.Of(student),
            SideResult.Of(reference),
            Summary(student, flags),
            flags,
            tests.Count(test => test.Differs),
            allTests ? tests : [.. tests.Where(test => test.Differs)],
            overall,
            allTests ? traffic : [.. traffic.Where(Flagged)],
            benchmarks);
    }

    /// <summary>"4.1×": one decimal, two where one would round a flagged ratio down to the threshold.</summary>
    public static string Times(double ratio) =>
        ratio.ToString(ratio > FlagRatio && Math.Round(ratio, 1) <= FlagRatio ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "×";

    /// <summary>A test's name without the suite's namespace (<c>DistSys.BasicPaxos.Tests.</c>), for tables.</summary>
    public static string ShortName(string test)
    {
        var marker = test.IndexOf(".Tests.", StringComparison.Ordinal);
        return test.StartsWith("DistSys.", StringComparison.Ordinal) && marker > 0 ? test[(marker + ".Tests.".Length)..] : test;
    }

    private static List<TestComparison> Tests(IReadOnlyList<TestResult> student, IReadOnlyList<TestResult> reference)
    {
        var theirs = reference.ToDictionary(test => test.Name, StringComparer.Ordinal);
        var ours = student.ToDictionary(test => test.Name, StringComparer.Ordinal);
        return [.. student.Select(test => test.Name).Union(reference.Select(test => test.Name), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var s = ours.GetValueOrDefault(name);
                var r = theirs.GetValueOrDefault(name);
                return new TestComparison(name, s?.Status ?? Missing, r?.Status ?? Missing, s?.Message, r?.Message)
                {
                    Hidden = s?.Hidden == true || r?.Hidden == true,
                };
            })];
    }

    /// <summary>The tests that passed on both sides and ran simulations on both, with both sides' totals.</summary>
    private static List<(string Name, HostSimulationTotals Student, HostSimulationTotals Reference)> Compared(
        IReadOnlyList<TestResult> student, IReadOnlyList<TestResult> reference)
    {
        var theirs = reference.Where(test => test.Passed && test.Simulation is not null).ToDictionary(test => test.Name, StringComparer.Ordinal);
        return [.. student
            .Where(test => test.Passed && test.Simulation is not null && theirs.ContainsKey(test.Name))
            .Select(test => (test.Name, test.Simulation!, theirs[test.Name].Simulation!))];
    }

    private static List<TestTraffic> TrafficByTest(IReadOnlyList<(string Name, HostSimulationTotals Student, HostSimulationTotals Reference)> compared) =>
        [.. compared
            .Select(pair =>
            {
                var perOperation = pair.Student.Operations > 0 && pair.Reference.Operations > 0;
                var s = Figures(pair.Student, perOperation ? pair.Student.Operations : 1);
                var r = Figures(pair.Reference, perOperation ? pair.Reference.Operations : 1);
                return new TestTraffic(pair.Name, perOperation ? PerOperation : PerTest, s, r, Ratio(s.Messages, r.Messages), Ratio(s.Bytes, r.Bytes));
            })
            .OrderByDescending(test => Math.Max(test.Ratio ?? double.MaxValue, test.BytesRatio ?? double.MaxValue))
            .ThenBy(test => test.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Totals over the compared tests: Σ messages ÷ Σ operations when every test counted operations on both sides (a
    /// big test weighs as much as its operations), otherwise Σ messages ÷ the number of tests.
    /// </summary>
    private static TrafficComparison? Overall(IReadOnlyList<(string Name, HostSimulationTotals Student, HostSimulationTotals Reference)> compared)
    {
        if (compared.Count == 0)
        {
            return null;
        }

        var perOperation = compared.All(pair => pair.Student.Operations > 0 && pair.Reference.Operations > 0);
        var student = compared.Select(pair => pair.Student).Aggregate(Add);
        var reference = compared.Select(pair => pair.Reference).Aggregate(Add);
        var s = Figures(student, perOperation ? student.Operations : compared.Count);
        var r = Figures(reference, perOperation ? reference.Operations : compared.Count);
        return new TrafficComparison(perOperation ? PerOperation : PerTest, compared.Count, s, r, Ratio(s.Messages, r.Messages), Ratio(s.Bytes, r.Bytes));
    }

    // Rounded once, here, so the table, the JSON and the flags all read the same figures.
    private static Traffic Figures(HostSimulationTotals totals, long divisor) =>
        new(Math.Round((double)totals.MessagesSent / divisor, 2), Math.Round((double)totals.BytesSent / divisor, 2));

    private static HostSimulationTotals Add(HostSimulationTotals a, HostSimulationTotals b) =>
        new(a.Simulations + b.Simulations, a.MessagesSent + b.MessagesSent, a.MessagesDelivered + b.MessagesDelivered,
            a.MessagesDropped + b.MessagesDropped, a.BytesSent + b.BytesSent, a.Operations + b.Operations);

    private static BenchmarkComparison Benchmarks(BenchmarkGrade grade)
    {
        var cases = grade.Cases.Select(c => new BenchmarkCaseComparison(c.Id, c.StudentNanoseconds, c.BaselineNanoseconds, c.Ratio)).ToList();
        var ratios = cases.Where(c => c.Ratio is > 0).Select(c => c.Ratio!.Value).ToList();
        double? mean = ratios.Count == 0 ? null : Math.Round(Math.Exp(ratios.Average(Math.Log)), 3);
        return new BenchmarkComparison(grade.Baseline, mean, cases, grade.Message);
    }

    private static List<string> Flags(ExerciseGrade student, ExerciseGrade reference, TrafficComparison? traffic, BenchmarkComparison? benchmarks)
    {
        var flags = new List<string>();
        var per = traffic?.Per == PerOperation ? " per operation" : string.Empty;
        if (traffic?.Ratio is > FlagRatio and var messages)
        {
            flags.Add($"sends {Times(messages)} the reference's messages{per}");
        }

        if (traffic?.BytesRatio is > FlagRatio and var bytes)
        {
            flags.Add(flags.Count == 1 ? $"{Times(bytes)} its bytes" : $"sends {Times(bytes)} the reference's bytes{per}");
        }

        if (benchmarks?.Ratio is > FlagRatio and var time)
        {
            flags.Add($"takes {Times(time)} the reference's time in the benchmarks");
        }

        if (student.Findings.Count > reference.Findings.Count)
        {
            flags.Add(string.Create(CultureInfo.InvariantCulture,
                $"has {student.Findings.Count} analyzer finding{(student.Findings.Count == 1 ? "" : "s")} (the reference: {reference.Findings.Count})"));
        }

        return flags;
    }

    private static string Summary(ExerciseGrade student, IReadOnlyList<string> flags)
    {
        var status = student.Status switch
        {
            ExerciseStatus.Unavailable => "unavailable",
            ExerciseStatus.Error => "error: " + (student.Message ?? "no test ran"),
            _ when student.Passed == student.Total => "passes",
            _ => string.Create(CultureInfo.InvariantCulture, $"fails {student.Total - student.Passed} of {student.Total} tests"),
        };
        if (flags.Count == 0)
        {
            return status;
        }

        var joined = flags.Count == 1 ? flags[0] : string.Join(", ", flags.Take(flags.Count - 1)) + " and " + flags[^1];
        return status == "passes" ? $"passes, but {joined}" : $"{status}; {joined}";
    }

    private static bool Flagged(TestTraffic test) => test.Ratio is > FlagRatio || test.BytesRatio is > FlagRatio;

    private static double? Ratio(double student, double reference) =>
        reference > 0 ? Math.Round(student / reference, 3) : student == 0 ? 1 : null;
}
