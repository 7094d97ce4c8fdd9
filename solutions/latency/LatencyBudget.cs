namespace DistSys.Latency;

public static class LatencyBudget
{
    private const int SlowestShown = 3;
    private const double CacheThresholdMs = 100;
    private const double PoolThresholdMs = 50;

    public static BudgetAnalysis Analyze(double toleranceMs, IReadOnlyList<Operation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (!double.IsFinite(toleranceMs) || toleranceMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(toleranceMs), toleranceMs, "The tolerance must be a positive, finite number of milliseconds.");
        }

        if (operations.Count == 0)
        {
            throw new ArgumentException("A latency budget needs at least one operation.", nameof(operations));
        }

        foreach (var operation in operations)
        {
            if (string.IsNullOrWhiteSpace(operation.Name))
            {
                throw new ArgumentException("Every operation needs a name.", nameof(operations));
            }

            SpeedOfLight.RequireNonNegative(operation.LatencyMs, $"latency of '{operation.Name}'");
        }

        var criticalPath = operations
            .GroupBy(o => o.Group)
            .OrderBy(g => g.Key)
            .Select(g => new PathStep(g.Key, [.. g], SlowestOf(g)))
            .ToList();
        var total = criticalPath.Sum(step => step.LatencyMs);
        var utilization = total / toleranceMs * 100;

        // OrderByDescending is a stable sort: equally slow operations keep their input order.
        var slowestFirst = operations.OrderByDescending(o => o.LatencyMs).ToList();
        var advice = slowestFirst
            .Where(o => o.LatencyMs > PoolThresholdMs)
            .Select(o => new OperationAdvice(o, o.LatencyMs > CacheThresholdMs ? Optimization.CacheOrMakeAsynchronous : Optimization.PoolConnectionsOrCompress))
            .ToList();

        return new BudgetAnalysis(
            toleranceMs,
            total,
            utilization,
            toleranceMs - total,
            total <= toleranceMs,
            criticalPath,
            PressureAt(utilization),
            [.. slowestFirst.Take(SlowestShown)],
            advice);
    }

    private static Operation SlowestOf(IEnumerable<Operation> group) =>
        group.Aggregate((slowest, next) => next.LatencyMs > slowest.LatencyMs ? next : slowest);

    private static BudgetPressure PressureAt(double utilizationPercent) => utilizationPercent switch
    {
        > 100 => BudgetPressure.Critical,
        > 80 => BudgetPressure.High,
        > 60 => BudgetPressure.Medium,
        _ => BudgetPressure.Low,
    };
}
