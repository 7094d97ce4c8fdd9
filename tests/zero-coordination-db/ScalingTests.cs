using System.Globalization;
using System.Text;
using DistSys.Runtime;

namespace DistSys.ZeroCoordinationDb.Tests;

/// <summary>
/// "Scales linearly": with the same load on every node, what each node achieves and what each operation costs must
/// not depend on how many nodes there are. Measured on the simulator for 3 to 48 replicas: each replica takes 100
/// writes per simulated second for 0.5 s (on 32 shared keys), then writes stop and the time until every replica shows
/// the same data is measured.
/// </summary>
[Category("behaviour")]
public class ScalingTests
{
    private const int WritesPerNodePerSecond = 100;
    private const int Keys = 32;
    private static readonly TimeSpan s_duration = TimeSpan.FromMilliseconds(500);
    private static readonly int[] s_sizes = [3, 6, 12, 24, 48];

    /// <summary>Allowed relative drift of the measured figures from the expected ones.</summary>
    private const double Tolerance = 0.10;

    /// <summary>Convergence after the last write, at any size (push gossip needs O(log n) rounds).</summary>
    private static readonly TimeSpan s_convergenceBound = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One gossip message per replica per interval, shared by the writes that replica took in that interval:
    /// 1 / (25 ms × 100 writes/s) = 0.4, whatever the number of replicas.
    /// </summary>
    private static double ExpectedMessagesPerWrite => 1 / (DbReplica.DefaultGossipInterval.TotalSeconds * WritesPerNodePerSecond);

    [TestCase(3)]
    [TestCase(6)]
    [TestCase(12)]
    [TestCase(24)]
    [TestCase(48)]
    public void Throughput_per_node_and_messages_per_write_do_not_depend_on_the_cluster_size(int nodes)
    {
        var row = Measure(nodes);
        var table = Table([row]);
        TestContext.Out.WriteLine(table);

        Assert.Multiple(() =>
        {
            Assert.That(row.ThroughputPerNode, Is.EqualTo(WritesPerNodePerSecond).Within(Tolerance * WritesPerNodePerSecond),
                $"every node is offered {WritesPerNodePerSecond} writes per second and must acknowledge them all, at any size\n{table}");
            Assert.That(row.MessagesPerWrite, Is.EqualTo(ExpectedMessagesPerWrite).Within(Tolerance * ExpectedMessagesPerWrite),
                $"expected {ExpectedMessagesPerWrite:F2} messages per write (one gossip per replica per interval) at every size: " +
                $"something on the write path or in the gossip grows with the cluster\n{table}");
            Assert.That(row.Convergence, Is.LessThanOrEqualTo(s_convergenceBound),
                $"at {nodes} nodes the replicas took longer than {s_convergenceBound.TotalSeconds} s to converge after the last write\n{table}");
        });
    }

    /// <summary>Prints the whole table for the README (not graded: the graded cases above check each size).</summary>
    [Test]
    [Explicit("prints the scaling table for the README")]
    public void Print_the_scaling_table() => TestContext.Out.WriteLine(Table(s_sizes.Select(Measure)));

    private sealed record Row(int Nodes, long Writes, double ThroughputPerNode, double MessagesPerWrite, TimeSpan Convergence);

    private static Row Measure(int size)
    {
        var simulation = new Simulation(size, new SimulationOptions { Network = LinkProfile.Lan, RecordTrace = false });
        var nodes = Db.Cluster(simulation, size);
        var acknowledged = 0L;
        var perNode = (int)(WritesPerNodePerSecond * s_duration.TotalSeconds);
        foreach (var node in nodes)
        {
            for (var i = 0; i < perNode; i++)
            {
                var key = "key" + simulation.Random.Next(Keys).ToString(CultureInfo.InvariantCulture);
                var value = node.Name + "#" + i.ToString(CultureInfo.InvariantCulture);
                var delete = simulation.Random.Next(10) == 0;
                var at = TimeSpan.FromTicks(simulation.Random.NextInt64(s_duration.Ticks));
                simulation.Schedule(at, () =>
                {
                    var db = simulation.Node<DbReplica>(node);
                    var ok = db.Read(key) is null ? db.Create(key, value) : delete ? db.Delete(key) : db.Update(key, value);
                    acknowledged += ok ? 1 : 0;
                }, "write");
            }
        }

        simulation.RunFor(s_duration);
        var messages = simulation.Metrics.MessagesSent;
        var writesEnded = simulation.Now;
        var limit = writesEnded + TimeSpan.FromSeconds(5);
        while (simulation.Now < limit && !Converged(simulation, nodes))
        {
            simulation.RunFor(TimeSpan.FromMilliseconds(10));
        }

        var writes = (long)perNode * size;
        return new Row(size, writes, acknowledged / (size * s_duration.TotalSeconds), (double)messages / writes, simulation.Now - writesEnded);
    }

    // Stops at the first replica that differs, so the check stays cheap while replicas still disagree.
    private static bool Converged(Simulation simulation, NodeId[] nodes)
    {
        var first = Db.Visible(simulation.Node<DbReplica>(nodes[0]).State);
        return nodes.Skip(1).All(n => Db.Visible(simulation.Node<DbReplica>(n).State) == first);
    }

    private static string Table(IEnumerable<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| nodes | writes | acknowledged writes per node per s | messages per write | converged after the last write |");
        text.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Nodes} | {row.Writes:N0} | {row.ThroughputPerNode:F1} | {row.MessagesPerWrite:F3} | {row.Convergence.TotalMilliseconds:F0} ms |"));
        }

        return text.ToString();
    }
}
