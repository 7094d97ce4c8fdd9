namespace DistSys.CoordinationCosts;

/// <summary>A printable snapshot of <see cref="CoordinationMetrics"/>.</summary>
/// <param name="Messages">Messages sent.</param>
/// <param name="BandwidthMb">Bytes sent, in MB (1 MB = 1024² bytes).</param>
/// <param name="RoundTrips">Round trips waited for.</param>
/// <param name="LatencyMs">Time spent coordinating, in ms.</param>
/// <param name="Failures">Failures met (aborted transactions, leader elections).</param>
/// <param name="BandwidthCostUsd">Bandwidth cost at the default price.</param>
public sealed record MetricsSummary(long Messages, double BandwidthMb, long RoundTrips, double LatencyMs, long Failures, double BandwidthCostUsd);

/// <summary>The cost of gossiping updates, and how the spread of one update went.</summary>
/// <param name="Metrics">Cost of spreading every update.</param>
/// <param name="RoundsPerUpdate">Rounds each update took: until the coverage target was reached, or the round limit.</param>
/// <param name="InformedNodes">How many nodes (the origin included) have an update when gossip stops.</param>
/// <param name="Converged">True when the coverage target was reached within the round limit.</param>
public sealed record GossipResult(CoordinationMetrics Metrics, int RoundsPerUpdate, int InformedNodes, bool Converged);

/// <summary>
/// A read quorum R and a write quorum W on N replicas that do not overlap (R + W ≤ N): a read could miss the latest
/// write, so the configuration is refused.
/// </summary>
public sealed class InvalidQuorumException : ArgumentException
{
    /// <summary>Describes the refused configuration.</summary>
    public InvalidQuorumException(int nodes, int readQuorum, int writeQuorum)
        : base($"R + W must exceed N so that every read overlaps the latest write, but R = {readQuorum}, W = {writeQuorum} on N = {nodes} nodes gives R + W = {readQuorum + writeQuorum} <= {nodes}. " +
               $"A majority on both sides (R = W = {nodes / 2 + 1}) always works.")
    {
        Nodes = nodes;
        ReadQuorum = readQuorum;
        WriteQuorum = writeQuorum;
    }

    /// <summary>N.</summary>
    public int Nodes { get; }

    /// <summary>R.</summary>
    public int ReadQuorum { get; }

    /// <summary>W.</summary>
    public int WriteQuorum { get; }
}

/// <summary>A cluster to compare protocols on.</summary>
public sealed record ClusterScenario(string Name, int Nodes, long Operations, double RttMs);

/// <summary>The worked examples that the reports print.</summary>
public static class CoordinationExamples
{
    /// <summary>Three clusters, from one rack to the whole planet.</summary>
    public static IReadOnlyList<ClusterScenario> Clusters { get; } =
    [
        new("Small cluster", 3, 1_000, 1),
        new("Regional cluster", 7, 10_000, 10),
        new("Global cluster", 21, 100_000, 100),
    ];

    /// <summary>The quorum the comparison asks for first on every cluster (R = W = 2).</summary>
    public const int RequestedQuorum = 2;

    /// <summary>Gossip fan-out in the comparison.</summary>
    public const int GossipFanout = 3;

    /// <summary>Most gossip rounds per update in the comparison.</summary>
    public const int GossipMaxRounds = 20;

    /// <summary>The global 2PC breakdown: five regions…</summary>
    public const int GlobalRegions = 5;

    /// <summary>…170 ms apart…</summary>
    public const double GlobalRttMs = 170;

    /// <summary>…running a million transactions.</summary>
    public const long GlobalTransactions = 1_000_000;

    /// <summary>The monthly volume the breakdown projects to.</summary>
    public const long MonthlyTransactions = 100_000_000;
}
