using System.Globalization;
using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.ZeroCoordinationDb.Tests;

/// <summary>
/// Replicas on the simulator: writes are acknowledged without a single message, and gossip makes every replica
/// converge after a partition heals, on a network that loses, duplicates and reorders messages.
/// </summary>
public class ReplicationTests
{
    private static readonly SimulationOptions s_lossy = new() { Network = LinkProfile.Unreliable with { DuplicateRate = 0.05 } };
    private static readonly TimeSpan s_writesEnd = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_convergenceLimit = TimeSpan.FromSeconds(30);

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Many))]
    [Category("safety")]
    public void No_message_is_sent_between_a_write_and_its_acknowledgement(int seed) =>
        Replay.Simulate(seed, simulation =>
        {
            var nodes = Db.Cluster(simulation, 4);
            var checkedWrites = 0;
            for (var i = 0; i < 50; i++)
            {
                var node = nodes[simulation.Random.Next(nodes.Length)];
                var key = "k" + simulation.Random.Next(5).ToString(CultureInfo.InvariantCulture);
                var value = "v" + i.ToString(CultureInfo.InvariantCulture);
                simulation.Schedule(TimeSpan.FromMilliseconds(simulation.Random.Next(1000)), () =>
                {
                    var db = simulation.Node<DbReplica>(node);
                    var before = simulation.Trace.Count;
                    var acknowledged = db.Read(key) is null ? db.Create(key, value) : (value.Length % 2 == 0 ? db.Update(key, value) : db.Delete(key));
                    var sends = Enumerable.Range(before, simulation.Trace.Count - before)
                        .Select(index => simulation.Trace[index])
                        .Where(e => e.Kind == TraceEventKind.Send)
                        .ToList();
                    Assert.That(acknowledged, Is.True, $"the write of {key} at {node} was refused though the replica's own read allowed it");
                    Assert.That(sends, Is.Empty,
                        $"a write at {node} sent {sends.Count} message(s) before returning ({string.Join("; ", sends)}): " +
                        "a zero-coordination write is acknowledged locally; gossip carries it later");
                    checkedWrites++;
                }, $"write {key} at {node}");
            }

            simulation.RunFor(TimeSpan.FromSeconds(1.5));
            Assert.That(checkedWrites, Is.EqualTo(50), "every scheduled write must have run");
            Assert.That(simulation.Metrics.MessagesSent, Is.GreaterThan(0), "replicas with peers must gossip in the background");
        }, s_lossy);

    [Test]
    [Category("behaviour")]
    public void A_one_node_database_works_and_sends_nothing()
    {
        var db = Db.Single(out var simulation);
        simulation.Schedule(TimeSpan.FromMilliseconds(10), () => db.Create("k", "v"));
        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(db.Read("k"), Is.EqualTo("v"));
            Assert.That(simulation.Metrics.MessagesSent, Is.Zero, "a replica without peers has nobody to gossip with");
        });
    }

    [Test]
    [Category("behaviour")]
    public void Gossip_sends_about_one_copy_per_interval_to_one_peer()
    {
        var simulation = new Simulation(3);
        var nodes = Db.Cluster(simulation, 5);
        simulation.RunFor(TimeSpan.FromSeconds(2));

        // 2 s / 25 ms = 80 rounds per replica; the jitter may move a round or two across the end of the run.
        foreach (var node in nodes)
        {
            var sent = simulation.Metrics.ForNode(node).MessagesSent;
            Assert.That(sent, Is.InRange(72, 88), $"{node} sent {sent} gossip messages in 2 s; expected about 80 (one peer every 25 ms)");
        }
    }

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Many))]
    [Category("safety")]
    public void Replicas_converge_after_a_partition_heals_on_a_lossy_network(int seed) => Replay.Simulate(seed, Converge, s_lossy);

    /// <summary>
    /// Five replicas, 60 random writes for 1 s, a partition {n01, n02} | {n03, n04, n05} from 300 to 800 ms. Each
    /// replica also owns three keys that only it writes, so their final value is known exactly; shared keys are
    /// written by everyone, so only agreement (and a value somebody wrote) can be checked.
    /// </summary>
    private static void Converge(Simulation simulation)
    {
        var nodes = Db.Cluster(simulation, 5);
        simulation.Schedule(TimeSpan.FromMilliseconds(300), () => simulation.Network.Partition(nodes[..2], nodes[2..]), "partition");
        simulation.Schedule(TimeSpan.FromMilliseconds(800), () => simulation.Network.Heal(), "heal");

        var owned = new Dictionary<string, string?>(StringComparer.Ordinal);
        var written = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            var writer = simulation.Random.Next(nodes.Length);
            var node = nodes[writer];
            var shared = simulation.Random.Next(2) == 0;
            var key = shared ? $"shared{simulation.Random.Next(3)}" : $"{node}-own{simulation.Random.Next(3)}";
            var value = $"{node}#{i}";
            var delete = simulation.Random.Next(4) == 0;
            simulation.Schedule(TimeSpan.FromMilliseconds(simulation.Random.Next((int)s_writesEnd.TotalMilliseconds)), () =>
            {
                var db = simulation.Node<DbReplica>(node);
                if (delete)
                {
                    db.Delete(key);
                }
                else if (!db.Update(key, value))
                {
                    db.Create(key, value);
                }

                if (!shared)
                {
                    owned[key] = db.Read(key);
                }
                else if (!delete)
                {
                    (written.TryGetValue(key, out var values) ? values : written[key] = []).Add(value);
                }
            }, $"write {key} at {node}");
        }

        simulation.RunFor(s_writesEnd);
        var converged = simulation.RunUntil(() => nodes.Select(n => Db.Visible(simulation.Node<DbReplica>(n).State)).Distinct().Count() == 1, s_convergenceLimit);
        var views = nodes.Select(n => $"{n}: {Db.Visible(simulation.Node<DbReplica>(n).State)}").ToList();
        Assert.That(converged, Is.True,
            $"replicas did not converge within {s_convergenceLimit.TotalSeconds} s of virtual time after the writes stopped and the partition healed:\n" +
            string.Join("\n", views));

        var final = simulation.Node<DbReplica>(nodes[0]).State;
        foreach (var (key, expected) in owned)
        {
            Assert.That(final.Get(key), Is.EqualTo(expected),
                $"{key} is written only by its owner, so every replica must end with the owner's last write ({expected ?? "deleted"}); state: {views[0]}");
        }

        foreach (var key in final.Keys.Where(k => k.StartsWith("shared", StringComparison.Ordinal)))
        {
            Assert.That(written.GetValueOrDefault(key) ?? [], Does.Contain(final.Get(key)),
                $"{key} holds {final.Get(key)}, a value nobody wrote to it");
        }
    }
}
