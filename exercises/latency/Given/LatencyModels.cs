namespace DistSys.Latency;

/// <summary>The latency of one link, as <see cref="SpeedOfLight.Calculate"/> works it out. All times in milliseconds.</summary>
/// <param name="DistanceKm">Length of the path the signal travels, one way.</param>
/// <param name="Medium">The medium the signal travels through: <c>fiber</c>, <c>copper</c> or <c>wireless</c>.</param>
/// <param name="EffectiveSpeedKmPerSecond">Speed of light in that medium.</param>
/// <param name="OneWayPropagationMs">Time for the signal to cross the distance once.</param>
/// <param name="RoundTripMs">There and back: twice the one-way propagation delay.</param>
/// <param name="ProcessingDelayMs">Time spent in the endpoints and equipment, added once per round trip.</param>
/// <param name="TotalMs">Round trip plus processing delay: what a request-response exchange costs at best.</param>
public sealed record NetworkLatency(
    double DistanceKm,
    string Medium,
    double EffectiveSpeedKmPerSecond,
    double OneWayPropagationMs,
    double RoundTripMs,
    double ProcessingDelayMs,
    double TotalMs);

/// <summary>One step of a request: its name, how long it takes, and the group it runs in.</summary>
/// <param name="Name">What the step does, e.g. "Payment validation".</param>
/// <param name="LatencyMs">How long the step takes, in milliseconds (zero or more).</param>
/// <param name="Group">
/// Groups run one after another in ascending order; the operations inside one group run in parallel.
/// A group with a single operation is simply a sequential step.
/// </param>
public sealed record Operation(string Name, double LatencyMs, int Group);

/// <summary>One group on the critical path.</summary>
/// <param name="Group">The group number.</param>
/// <param name="Operations">The group's operations, in the order they were given.</param>
/// <param name="Slowest">
/// The operation that decides how long the group takes; on a tie, the first of the tied operations in input order.
/// </param>
public sealed record PathStep(int Group, IReadOnlyList<Operation> Operations, Operation Slowest)
{
    /// <summary>How long the group takes: its slowest operation, because the others run alongside it.</summary>
    public double LatencyMs => Slowest.LatencyMs;

    /// <summary>True when the group runs more than one operation side by side.</summary>
    public bool IsParallel => Operations.Count > 1;
}

/// <summary>How much of the budget the critical path uses.</summary>
public enum BudgetPressure
{
    /// <summary>At most 60% of the budget.</summary>
    Low,

    /// <summary>More than 60% and at most 80%.</summary>
    Medium,

    /// <summary>More than 80% and at most 100%.</summary>
    High,

    /// <summary>More than 100%: the request is slower than the user tolerates.</summary>
    Critical,
}

/// <summary>What to try on a slow operation.</summary>
public enum Optimization
{
    /// <summary>For operations above 100 ms: cache the result, or take the work off the request path.</summary>
    CacheOrMakeAsynchronous,

    /// <summary>For operations above 50 ms (and at most 100 ms): reuse connections, compress payloads.</summary>
    PoolConnectionsOrCompress,
}

/// <summary>Advice for one operation.</summary>
public sealed record OperationAdvice(Operation Operation, Optimization Suggestion);

/// <summary>The result of <see cref="LatencyBudget.Analyze"/>.</summary>
/// <param name="ToleranceMs">The most latency the user accepts for the whole request.</param>
/// <param name="TotalLatencyMs">Length of the critical path: the sum of the groups' latencies.</param>
/// <param name="UtilizationPercent">TotalLatencyMs as a percentage of ToleranceMs (not rounded).</param>
/// <param name="RemainingMs">ToleranceMs minus TotalLatencyMs; negative when over budget.</param>
/// <param name="WithinBudget">True when TotalLatencyMs is at most ToleranceMs.</param>
/// <param name="CriticalPath">One step per group, in ascending group order.</param>
/// <param name="Pressure">How close to the budget the path is.</param>
/// <param name="SlowestOperations">The three slowest operations (fewer if there are fewer), slowest first; ties keep input order.</param>
/// <param name="Advice">Advice for every operation slower than 50 ms, slowest first; ties keep input order.</param>
public sealed record BudgetAnalysis(
    double ToleranceMs,
    double TotalLatencyMs,
    double UtilizationPercent,
    double RemainingMs,
    bool WithinBudget,
    IReadOnlyList<PathStep> CriticalPath,
    BudgetPressure Pressure,
    IReadOnlyList<Operation> SlowestOperations,
    IReadOnlyList<OperationAdvice> Advice);
