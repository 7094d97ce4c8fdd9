using System.Text;
using static System.FormattableString;

namespace DistSys.StrategyDesigner;

/// <summary>
/// Prints the exercise's scenarios with your <see cref="CoordinationStrategyDesigner"/>.
/// This code is given: the snapshot tests compare its output for your code with the reference's output.
/// </summary>
public static class StrategyReports
{
    /// <summary>The scenarios <see cref="Render"/> knows: the ids of <see cref="StrategyExamples.Scenarios"/>.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = [.. StrategyExamples.Scenarios.Select(s => s.Id)];

    /// <summary>The printed report for one of <see cref="Scenarios"/>.</summary>
    /// <exception cref="ArgumentException">The scenario is not one of <see cref="Scenarios"/>.</exception>
    public static string Render(string scenario)
    {
        var chosen = StrategyExamples.Scenarios.FirstOrDefault(s => s.Id == scenario)
            ?? throw new ArgumentException(
                $"Unknown scenario '{scenario}'. Known scenarios: {string.Join(", ", Scenarios)}.", nameof(scenario));
        var requirements = chosen.Requirements;
        var report = new StringBuilder();
        var title = $"Coordination strategy: {chosen.Name}";
        report.Append(title).Append('\n').Append('=', title.Length).Append('\n');
        report.Append(Invariant($"Requirements: {requirements.Consistency.ToString().ToLowerInvariant()} consistency, {requirements.OperationsPerSecond:#,0.##} ops/s, {requirements.Nodes} nodes, RTT {requirements.RttMs:0.##} ms, node failure rate {requirements.FailureRate:0.0##%}, budget ${requirements.MonthlyBudgetUsd:#,0}/month\n\n"));

        report.Append(Invariant($"{"protocol",-21} {"latency ms",10} {"cost $/month",14} {"availability",12} {"score",9}  verdict\n"));
        foreach (var protocol in ProtocolCatalog.All)
        {
            var estimate = CoordinationStrategyDesigner.Estimate(protocol, requirements);
            var consistent = CoordinationStrategyDesigner.Satisfies(protocol, requirements.Consistency);
            var affordable = estimate.Cost.TotalUsd <= requirements.MonthlyBudgetUsd;
            var score = consistent && affordable ? Invariant($"{CoordinationStrategyDesigner.Score(estimate, requirements):#,0.0}") : "-";
            var verdict = (consistent, affordable) switch
            {
                (false, _) => Invariant($"too weak ({protocol.Consistency.ToString().ToLowerInvariant()})"),
                (true, false) => "over budget",
                _ => "candidate",
            };
            report.Append(Invariant($"{protocol.Name,-21} {estimate.LatencyMs,10:#,0.0} {estimate.Cost.TotalUsd,14:#,0.00} {estimate.Availability,12:0.000%} {score,9}  {verdict}\n"));
        }

        var strategy = CoordinationStrategyDesigner.Design(requirements);
        var chosenEstimate = strategy.Estimate;
        var cost = chosenEstimate.Cost;
        report.Append(strategy.WithinBudget
            ? Invariant($"\nRecommendation: {strategy.Protocol.Name.ToUpperInvariant()}\n")
            : Invariant($"\nCompromise (nothing fits the budget): {strategy.Protocol.Name.ToUpperInvariant()}\n"));
        report.Append(Invariant($"  Expected latency: {chosenEstimate.LatencyMs:#,0.0} ms\n"));
        report.Append(Invariant($"  Monthly cost:     ${cost.TotalUsd:#,0.00} (bandwidth ${cost.BandwidthUsd:#,0.00}, compute ${cost.ComputeUsd:#,0.00}, operations ${cost.OperationsUsd:#,0.00})\n"));
        report.Append(Invariant($"  Availability:     {chosenEstimate.Availability:0.000%}\n"));

        report.Append("\nTrade-offs:\n");
        foreach (var tradeOff in strategy.TradeOffs)
        {
            report.Append("  - ").Append(Describe(tradeOff, strategy, requirements)).Append('\n');
        }

        report.Append("\nImplementation notes:\n");
        foreach (var note in strategy.Notes)
        {
            report.Append("  - ").Append(Describe(note, requirements)).Append('\n');
        }

        return report.ToString();
    }

    private static string Describe(TradeOff tradeOff, CoordinationStrategy strategy, Requirements requirements) => tradeOff switch
    {
        TradeOff.BlocksWhenCoordinatorFails => "Blocking: if the coordinator fails mid-transaction, participants wait holding their locks",
        TradeOff.ComplexToImplement => "Hard to get right: subtle bugs hide in leader changes and log repair",
        TradeOff.ReadWriteAvailabilityBalance => "Larger read quorums make writes easier to serve and reads harder, and the other way round",
        TradeOff.TemporaryInconsistency => "Readers may see stale or conflicting values until replicas converge",
        TradeOff.DependencyMetadataOverhead => "Dependency metadata travels with every write and grows with the system",
        TradeOff.ChainStallsUntilRepaired => "A failed node stalls writes until the chain is repaired",
        TradeOff.OverBudget => Invariant(
            $"Over budget: the cheapest protocol with at least {requirements.Consistency.ToString().ToLowerInvariant()} consistency, {strategy.Protocol.Name}, costs ${strategy.Estimate.Cost.TotalUsd:#,0.00}/month, ${strategy.Estimate.Cost.TotalUsd - requirements.MonthlyBudgetUsd:#,0.00} more than the budget"),
        TradeOff.RelaxConsistencyToSave => "Weaker consistency (causal or eventual) would cost far less",
        TradeOff.RaiseBudgetForStrongConsistency => "Or raise the budget to pay for strong consistency",
        TradeOff.ShardToShrinkCoordinationGroups => "Shard the data so that fewer nodes coordinate on each operation",
        _ => tradeOff.ToString(),
    };

    private static string Describe(ImplementationNote note, Requirements requirements) => note switch
    {
        ImplementationNote.CoordinatorFailover => "Replicate the coordinator's decision log and fail it over",
        ImplementationNote.FailureTimeouts => "Detect failed participants and coordinators with timeouts",
        ImplementationNote.UseProvenLibrary => "Use a proven implementation (etcd, ZooKeeper) rather than your own",
        ImplementationNote.ThoroughMonitoring => "Monitor leader changes, log lag and commit latency",
        ImplementationNote.MajorityQuorums => Invariant($"Use majority quorums: R = W = {requirements.Nodes / 2 + 1} of {requirements.Nodes}"),
        ImplementationNote.ReadRepair => "Repair stale replicas when a read notices them",
        ImplementationNote.VectorClocks => "Version values with vector clocks to detect concurrent updates",
        ImplementationNote.ConflictResolution => "Resolve conflicts deterministically, e.g. with CRDTs",
        ImplementationNote.TrackCausalDependencies => "Send each write's dependencies with it; apply it only after them",
        ImplementationNote.WritesAtHeadReadsAtTail => "Send writes to the head of the chain and reads to its tail",
        ImplementationNote.ChainRepairByMaster => "Let a separate, replicated master splice failed nodes out of the chain",
        ImplementationNote.Caching => "Cache reads to avoid coordinating on them",
        ImplementationNote.Batching => "Batch operations to share the cost of each round",
        ImplementationNote.RegionalSharding => "Shard by region so that most operations stay within one region",
        ImplementationNote.LocalCoordination => "Coordinate locally wherever the data allows",
        ImplementationNote.AggressiveHealthChecks => "Check node health often and replace failed nodes quickly",
        ImplementationNote.CircuitBreakers => "Put circuit breakers in front of flaky nodes",
        ImplementationNote.RevisitRequirements => "Revisit the requirements: consistency, scale or budget has to give",
        _ => note.ToString(),
    };
}
