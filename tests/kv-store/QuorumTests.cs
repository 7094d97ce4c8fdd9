using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.KvStore.Tests;

/// <summary>
/// Quorum reads and writes on five simulated nodes (N = 3, R = 2, W = 2) over a network that loses 10% of messages,
/// reorders them, holds 1% back for up to 2 s and duplicates 2%; 20 seeds per test.
/// </summary>
[Category("safety")]
public class QuorumTests
{
    private const int Operations = 8;
    private static readonly string[] s_keys = ["apple", "banana", "cherry"];

    [Test]
    public void With_R_plus_W_above_N_a_read_sees_the_latest_acknowledged_write()
    {
        foreach (var seed in Seeds.Many)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members });
                var written = s_keys.ToDictionary(k => k, _ => new List<string>());
                var failedPuts = 0;
                for (var op = 0; op < Operations; op++)
                {
                    var key = cluster.Pick(s_keys);
                    var value = $"{key}-{op}";
                    var read = cluster.Read(key);
                    var put = cluster.Put(cluster.Pick(cluster.HomesOf(key)), key, value, read.Context);
                    written[key].Add(value);
                    failedPuts += put.Succeeded ? 0 : 1;
                    if (!put.Succeeded)
                    {
                        continue;
                    }

                    var after = cluster.Read(key);
                    var fresh = written[key].Skip(written[key].Count - 1).ToList();
                    Assert.That(after.Values, Does.Contain(value),
                        $"write {op} ({value}) was acknowledged, so a read right after it must return it; got {Cluster.Show(after.Siblings)}");
                    if (failedPuts == 0)
                    {
                        Assert.That(after.Values, Has.Count.EqualTo(1),
                            $"one client writing with the context of its last read leaves one version; got {Cluster.Show(after.Siblings)}");
                    }
                }
            }, Cluster.LossyNetwork);
        }
    }

    [Test]
    public void Acknowledged_writes_survive_the_crash_of_any_N_minus_W_replicas()
    {
        foreach (var seed in Seeds.Many)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members });
                for (var op = 0; op < Operations; op++)
                {
                    var key = cluster.Pick(s_keys);
                    var value = $"{key}-{op}";
                    cluster.Update(key, value);

                    // N - W = 1: crash one of the key's home replicas, chosen by the seed; it may be the coordinator.
                    var victim = cluster.Pick(cluster.HomesOf(key));
                    simulation.Crash(victim);
                    var read = cluster.Read(key);
                    Assert.That(read.Values, Is.EqualTo(new[] { value }),
                        $"{key}={value} was acknowledged by W = 2 of its 3 home replicas; with {victim} crashed a read must still return it");
                    simulation.Restart(victim);
                }
            }, Cluster.LossyNetwork);
        }
    }

    [Test]
    public void Acknowledged_writes_survive_a_restart_of_every_replica()
    {
        foreach (var seed in Seeds.Many)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members });
                foreach (var key in s_keys)
                {
                    cluster.Update(key, $"{key}-durable");
                }

                // Let in-flight replication finish, then take every node down at once: only Storage is left.
                simulation.RunFor(TimeSpan.FromSeconds(2));
                foreach (var node in cluster.Nodes)
                {
                    simulation.Crash(node);
                }

                foreach (var node in cluster.Nodes)
                {
                    simulation.Restart(node);
                }

                foreach (var key in s_keys)
                {
                    Assert.That(cluster.Read(key).Values, Is.EqualTo(new[] { $"{key}-durable" }),
                        $"{key} was acknowledged before every node restarted: versions must be kept in INodeContext.Storage, not in fields");
                }
            }, Cluster.LossyNetwork);
        }
    }
}
