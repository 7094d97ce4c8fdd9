namespace DistSys.CoordinationBenchmark;

/// <summary>
/// One way for several worker threads to count operations into a single total. The operation is deliberately
/// trivial (add one), so what a benchmark measures is the cost of the coordination around it.
/// </summary>
public interface ICountingStrategy
{
    /// <summary>A short name for tables, e.g. "coarse lock".</summary>
    string Name { get; }

    /// <summary>
    /// Starts <paramref name="workers"/> threads that together perform exactly <paramref name="operations"/> increments
    /// (split as evenly as possible), waits for all of them, and returns the total they counted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="workers"/> is 0 or less, or <paramref name="operations"/> is negative (thrown on the calling
    /// thread, before any worker starts).
    /// </exception>
    long Count(int workers, long operations);
}
