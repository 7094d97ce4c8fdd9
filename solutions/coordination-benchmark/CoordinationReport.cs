using System.Globalization;
using System.Text;

namespace DistSys.CoordinationBenchmark;

/// <summary>One measured run of a strategy.</summary>
/// <param name="Strategy">The strategy's <see cref="ICountingStrategy.Name"/>.</param>
/// <param name="Workers">How many worker threads counted.</param>
/// <param name="Operations">How many increments they made together.</param>
/// <param name="Elapsed">How long the whole run took.</param>
public sealed record Measurement(string Strategy, int Workers, long Operations, TimeSpan Elapsed)
{
    /// <summary>Operations per second.</summary>
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Nanoseconds per operation.</summary>
    public double NanosecondsPerOperation => Elapsed.TotalNanoseconds / Operations;
}

/// <summary>Turns measurements into the two Markdown tables of the exercise: overhead and scaling.</summary>
public static class CoordinationReport
{
    /// <summary>
    /// Formats <paramref name="measurements"/> as two Markdown tables, strategies in order of first appearance:
    /// <list type="number">
    /// <item>"Overhead at N workers" (N = the largest worker count measured): strategy, M ops/s (1 decimal), ns/op
    /// (2 decimals), and the slowdown against <paramref name="baseline"/> at the same worker count ("1.0x" for the baseline,
    /// "-" when the baseline was not measured there).</item>
    /// <item>"Scaling": a column per worker count (ascending), each cell "M ops/s (speedup over 1 worker)", e.g. "12.3 (1.85x)";
    /// "-" where a strategy was not measured, and no speedup where it has no 1-worker run.</item>
    /// </list>
    /// Numbers are culture-invariant; the text ends with a newline. No measurements: an empty string.
    /// </summary>
    public static string Format(IReadOnlyList<Measurement> measurements, string baseline = "no coordination")
    {
        ArgumentNullException.ThrowIfNull(measurements);
        if (measurements.Count == 0)
        {
            return string.Empty;
        }

        var strategies = measurements.Select(m => m.Strategy).Distinct().ToList();
        var workerCounts = measurements.Select(m => m.Workers).Distinct().Order().ToList();
        var widest = workerCounts[^1];
        var table = new StringBuilder();

        table.Append(CultureInfo.InvariantCulture, $"Overhead at {widest} workers\n\n");
        table.Append("| strategy | M ops/s | ns/op | slowdown vs ").Append(baseline).Append(" |\n|---|---:|---:|---:|\n");
        var baselineRun = Find(measurements, baseline, widest);
        foreach (var strategy in strategies)
        {
            if (Find(measurements, strategy, widest) is not { } run)
            {
                continue;
            }

            var slowdown = baselineRun is null ? "-" : Invariant($"{baselineRun.OperationsPerSecond / run.OperationsPerSecond:F1}x");
            table.Append(Invariant($"| {strategy} | {run.OperationsPerSecond / 1e6:F1} | {run.NanosecondsPerOperation:F2} | {slowdown} |\n"));
        }

        table.Append("\nScaling (M ops/s, speedup over 1 worker)\n\n| strategy |");
        foreach (var workers in workerCounts)
        {
            table.Append(CultureInfo.InvariantCulture, $" {workers} |");
        }

        table.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", workerCounts.Count))).Append('\n');
        foreach (var strategy in strategies)
        {
            var single = Find(measurements, strategy, 1);
            table.Append("| ").Append(strategy).Append(" |");
            foreach (var workers in workerCounts)
            {
                var run = Find(measurements, strategy, workers);
                var cell = run switch
                {
                    null => "-",
                    _ when single is null => Invariant($"{run.OperationsPerSecond / 1e6:F1}"),
                    _ => Invariant($"{run.OperationsPerSecond / 1e6:F1} ({run.OperationsPerSecond / single.OperationsPerSecond:F2}x)"),
                };
                table.Append(' ').Append(cell).Append(" |");
            }

            table.Append('\n');
        }

        return table.ToString();
    }

    private static Measurement? Find(IReadOnlyList<Measurement> measurements, string strategy, int workers) =>
        measurements.FirstOrDefault(m => m.Strategy == strategy && m.Workers == workers);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
