namespace DistSys.Latency;

/// <summary>
/// Does a request fit in the time a user is willing to wait? Operations in one group run in parallel; groups run
/// one after another.
/// </summary>
public static class LatencyBudget
{
    /// <summary>
    /// Analyzes the critical path of <paramref name="operations"/> against <paramref name="toleranceMs"/>.
    /// <list type="number">
    /// <item>Group the operations by <see cref="Operation.Group"/>; walk the groups in ascending order.</item>
    /// <item>Each group becomes a <see cref="PathStep"/>: a lone operation adds its own latency; parallel operations add
    /// only the slowest one's (the first of them on a tie).</item>
    /// <item>Total = sum of the steps; utilization = total ÷ tolerance × 100 (not rounded); remaining = tolerance − total;
    /// within budget when total ≤ tolerance.</item>
    /// <item><see cref="BudgetPressure"/>: Critical above 100% utilization, High above 80%, Medium above 60%, otherwise Low.</item>
    /// <item>The three slowest operations, slowest first (ties in input order).</item>
    /// <item>Advice, slowest first: above 100 ms <see cref="Optimization.CacheOrMakeAsynchronous"/>, above 50 ms
    /// <see cref="Optimization.PoolConnectionsOrCompress"/>, nothing for the rest.</item>
    /// </list>
    /// </summary>
    /// <param name="toleranceMs">The most the user tolerates, in ms; positive.</param>
    /// <param name="operations">At least one operation; names non-empty, latencies zero or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="operations"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive tolerance, negative latency, or a non-finite number.</exception>
    /// <exception cref="ArgumentException">No operations, or an operation without a name.</exception>
    public static BudgetAnalysis Analyze(double toleranceMs, IReadOnlyList<Operation> operations) =>
        throw new NotImplementedException("Implement LatencyBudget.Analyze: critical path by group (sequential groups add, parallel groups take their slowest), total, utilization, remaining, pressure, slowest three and advice.");
}
