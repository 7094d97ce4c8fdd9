namespace DistSys.StrategyDesigner;

/// <summary>Consistency levels, weakest first: a protocol that gives a level also satisfies every weaker one.</summary>
public enum Consistency
{
    /// <summary>No guarantee at all: replicas need never agree. No requirement accepts this.</summary>
    None,

    /// <summary>Replicas converge once updates stop.</summary>
    Eventual,

    /// <summary>Everyone sees causally related updates in the same order.</summary>
    Causal,

    /// <summary>Every read sees the latest write (linearizability).</summary>
    Strong,
}

/// <summary>What a system needs from its coordination.</summary>
/// <param name="Consistency">The weakest consistency the system can live with: Eventual, Causal or Strong.</param>
/// <param name="OperationsPerSecond">Operations per second; zero or more.</param>
/// <param name="Nodes">Nodes that take part; at least 1.</param>
/// <param name="RttMs">Round-trip time between nodes, in ms; zero or more.</param>
/// <param name="FailureRate">Probability that a given node is down, in [0, 1].</param>
/// <param name="MonthlyBudgetUsd">What the system may spend per month, in US dollars; zero or more.</param>
public sealed record Requirements(
    Consistency Consistency,
    double OperationsPerSecond,
    int Nodes,
    double RttMs,
    double FailureRate,
    double MonthlyBudgetUsd);

/// <summary>One row of the protocol table.</summary>
/// <param name="Name">The protocol's name, e.g. <c>paxos</c>.</param>
/// <param name="Consistency">The consistency it provides.</param>
/// <param name="LatencyFactor">Latency in RTTs per operation.</param>
/// <param name="MessageFactor">Messages per operation per node.</param>
/// <param name="Complexity">How hard it is to build and run, 1 (trivial) to 5 (hard).</param>
/// <param name="BaseAvailability">Availability of a protocol that tolerates node failures.</param>
/// <param name="NeedsEveryNode">True when every node must be up for progress (2PC, chain replication): availability is then
/// (1 − failure rate)^nodes instead of <see cref="BaseAvailability"/>.</param>
public sealed record ProtocolProfile(
    string Name,
    Consistency Consistency,
    double LatencyFactor,
    double MessageFactor,
    int Complexity,
    double BaseAvailability,
    bool NeedsEveryNode);

/// <summary>The protocols the designer chooses from, and the assumptions behind its cost model.</summary>
public static class ProtocolCatalog
{
    /// <summary>Every protocol, in the order that breaks ties.</summary>
    public static IReadOnlyList<ProtocolProfile> All { get; } =
    [
        new("no-coordination", Consistency.None, 0, 0, 1, 0.999, false),
        new("eventual-consistency", Consistency.Eventual, 0.1, 0.5, 2, 0.999, false),
        new("causal-consistency", Consistency.Causal, 0.3, 1.0, 3, 0.99, false),
        new("quorum", Consistency.Strong, 1.0, 0.6, 3, 0.99, false),
        new("2pc", Consistency.Strong, 3.0, 3.0, 4, 0.95, true),
        new("paxos", Consistency.Strong, 2.0, 2.0, 5, 0.99, false),
        new("chain-replication", Consistency.Strong, 0.5, 1.0, 3, 0.98, true),
    ];

    /// <summary>Processing time per unit of complexity, in ms per operation.</summary>
    public const double ProcessingMsPerComplexity = 2;

    /// <summary>Bytes per message.</summary>
    public const int MessageBytes = 1024;

    /// <summary>Bandwidth price, US dollars per GB (1 GB = 1024³ bytes).</summary>
    public const double PricePerGb = 0.02;

    /// <summary>Seconds in the 30-day month the costs are quoted for.</summary>
    public const double SecondsPerMonth = 86_400 * 30;

    /// <summary>Compute, per node per unit of complexity per month.</summary>
    public const double ComputeUsdPerNodePerComplexity = 50;

    /// <summary>Operations (monitoring, on-call, debugging), per unit of complexity per month.</summary>
    public const double OperationsUsdPerComplexity = 100;
}

/// <summary>A monthly bill, in US dollars.</summary>
public sealed record MonthlyCost(double BandwidthUsd, double ComputeUsd, double OperationsUsd)
{
    /// <summary>The whole bill.</summary>
    public double TotalUsd => BandwidthUsd + ComputeUsd + OperationsUsd;
}

/// <summary>What one protocol would cost and deliver under some requirements.</summary>
public sealed record ProtocolEstimate(ProtocolProfile Protocol, double LatencyMs, MonthlyCost Cost, double Availability);

/// <summary>A downside the chosen design accepts.</summary>
public enum TradeOff
{
    /// <summary>2PC: if the coordinator fails, participants block.</summary>
    BlocksWhenCoordinatorFails,

    /// <summary>Paxos: complex, so bugs are likely.</summary>
    ComplexToImplement,

    /// <summary>Quorum: larger read quorums make writes more available and the other way round.</summary>
    ReadWriteAvailabilityBalance,

    /// <summary>Eventual consistency: readers may see stale or conflicting values for a while.</summary>
    TemporaryInconsistency,

    /// <summary>Causal consistency: metadata to track dependencies grows with the system.</summary>
    DependencyMetadataOverhead,

    /// <summary>Chain replication: a failed link stalls writes until the chain is repaired.</summary>
    ChainStallsUntilRepaired,

    /// <summary>Compromise: no protocol with the required consistency fits the budget.</summary>
    OverBudget,

    /// <summary>Compromise, strong requirement: weaker consistency would cost much less.</summary>
    RelaxConsistencyToSave,

    /// <summary>Compromise, strong requirement: or pay for strong consistency.</summary>
    RaiseBudgetForStrongConsistency,

    /// <summary>Compromise, more than 10 nodes: shard so that fewer nodes coordinate.</summary>
    ShardToShrinkCoordinationGroups,
}

/// <summary>Advice for building the chosen design.</summary>
public enum ImplementationNote
{
    /// <summary>2PC: fail the coordinator over.</summary>
    CoordinatorFailover,

    /// <summary>2PC: detect failures with timeouts.</summary>
    FailureTimeouts,

    /// <summary>Paxos: use a proven implementation (etcd, ZooKeeper).</summary>
    UseProvenLibrary,

    /// <summary>Paxos: monitor it thoroughly.</summary>
    ThoroughMonitoring,

    /// <summary>Quorum: majority quorums R = W = ⌊N/2⌋ + 1.</summary>
    MajorityQuorums,

    /// <summary>Quorum: repair stale replicas on read.</summary>
    ReadRepair,

    /// <summary>Eventual: version values with vector clocks.</summary>
    VectorClocks,

    /// <summary>Eventual: resolve conflicts deterministically (e.g. CRDTs).</summary>
    ConflictResolution,

    /// <summary>Causal: carry dependencies with each write and delay visibility until they are met.</summary>
    TrackCausalDependencies,

    /// <summary>Chain replication: writes enter at the head, reads are served by the tail.</summary>
    WritesAtHeadReadsAtTail,

    /// <summary>Chain replication: a master service repairs the chain after failures.</summary>
    ChainRepairByMaster,

    /// <summary>More than 10,000 operations/s: cache to avoid coordinating.</summary>
    Caching,

    /// <summary>More than 10,000 operations/s: batch operations.</summary>
    Batching,

    /// <summary>RTT above 50 ms: shard by region.</summary>
    RegionalSharding,

    /// <summary>RTT above 50 ms: coordinate locally where possible.</summary>
    LocalCoordination,

    /// <summary>Failure rate above 1%: check health aggressively.</summary>
    AggressiveHealthChecks,

    /// <summary>Failure rate above 1%: use circuit breakers.</summary>
    CircuitBreakers,

    /// <summary>Compromise: revisit the requirements before building.</summary>
    RevisitRequirements,
}

/// <summary>The designer's answer.</summary>
/// <param name="Estimate">The chosen protocol and what it costs and delivers.</param>
/// <param name="WithinBudget">False for a compromise: nothing with the required consistency fits the budget.</param>
/// <param name="TradeOffs">What the design gives up, in the order the rules add them.</param>
/// <param name="Notes">How to build it, in the order the rules add them.</param>
public sealed record CoordinationStrategy(
    ProtocolEstimate Estimate,
    bool WithinBudget,
    IReadOnlyList<TradeOff> TradeOffs,
    IReadOnlyList<ImplementationNote> Notes)
{
    /// <summary>The recommended protocol.</summary>
    public ProtocolProfile Protocol => Estimate.Protocol;
}

/// <summary>A named set of requirements.</summary>
public sealed record StrategyScenario(string Id, string Name, Requirements Requirements);

/// <summary>The worked examples that the reports print.</summary>
public static class StrategyExamples
{
    /// <summary>Five systems with very different needs.</summary>
    public static IReadOnlyList<StrategyScenario> Scenarios { get; } =
    [
        new("financial-ledger", "Financial ledger", new(Consistency.Strong, 1_000, 5, 10, 0.001, 10_000)),
        new("social-media-feed", "Social media feed", new(Consistency.Eventual, 100_000, 50, 100, 0.01, 50_000)),
        new("gaming-leaderboard", "Gaming leaderboard", new(Consistency.Causal, 50_000, 20, 50, 0.005, 20_000)),
        new("iot-sensor-data", "IoT sensor data", new(Consistency.Eventual, 1_000_000, 100, 200, 0.02, 100_000)),
        new("distributed-lock-service", "Distributed lock service", new(Consistency.Strong, 10_000, 7, 5, 0.001, 30_000)),
    ];
}
