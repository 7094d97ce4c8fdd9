using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSys.Grader.Grading;

namespace DistSys.Grader.Reporting;

/// <summary>How <c>grader compare</c> prints a <see cref="CompareReport"/>: a plain-text table per exercise, or JSON.</summary>
internal static class CompareOutput
{
    // Enough to see the pattern; the JSON lists every one.
    private const int RowsShown = 10;
    private const int MessageLength = 120;

    public static string Json(CompareReport report) => JsonSerializer.Serialize(report, ReportJson.Options) + "\n";

    public static string Table(CompareReport report)
    {
        var text = new StringBuilder();
        Line(text, $"Compare: {(report.Submission is null ? "exercises/ of this kit" : report.Submission)} (student) with the reference solutions");
        Line(text, $"Score: student {report.StudentScore:0.##}/{report.MaxScore:0.##}, reference {report.ReferenceScore:0.##}/{report.MaxScore:0.##}");
        Line(text, $"Ratios are student ÷ reference; flagged (!) above {report.FlagRatio:0.#}×. Simulator figures come from the process that ran the code: they inform, they never score.");
        foreach (var exercise in report.Exercises)
        {
            text.Append('\n');
            Exercise(text, exercise);
        }

        return text.ToString();
    }

    private static void Exercise(StringBuilder text, ExerciseComparison exercise)
    {
        Line(text, $"{exercise.Slug}: {exercise.Summary}");
        if (exercise.Student.Status == ExerciseStatus.Unavailable && exercise.Reference.Status == ExerciseStatus.Unavailable)
        {
            return;
        }

        Row(text, string.Empty, "student", "reference", "ratio");
        Row(text, "score", Score(exercise.Student), Score(exercise.Reference), string.Empty);
        Row(text, "tests passed", Tests(exercise.Student), Tests(exercise.Reference), string.Empty);
        Row(text, "analyzer findings", Count(exercise.Student.Findings), Count(exercise.Reference.Findings), string.Empty);
        if (exercise.Traffic is { } traffic)
        {
            Row(text, $"messages / {traffic.Per}", Number(traffic.Student.Messages), Number(traffic.Reference.Messages), Ratio(traffic.Ratio));
            Row(text, $"bytes / {traffic.Per}", Number(traffic.Student.Bytes), Number(traffic.Reference.Bytes), Ratio(traffic.BytesRatio));
        }

        if (exercise.Benchmarks is { } benchmarks)
        {
            Row(text, "benchmark time", Ratio(benchmarks.Ratio).TrimEnd(' ', '!'), "1.0×", Ratio(benchmarks.Ratio));
        }

        if (exercise.Traffic is { } compared)
        {
            Line(text, $"  simulator figures over {compared.Tests} test(s) that passed on both sides{(compared.Per == Comparison.PerOperation ? ", per client operation" : ", per test (same tests, same seeds)")}");
        }

        if (exercise.TrafficByTest.Count > 0)
        {
            var flagged = exercise.TrafficByTest.Count(test => test.Ratio is > Comparison.FlagRatio || test.BytesRatio is > Comparison.FlagRatio);
            Line(text, $"  tests by messages ({flagged} over {Comparison.FlagRatio:0.#}×; student vs reference):");
            foreach (var test in exercise.TrafficByTest.Take(RowsShown))
            {
                Line(text, $"    {Ratio(test.Ratio),-7} {Number(test.Student.Messages) + " vs " + Number(test.Reference.Messages),-20} bytes {Ratio(test.BytesRatio),-7} {Comparison.ShortName(test.Name)}");
            }

            More(text, exercise.TrafficByTest.Count);
        }

        if (exercise.Tests.Count > 0)
        {
            Line(text, $"  {(exercise.Differences == 0 ? "tests (none differs)" : Invariant($"tests that differ ({exercise.Differences})"))}:");
            Line(text, $"    {"student",-8} {"reference",-9}  test");
            foreach (var test in exercise.Tests.Take(RowsShown))
            {
                var why = test.Student != HostProtocol.Passed && test.StudentMessage is { } message ? " - " + Shorten(message) : string.Empty;
                Line(text, $"    {test.Student,-8} {test.Reference,-9}  {Comparison.ShortName(test.Name)}{(test.Hidden ? " (hidden)" : "")}{why}");
            }

            More(text, exercise.Tests.Count);
        }

        if (exercise.Benchmarks is { Cases.Count: > 0 } cases)
        {
            Line(text, $"  benchmark cases (against the {cases.Baseline}):");
            foreach (var c in cases.Cases.Take(RowsShown))
            {
                Line(text, $"    {Ratio(c.Ratio),-8} {Nanoseconds(c.StudentNanoseconds)} vs {Nanoseconds(c.ReferenceNanoseconds)}  {c.Case}");
            }
        }
    }

    private static void More(StringBuilder text, int count)
    {
        if (count > RowsShown)
        {
            Line(text, $"    … {count - RowsShown} more (--format json lists them all)");
        }
    }

    private static void Row(StringBuilder text, string label, string student, string reference, string ratio) =>
        text.Append(Invariant($"  {label,-20} {student,14} {reference,14}  {ratio}").TrimEnd()).Append('\n');

    private static string Score(SideResult side) =>
        side.Status == ExerciseStatus.Unavailable ? "-" : Invariant($"{side.Score:0.##}/{side.MaxScore:0.##}");

    private static string Tests(SideResult side) =>
        side.Status == ExerciseStatus.Error ? "error" : side.Total == 0 ? "-" : Invariant($"{side.Passed}/{side.Total}");

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) =>
        value.ToString(value >= 100 || value == Math.Floor(value) ? "#,0" : "#,0.0#", CultureInfo.InvariantCulture);

    private static string Ratio(double? ratio) => ratio switch
    {
        null => "n/a",
        > Comparison.FlagRatio => Comparison.Times(ratio.Value) + " !",
        _ => Comparison.Times(ratio.Value),
    };

    private static string Nanoseconds(double? value) => value is { } ns ? Invariant($"{ns:0.0} ns") : "-";

    private static string Shorten(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= MessageLength ? line : line[..MessageLength] + "…";
    }

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
