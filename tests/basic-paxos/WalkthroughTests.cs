using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.BasicPaxos.Tests;

[Category("report")]
public class WalkthroughTests
{
    /// <summary>The seed's first scenario, printed node by node after each phase; compared with the snapshot file
    /// beside this test. It pins the protocol's timing on a 1 ms network: one message delay per phase, Accept sent as
    /// soon as a majority has promised, Accepted sent by every acceptor to every node, first ballot 1.</summary>
    [Test]
    [SetCulture("de-DE")]
    public void The_single_proposer_walkthrough_matches_the_snapshot()
    {
        var simulation = new Simulation(seed: 1);
        var cluster = new PaxosCluster(simulation);
        var text = new System.Text.StringBuilder();
        void Print(string title)
        {
            text.Append("== ").Append(title).Append('\n');
            text.Append(PaxosReport.Format(simulation, cluster.Nodes)).Append('\n');
        }

        Print("before");
        cluster.Propose(cluster[1], "value_A");
        // Reliable network: every message takes exactly 1 ms, so each phase is one millisecond.
        simulation.RunFor(TimeSpan.FromMilliseconds(1));
        Print("1 ms: Prepare(1.n1) delivered, every acceptor has promised");
        simulation.RunFor(TimeSpan.FromMilliseconds(2));
        Print("3 ms: Accept(1.n1, value_A) delivered, every acceptor has accepted and announced it");
        simulation.RunFor(TimeSpan.FromMilliseconds(1));
        Print("4 ms: Accepted delivered, every node has learned");

        Snapshot.Verify(text.ToString());
    }
}
