namespace DistSys.Queueing;

/// <summary>How many servers will growth need?</summary>
public static class CapacityPlanner
{
    /// <summary>
    /// Plans capacity for each growth scenario:
    /// <list type="bullet">
    /// <item><see cref="CapacityPlan.Today"/>: <see cref="MMkQueue.Analyze"/> of today's pool;</item>
    /// <item>per scenario, the new arrival rate λ' = λ × growth factor, and the queue with today's servers at λ';</item>
    /// <item>the minimum servers: the smallest k with kμ &gt; λ' (it may be fewer than today's);</item>
    /// <item>the recommended servers: the smallest k (at least the minimum) with λ'/(kμ) ≤ the target utilization,
    /// allowing 1e-9 for rounding so that exactly 80% counts as 80%; and the queue with that many servers.</item>
    /// </list>
    /// </summary>
    /// <param name="today">Today's load and pool; rates positive, at least one server.</param>
    /// <param name="scenarios">The growth scenarios; factors positive and finite.</param>
    /// <param name="targetUtilization">Between 0 (exclusive) and 1 (exclusive); 0.8 by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="today"/> or <paramref name="scenarios"/> is null (named after it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target utilization out of range (named <c>targetUtilization</c>), a growth
    /// factor that is not positive and finite (named <c>scenarios</c>), or a rate or server count of <paramref name="today"/>
    /// out of range.</exception>
    public static CapacityPlan Plan(ServerPool today, IReadOnlyList<GrowthScenario> scenarios, double targetUtilization = 0.8) =>
        throw new NotImplementedException("Implement CapacityPlanner.Plan: for each growth scenario the new rate, the queue with today's servers, the minimum servers for stability and the recommended servers at the target utilization.");
}
