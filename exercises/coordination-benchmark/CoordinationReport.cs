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
    /// "-" when the baseline was not measured there). Strategies not measured at N are left out.</item>
    /// <item>"Scaling": a column per worker count (ascending), each cell "M ops/s (speedup over 1 worker)", e.g. "12.3 (1.85x)";
    /// "-" where a strategy was not measured, and no speedup where it has no 1-worker run.</item>
    /// </list>
    /// Numbers are culture-invariant; the text ends with a newline. No measurements: an empty string.
    /// The exact layout (titles, blank lines, alignment row) is in the snapshot files of tests/coordination-benchmark.
    /// </summary>
    public static string Format(IReadOnlyList<Measurement> measurements, string baseline = "no coordination") =>
        throw new NotImplementedException("CoordinationReport.Format: build the overhead table (largest worker count) and the scaling table.");
}
