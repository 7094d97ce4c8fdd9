namespace DistSys.CoordinationBenchmark.Tests;

/// <summary>
/// Every strategy of the exercise by a stable key, built on demand: the tests and the benchmarks use the same list, and
/// a strategy whose constructor is still a stub fails only the cases that use it.
/// </summary>
internal static class StrategyCatalog
{
    public const string TaskPerOperationKey = "task-per-operation";

    private static readonly Dictionary<string, (Func<ICountingStrategy> Create, Coordination Coordination)> Factories = new(StringComparer.Ordinal)
    {
        ["no-coordination"] = (() => new NoCoordination(), Coordination.None),
        ["no-coordination-adjacent"] = (() => new NoCoordination(CounterLayout.Adjacent), Coordination.None),
        ["coarse-lock"] = (() => new CoarseLock(), Coordination.Lock),
        ["striped-locks-16"] = (() => new StripedLocks(16), Coordination.Lock),
        ["interlocked"] = (() => new InterlockedCounter(), Coordination.Atomic),
        ["batched-messages-1000"] = (() => new BatchedMessages(1000), Coordination.None),
        [TaskPerOperationKey] = (() => new TaskPerOperation(), Coordination.Atomic),
    };

    /// <summary>Every key, in the order of the exercise.</summary>
    public static IEnumerable<string> Keys => Factories.Keys;

    /// <summary>The strategies that can count millions of operations (all but one task per operation).</summary>
    public static IEnumerable<string> ScalableKeys => Keys.Where(k => k != TaskPerOperationKey);

    /// <summary>The scalable strategies whose workers coordinate per increment in the given way.</summary>
    public static IEnumerable<string> ScalableKeysCoordinatingBy(Coordination coordination) =>
        ScalableKeys.Where(k => Factories[k].Coordination == coordination);

    public static ICountingStrategy Create(string key) => Factories[key].Create();
}

/// <summary>
/// What a strategy's workers do per increment. The cost per increment differs by a factor of 10-100 between kinds, so
/// the graded benchmarks size their runs by it (<see cref="Benchmarks.GradedCountingBenchmarks"/>).
/// </summary>
internal enum Coordination
{
    /// <summary>Nothing per increment: private counters, or messages per batch.</summary>
    None,

    /// <summary>One atomic instruction per increment.</summary>
    Atomic,

    /// <summary>A lock taken per increment.</summary>
    Lock,
}
