namespace DistSys.StrategyDesigner;

public static class CoordinationStrategyDesigner
{
    private const double BytesPerGb = 1024.0 * 1024 * 1024;
    private const double HighOperationRate = 10_000;
    private const double HighRttMs = 50;
    private const double HighFailureRate = 0.01;
    private const int ShardingThresholdNodes = 10;

    private static readonly Consistency[] Requirable = [Consistency.Eventual, Consistency.Causal, Consistency.Strong];

    public static Consistency ParseConsistency(string level)
    {
        foreach (var candidate in Requirable)
        {
            if (string.Equals(candidate.ToString(), level?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new ArgumentException(
            $"Unknown consistency level '{level}'. Valid levels: {string.Join(", ", Requirable.Select(c => c.ToString().ToLowerInvariant()))}.",
            nameof(level));
    }

    public static bool Satisfies(ProtocolProfile protocol, Consistency required)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return protocol.Consistency != Consistency.None && protocol.Consistency >= required;
    }

    public static ProtocolEstimate Estimate(ProtocolProfile protocol, Requirements requirements)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        Validate(requirements);
        var latency = requirements.RttMs * protocol.LatencyFactor + ProtocolCatalog.ProcessingMsPerComplexity * protocol.Complexity;
        var messagesPerMonth = protocol.MessageFactor * requirements.Nodes * requirements.OperationsPerSecond * ProtocolCatalog.SecondsPerMonth;
        var cost = new MonthlyCost(
            BandwidthUsd: messagesPerMonth * ProtocolCatalog.MessageBytes / BytesPerGb * ProtocolCatalog.PricePerGb,
            ComputeUsd: protocol.Complexity * requirements.Nodes * ProtocolCatalog.ComputeUsdPerNodePerComplexity,
            OperationsUsd: protocol.Complexity * ProtocolCatalog.OperationsUsdPerComplexity);
        var availability = protocol.NeedsEveryNode
            ? Math.Pow(1 - requirements.FailureRate, requirements.Nodes)
            : protocol.BaseAvailability;
        return new ProtocolEstimate(protocol, latency, cost, availability);
    }

    public static double Score(ProtocolEstimate estimate, Requirements requirements)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Validate(requirements);
        var latencyScore = 1000 / (estimate.LatencyMs + 1);
        var costScore = requirements.MonthlyBudgetUsd / (estimate.Cost.TotalUsd + 1);
        var availabilityScore = 1000 * estimate.Availability;
        return requirements.Consistency == Consistency.Strong
            ? latencyScore + costScore + 2 * availabilityScore
            : 2 * latencyScore + 2 * costScore + availabilityScore;
    }

    public static CoordinationStrategy Design(Requirements requirements)
    {
        Validate(requirements);
        var consistent = ProtocolCatalog.All
            .Where(p => Satisfies(p, requirements.Consistency))
            .Select(p => Estimate(p, requirements))
            .ToList();
        var affordable = consistent.Where(e => e.Cost.TotalUsd <= requirements.MonthlyBudgetUsd).ToList();

        // MaxBy and MinBy return the first of equal elements: earlier catalog entries win ties.
        return affordable.Count > 0
            ? Recommend(affordable.MaxBy(e => Score(e, requirements))!, requirements)
            : Compromise(consistent.MinBy(e => e.Cost.TotalUsd)!, requirements);
    }

    private static CoordinationStrategy Recommend(ProtocolEstimate best, Requirements requirements)
    {
        var (tradeOffs, notes) = best.Protocol.Name switch
        {
            "2pc" => (new[] { TradeOff.BlocksWhenCoordinatorFails }, new[] { ImplementationNote.CoordinatorFailover, ImplementationNote.FailureTimeouts }),
            "paxos" => ([TradeOff.ComplexToImplement], [ImplementationNote.UseProvenLibrary, ImplementationNote.ThoroughMonitoring]),
            "quorum" => ([TradeOff.ReadWriteAvailabilityBalance], [ImplementationNote.MajorityQuorums, ImplementationNote.ReadRepair]),
            "eventual-consistency" => ([TradeOff.TemporaryInconsistency], [ImplementationNote.VectorClocks, ImplementationNote.ConflictResolution]),
            "causal-consistency" => ([TradeOff.DependencyMetadataOverhead], [ImplementationNote.TrackCausalDependencies]),
            "chain-replication" => ([TradeOff.ChainStallsUntilRepaired], [ImplementationNote.WritesAtHeadReadsAtTail, ImplementationNote.ChainRepairByMaster]),
            _ => (Array.Empty<TradeOff>(), Array.Empty<ImplementationNote>()),
        };
        return new CoordinationStrategy(best, true, tradeOffs, [.. notes, .. RequirementNotes(requirements)]);
    }

    private static CoordinationStrategy Compromise(ProtocolEstimate cheapest, Requirements requirements)
    {
        var tradeOffs = new List<TradeOff> { TradeOff.OverBudget };
        if (requirements.Consistency == Consistency.Strong)
        {
            tradeOffs.Add(TradeOff.RelaxConsistencyToSave);
            tradeOffs.Add(TradeOff.RaiseBudgetForStrongConsistency);
        }

        if (requirements.Nodes > ShardingThresholdNodes)
        {
            tradeOffs.Add(TradeOff.ShardToShrinkCoordinationGroups);
        }

        return new CoordinationStrategy(cheapest, false, tradeOffs, [ImplementationNote.RevisitRequirements, .. RequirementNotes(requirements)]);
    }

    private static IEnumerable<ImplementationNote> RequirementNotes(Requirements requirements)
    {
        if (requirements.OperationsPerSecond > HighOperationRate)
        {
            yield return ImplementationNote.Caching;
            yield return ImplementationNote.Batching;
        }

        if (requirements.RttMs > HighRttMs)
        {
            yield return ImplementationNote.RegionalSharding;
            yield return ImplementationNote.LocalCoordination;
        }

        if (requirements.FailureRate > HighFailureRate)
        {
            yield return ImplementationNote.AggressiveHealthChecks;
            yield return ImplementationNote.CircuitBreakers;
        }
    }

    private static void Validate(Requirements requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        if (!Requirable.Contains(requirements.Consistency))
        {
            throw new ArgumentException(
                $"A requirement's consistency must be eventual, causal or strong, not '{requirements.Consistency}'.", nameof(requirements));
        }

        RequireNonNegative(requirements.OperationsPerSecond, "operations per second");
        RequireNonNegative(requirements.RttMs, "RTT");
        RequireNonNegative(requirements.MonthlyBudgetUsd, "monthly budget");
        if (requirements.Nodes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(requirements), requirements.Nodes, "A system needs at least one node.");
        }

        if (!(requirements.FailureRate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(requirements), requirements.FailureRate, "The failure rate is a probability: it must lie between 0 and 1.");
        }
    }

    private static void RequireNonNegative(double value, string what)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException("requirements", value, $"The {what} must be a finite number, zero or more.");
        }
    }
}
