namespace DistSys.CoordinationBenchmark.Tests;

/// <summary>
/// Every strategy of the exercise by a stable key, built on demand: the tests and the benchmarks use the same list, and
/// a strategy whose constructor is still a stub fails only the cases that use it.
/// </summary>
internal static class StrategyCatalog
{
    public const string TaskPerOperationKey = "task-per-operation";

    private static readonly Dictionary<string, Func<ICountingStrategy>> Factories = new(StringComparer.Ordinal)
    {
        ["no-coordination"] = () => new NoCoordination(),
        ["no-coordination-adjacent"] = () => new NoCoordination(CounterLayout.Adjacent),
        ["coarse-lock"] = () => new CoarseLock(),
        ["striped-locks-16"] = () => new StripedLocks(16),
        ["interlocked"] = () => new InterlockedCounter(),
        ["batched-messages-1000"] = () => new BatchedMessages(1000),
        [TaskPerOperationKey] = () => new TaskPerOperation(),
    };

    /// <summary>Every key, in the order of the exercise.</summary>
    public static IEnumerable<string> Keys => Factories.Keys;

    /// <summary>The strategies that can count millions of operations (all but one task per operation).</summary>
    public static IEnumerable<string> ScalableKeys => Keys.Where(k => k != TaskPerOperationKey);

    public static ICountingStrategy Create(string key) => Factories[key]();
}
