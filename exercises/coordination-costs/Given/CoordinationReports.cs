using System.Text;
using static System.FormattableString;

namespace DistSys.CoordinationCosts;

/// <summary>
/// Prints the exercise's scenarios with your <see cref="CoordinationCalculator"/> and <see cref="CoordinationMetrics"/>,
/// using expected values (<see cref="RandomOutcomes.Expected"/>) so that the output is the same on every run.
/// This code is given: the snapshot tests compare its output for your code with the reference's output.
/// </summary>
public static class CoordinationReports
{
    /// <summary>The scenarios <see cref="Render"/> knows.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = ["comparison", "global-2pc"];

    /// <summary>The printed report for one of <see cref="Scenarios"/>.</summary>
    /// <exception cref="ArgumentException">The scenario is not one of <see cref="Scenarios"/>.</exception>
    public static string Render(string scenario) => scenario switch
    {
        "comparison" => RenderComparison(),
        "global-2pc" => RenderGlobalTwoPhaseCommit(),
        _ => throw new ArgumentException(
            $"Unknown scenario '{scenario}'. Known scenarios: {string.Join(", ", Scenarios)}.", nameof(scenario)),
    };

    private static string RenderComparison()
    {
        var report = new StringBuilder();
        Title(report, "Coordination protocol costs (expected values)");
        foreach (var cluster in CoordinationExamples.Clusters)
        {
            report.Append(Invariant($"\n{cluster.Name}: {cluster.Nodes} nodes, {cluster.Operations:#,0} operations, RTT {cluster.RttMs:0.##} ms\n"));
            var calculator = new CoordinationCalculator(cluster.Nodes, cluster.RttMs);
            var gossip = calculator.Gossip(cluster.Operations, CoordinationExamples.GossipFanout, CoordinationExamples.GossipMaxRounds);
            var (quorumName, quorum, quorumNote) = QuorumRow(calculator, cluster.Operations);
            var rows = new List<(string Name, CoordinationMetrics Metrics)>
            {
                ("No coordination", calculator.NoCoordination(cluster.Operations)),
                ("2PC", calculator.TwoPhaseCommit(cluster.Operations)),
                ("Paxos/Raft", calculator.Consensus(cluster.Operations)),
                ($"Gossip (fan-out {CoordinationExamples.GossipFanout})", gossip.Metrics),
                (quorumName, quorum),
            };

            report.Append(Invariant($"  {"protocol",-22} {"time (s)",12} {"round trips",12} {"messages",13} {"bandwidth MB",13} {"cost USD",10} {"failures",9}\n"));
            foreach (var (name, metrics) in rows)
            {
                var s = metrics.Summary();
                report.Append(Invariant(
                    $"  {name,-22} {s.LatencyMs / 1000,12:#,0.00} {s.RoundTrips,12:#,0} {s.Messages,13:#,0} {s.BandwidthMb,13:#,0.00} {s.BandwidthCostUsd,10:0.000000} {s.Failures,9:#,0}\n"));
            }

            report.Append(gossip.Converged
                ? Invariant($"  Gossip reaches {gossip.InformedNodes} of {cluster.Nodes} nodes in {gossip.RoundsPerUpdate} round(s) per update.\n")
                : Invariant($"  Gossip reaches only {gossip.InformedNodes} of {cluster.Nodes} nodes within {gossip.RoundsPerUpdate} round(s) per update.\n"));
            if (quorumNote is not null)
            {
                report.Append("  Note: ").Append(quorumNote).Append('\n');
            }
        }

        return report.ToString();
    }

    // The comparison asks for R = W = 2 everywhere, which is only a valid quorum on three nodes. Elsewhere the
    // calculator refuses it, and the table shows majority quorums instead, with the reason beside it.
    private static (string Name, CoordinationMetrics Metrics, string? Note) QuorumRow(CoordinationCalculator calculator, long operations)
    {
        var requested = CoordinationExamples.RequestedQuorum;
        try
        {
            return (Invariant($"Quorum (R={requested}, W={requested})"), calculator.Quorum(operations, requested, requested), null);
        }
        catch (InvalidQuorumException refused)
        {
            var majority = calculator.Nodes / 2 + 1;
            return (
                Invariant($"Quorum (R={majority}, W={majority})"),
                calculator.Quorum(operations, majority, majority),
                Invariant($"R = W = {requested} was refused ({refused.Message}) The row shows majority quorums."));
        }
    }

    private static string RenderGlobalTwoPhaseCommit()
    {
        var calculator = new CoordinationCalculator(CoordinationExamples.GlobalRegions, CoordinationExamples.GlobalRttMs);
        var metrics = calculator.TwoPhaseCommit(CoordinationExamples.GlobalTransactions);
        var cost = metrics.BandwidthCostUsd();
        var perTransaction = cost / CoordinationExamples.GlobalTransactions;
        var report = new StringBuilder();
        Title(report, "Global two-phase commit, cost breakdown (expected values)");
        report.Append(Invariant($"Configuration: {calculator.Nodes} regions, RTT {calculator.RttMs:0.##} ms, {calculator.MessageSizeBytes:#,0}-byte data messages\n"));
        report.Append(Invariant($"Transactions:  {CoordinationExamples.GlobalTransactions:#,0}\n\n"));
        report.Append(Invariant($"Messages:                  {metrics.Messages:#,0}\n"));
        report.Append(Invariant($"Bytes:                     {metrics.Bytes:#,0} ({metrics.Bytes / (1024.0 * 1024 * 1024):0.00} GB)\n"));
        report.Append(Invariant($"Round trips:               {metrics.RoundTrips:#,0}\n"));
        report.Append(Invariant($"Time in coordination:      {metrics.TimeMs / 3_600_000:#,0.00} hours\n"));
        report.Append(Invariant($"Aborted (expected):        {metrics.Failures:#,0}\n"));
        report.Append(Invariant($"Bandwidth cost:            ${cost:#,0.0000}\n"));
        report.Append(Invariant($"Cost per transaction:      ${perTransaction:0.##########}\n"));
        report.Append(Invariant($"Monthly at {CoordinationExamples.MonthlyTransactions:#,0} transactions: ${perTransaction * CoordinationExamples.MonthlyTransactions:#,0.00} of bandwidth\n"));
        return report.ToString();
    }

    private static void Title(StringBuilder report, string title) =>
        report.Append(title).Append('\n').Append('=', title.Length).Append('\n');
}
