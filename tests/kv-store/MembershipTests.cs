using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.KvStore.Tests;

/// <summary>Nodes join and leave a running cluster; every key keeps its latest value and reaches its new home replicas.</summary>
[Category("safety")]
public class MembershipTests
{
    private const int Keys = 12;

    [Test]
    public void A_joining_node_receives_the_keys_it_becomes_home_for()
    {
        foreach (var seed in Seeds.Few)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members });
                var latest = WriteKeys(cluster, seed);

                var members = cluster.Nodes.Append(new NodeId("n6")).ToArray();
                var joiner = cluster.Join("n6", new KvSettings { Members = members });
                foreach (var node in cluster.Nodes.Where(n => n != joiner))
                {
                    cluster[node].ChangeMembership(members);
                }

                cluster.RunUntil(() => cluster.Nodes.All(n => cluster[n].PendingHints == 0), TimeSpan.FromSeconds(10), "every key handed to its new home replicas");
                var homed = latest.Keys.Where(k => cluster[joiner].HomeReplicas(k).Contains(joiner)).ToList();
                Assert.That(homed, Is.Not.Empty, "n6 should become a home replica of some keys; the test itself is broken");
                foreach (var key in homed)
                {
                    Assert.That(cluster[joiner].StoredSiblings(key).Select(s => s.Value), Is.EqualTo(new[] { latest[key] }),
                        $"n6 joined and became a home replica of {key}: it must have received {key}={latest[key]}");
                }

                CheckEveryKey(cluster, latest, "after n6 joined");
            }, Cluster.LossyNetwork);
        }
    }

    [Test]
    public void A_leaving_node_hands_its_keys_over_before_it_goes()
    {
        foreach (var seed in Seeds.Few)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 6, members => new KvSettings { Members = members });
                var latest = WriteKeys(cluster, seed);
                var leaver = cluster.Nodes[^1];
                var remaining = cluster.Nodes.Where(n => n != leaver).ToArray();
                foreach (var node in cluster.Nodes)
                {
                    cluster[node].ChangeMembership(remaining);
                }

                cluster.RunUntil(() => cluster.Nodes.All(n => cluster[n].PendingHints == 0), TimeSpan.FromSeconds(10), $"{leaver} handing its keys over");
                simulation.Crash(leaver);   // gone for good

                foreach (var (key, value) in latest)
                {
                    foreach (var home in cluster[remaining[0]].HomeReplicas(key))
                    {
                        Assert.That(cluster[home].StoredSiblings(key).Select(s => s.Value), Does.Contain(value),
                            $"{home} is a home replica of {key} once {leaver} left, so it must hold {key}={value}");
                    }
                }

                CheckEveryKey(cluster, latest, $"after {leaver} left");
            }, Cluster.LossyNetwork);
        }
    }

    private static Dictionary<string, string> WriteKeys(Cluster cluster, int seed)
    {
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Keys; i++)
        {
            var key = $"item-{seed}-{i}";
            cluster.Update(key, $"v{i}");
            latest[key] = $"v{i}";
        }

        // Let every write finish replicating to all of its home replicas.
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(1.5));
        return latest;
    }

    private static void CheckEveryKey(Cluster cluster, Dictionary<string, string> latest, string when)
    {
        foreach (var (key, value) in latest)
        {
            Assert.That(cluster.Read(key).Values, Is.EqualTo(new[] { value }), $"{when}, a read of {key} must return its latest value");
        }
    }
}
