namespace DistSys.StrategyDesigner;

/// <summary>
/// Chooses a coordination protocol from <see cref="ProtocolCatalog.All"/> for a set of <see cref="Requirements"/>.
/// Every method that takes requirements first checks them: <see cref="Requirements.Consistency"/> must be Eventual,
/// Causal or Strong (<see cref="ArgumentException"/> otherwise); operations per second, RTT and budget must be finite
/// and zero or more, nodes at least 1, failure rate in [0, 1] (<see cref="ArgumentOutOfRangeException"/> otherwise).
/// A null argument throws <see cref="ArgumentNullException"/>.
/// </summary>
public static class CoordinationStrategyDesigner
{
    /// <summary>Reads a consistency requirement: <c>strong</c>, <c>causal</c> or <c>eventual</c>, in any letter case.</summary>
    /// <exception cref="ArgumentException">Anything else (including <c>none</c>); the message lists the valid levels.</exception>
    public static Consistency ParseConsistency(string level) =>
        throw new NotImplementedException("Implement CoordinationStrategyDesigner.ParseConsistency: strong, causal or eventual (any case); anything else is an ArgumentException listing them.");

    /// <summary>
    /// True when <paramref name="protocol"/> gives at least the <paramref name="required"/> consistency: Strong satisfies
    /// everything, Causal satisfies Causal and Eventual, Eventual only Eventual, None nothing.
    /// </summary>
    public static bool Satisfies(ProtocolProfile protocol, Consistency required) =>
        throw new NotImplementedException("Implement CoordinationStrategyDesigner.Satisfies: the protocol's consistency must be at least the required one (None satisfies nothing).");

    /// <summary>
    /// What <paramref name="protocol"/> would cost and deliver (constants in <see cref="ProtocolCatalog"/>):
    /// <list type="bullet">
    /// <item>latency = RTT × latency factor + 2 ms × complexity;</item>
    /// <item>messages per month = message factor × nodes × operations per second × seconds per 30-day month;
    /// bandwidth = messages × 1024 bytes ÷ 1024³ × $0.02;</item>
    /// <item>compute = complexity × nodes × $50; operations = complexity × $100;</item>
    /// <item>availability = (1 − failure rate)^nodes when the protocol needs every node, its base availability otherwise.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">Invalid requirements (see the class summary).</exception>
    public static ProtocolEstimate Estimate(ProtocolProfile protocol, Requirements requirements) =>
        throw new NotImplementedException("Implement CoordinationStrategyDesigner.Estimate: latency, monthly bandwidth/compute/operations cost and availability of one protocol.");

    /// <summary>
    /// How good an estimate is (higher is better). With latency score = 1000 ÷ (latency + 1),
    /// cost score = budget ÷ (total cost + 1) and availability score = 1000 × availability:
    /// strong requirements weigh availability double (latency + cost + 2 × availability); the others weigh
    /// speed and cost double (2 × latency + 2 × cost + availability).
    /// </summary>
    /// <exception cref="ArgumentException">Invalid requirements (see the class summary).</exception>
    public static double Score(ProtocolEstimate estimate, Requirements requirements) =>
        throw new NotImplementedException("Implement CoordinationStrategyDesigner.Score: weighted latency, cost and availability scores.");

    /// <summary>
    /// Recommends a protocol.
    /// <list type="number">
    /// <item>Candidates: the protocols that satisfy the consistency requirement and whose total cost is within the budget.</item>
    /// <item>If there are candidates, recommend the one with the highest <see cref="Score"/> (the earlier in the catalog on a tie),
    /// with <see cref="CoordinationStrategy.WithinBudget"/> true. Trade-offs and notes by protocol:
    /// 2pc → BlocksWhenCoordinatorFails; CoordinatorFailover, FailureTimeouts.
    /// paxos → ComplexToImplement; UseProvenLibrary, ThoroughMonitoring.
    /// quorum → ReadWriteAvailabilityBalance; MajorityQuorums, ReadRepair.
    /// eventual-consistency → TemporaryInconsistency; VectorClocks, ConflictResolution.
    /// causal-consistency → DependencyMetadataOverhead; TrackCausalDependencies.
    /// chain-replication → ChainStallsUntilRepaired; WritesAtHeadReadsAtTail, ChainRepairByMaster.</item>
    /// <item>Otherwise a compromise: the cheapest protocol that satisfies the consistency (the earlier on a tie), with
    /// WithinBudget false and trade-offs OverBudget, then for strong requirements RelaxConsistencyToSave and
    /// RaiseBudgetForStrongConsistency, then for more than 10 nodes ShardToShrinkCoordinationGroups; the notes start with
    /// RevisitRequirements.</item>
    /// <item>In both cases the notes end with the requirement-specific ones, in this order: more than 10,000 operations/s →
    /// Caching, Batching; RTT above 50 ms → RegionalSharding, LocalCoordination; failure rate above 1% →
    /// AggressiveHealthChecks, CircuitBreakers.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">Invalid requirements (see the class summary).</exception>
    public static CoordinationStrategy Design(Requirements requirements) =>
        throw new NotImplementedException("Implement CoordinationStrategyDesigner.Design: filter by consistency and budget, pick the best score, add trade-offs and notes; fall back to the cheapest consistent protocol as a compromise.");
}
