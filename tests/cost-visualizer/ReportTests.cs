using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.CostVisualizer.Tests;

/// <summary>The printed report of a simulated run, compared with its snapshot.</summary>
public class ReportTests
{
    /// <summary>
    /// Four nodes on a LAN for one simulated second; n1 leads and streams updates; the link n1 -> n3 loses 40% of its
    /// messages, so n1 keeps resending to n3. Fixed seed: the report is the same on every run.
    /// </summary>
    private static readonly Lazy<TraceDocument> s_leaderWithLossyLink = new(() => TraceDocument.From(LeaderWithLossyLink()));

    /// <summary>The trace of <see cref="LeaderWithLossyLink"/>, simulated once for all the tests that only read it.</summary>
    internal static TraceDocument LeaderWithLossyLinkTrace => s_leaderWithLossyLink.Value;

    internal static Simulation LeaderWithLossyLink()
    {
        var simulation = new Simulation(2026, new SimulationOptions { Network = LinkProfile.Lan, ReplayCommand = "fixed seed 2026" });
        NodeId[] n = Gossip.Start(simulation, nodes: 4, leaderBias: 3);
        simulation.Network.SetProfile(n[0], n[2], LinkProfile.Lan with { DropRate = 0.4 });
        simulation.RunFor(TimeSpan.FromSeconds(1));
        return simulation;
    }

    [Test]
    [Category("report")]
    public void The_report_of_a_leader_with_a_lossy_link_matches_the_snapshot()
    {
        Simulation simulation = LeaderWithLossyLink();
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(simulation.Trace);

        Snapshot.Verify(TrafficReport.Format(analysis, Advisor.Suggest(analysis)));
    }

    [Test]
    [Category("report")]
    public void The_report_of_a_balanced_run_says_there_is_nothing_to_suggest()
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(Traces.Balanced().Events);

        Snapshot.Verify(TrafficReport.Format(analysis, Advisor.Suggest(analysis)));
    }
}
