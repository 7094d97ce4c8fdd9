using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistSys.Testing.Hosting;

/// <summary>
/// What the grader and a suite's benchmark host say to each other. The grader starts the built suite with
/// <see cref="Argument"/>, the file of test outcomes and a results path; the host writes <see cref="BenchmarkResults"/>
/// there as JSON. This file is compiled into both sides (the grader links it), so they cannot drift apart.
/// </summary>
internal static class BenchmarkProtocol
{
    /// <summary>Puts a suite executable into benchmark mode.</summary>
    public const string Argument = "--distsys-benchmarks";

    /// <summary>Followed by <see cref="GradedMode"/> (default) or <see cref="FullMode"/>.</summary>
    public const string ModeOption = "--mode";

    /// <summary>The grader's short job: graded benchmarks only, plus the calibration benchmark, results as JSON.</summary>
    public const string GradedMode = "graded";

    /// <summary>Every benchmark of the suite with BenchmarkDotNet's usual tables and diagnosers, for instructors.</summary>
    public const string FullMode = "full";

    /// <summary>Followed by the path the JSON results go to (graded mode).</summary>
    public const string ResultsOption = "--results";

    /// <summary>
    /// Followed by a file of test outcomes, one per line: <c>pass</c> or <c>fail</c>, a tab, the test's full name.
    /// Without it no case is gated (only for trying the host by hand).
    /// </summary>
    public const string TestOutcomesOption = "--test-outcomes";

    /// <summary>Graded mode without the calibration benchmark: the grader compares with the reference run beside it instead.</summary>
    public const string NoCalibrationOption = "--no-calibration";

    /// <summary>The BenchmarkDotNet category that marks a benchmark as part of the grade.</summary>
    public const string GradedCategory = "graded"; // BenchmarkCategories.Graded, which suites use; that file is not linked into the grader.

    /// <summary>The id of the calibration case in <see cref="BenchmarkResults.Cases"/>.</summary>
    public const string CalibrationCaseId = "CalibrationBenchmark.ContendedIncrements()";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes results for the grader.</summary>
    public static string Format(BenchmarkResults results) => JsonSerializer.Serialize(results, Json);

    /// <summary>Reads results written by <see cref="Format"/>; null when the text is not such a document.</summary>
    public static BenchmarkResults? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<BenchmarkResults>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the outcomes file that <see cref="TestOutcomesOption"/> expects.</summary>
    public static string FormatOutcomes(IEnumerable<(string TestName, bool Passed)> outcomes) =>
        string.Concat(outcomes.Select(o => (o.Passed ? "pass" : "fail") + "\t" + o.TestName + "\n"));

    /// <summary>Reads an outcomes file; lines that are not outcomes are ignored.</summary>
    public static IReadOnlyList<(string TestName, bool Passed)> ParseOutcomes(string text) =>
        text.Split('\n')
            .Select(line => line.TrimEnd('\r').Split('\t', 2))
            .Where(parts => parts.Length == 2 && parts[0] is "pass" or "fail")
            .Select(parts => (parts[1], parts[0] == "pass"))
            .ToList();
}

/// <summary>Everything one benchmark run measured.</summary>
/// <param name="Cases">Every graded case (gated ones too) and the calibration case.</param>
internal sealed record BenchmarkResults(IReadOnlyList<BenchmarkCaseResult> Cases);

/// <summary>One benchmark case.</summary>
/// <param name="Id">Type, method and parameters, e.g. <c>GradedCountingBenchmarks.Count(Strategy=coarse-lock, Workers=4)</c>.</param>
/// <param name="GatePassed">False when its correctness tests did not all pass: then it was not run.</param>
/// <param name="NanosecondsPerOperation">The fastest iteration's time per operation; null when not run or when it failed.</param>
/// <param name="Error">Why there is no time, if there is none.</param>
internal sealed record BenchmarkCaseResult(string Id, bool GatePassed, double? NanosecondsPerOperation, string? Error);
