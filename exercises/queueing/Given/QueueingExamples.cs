namespace DistSys.Queueing;

/// <summary>The worked examples that the reports print.</summary>
public static class QueueingExamples
{
    /// <summary>A web tier today: 100 requests/s on 3 servers that each complete 50 requests/s.</summary>
    public static ServerPool WebServers { get; } = new(100, 50, 3);

    /// <summary>What might happen to the web tier's traffic.</summary>
    public static IReadOnlyList<GrowthScenario> WebGrowth { get; } =
    [
        new("Holiday peak", 5, "December"),
        new("Viral growth", 10, "unexpected"),
        new("Steady growth", 2, "12 months"),
        new("Normal growth", 1.5, "6 months"),
    ];

    /// <summary>Queries per second sent to the database.</summary>
    public const double QueriesPerSecond = 200;

    /// <summary>Mean query time in seconds (50 ms), so one connection completes 20 queries/s.</summary>
    public const double MeanQuerySeconds = 0.050;

    /// <summary>The connection-pool sizes to compare.</summary>
    public static IReadOnlyList<int> PoolSizes { get; } = [5, 10, 20, 30, 50];
}
