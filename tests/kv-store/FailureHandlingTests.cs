using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.KvStore.Tests;

/// <summary>Sloppy quorum with hinted handoff during a partition, and read repair of a replica that missed a write.</summary>
[Category("safety")]
public class FailureHandlingTests
{
    [Test]
    public void A_write_during_a_partition_is_accepted_through_a_hint_and_reaches_its_home_replicas_after_healing()
    {
        foreach (var seed in Seeds.Many)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members });
                var key = $"session-{seed}";
                var homes = cluster.HomesOf(key);
                var coordinator = homes[0];
                var cutOff = homes.Skip(1).ToList();
                foreach (var home in cutOff)
                {
                    simulation.Network.Isolate(home);
                }

                var put = cluster.Put(coordinator, key, "during-partition", VectorClock.Empty);
                Assert.That(put.Succeeded, Is.True,
                    $"with {string.Join(" and ", cutOff)} cut off, {coordinator} must reach W = 2 through a fallback holding a hint; {put.Error}");
                var holders = cluster.Nodes.Where(n => !homes.Contains(n) && cluster[n].PendingHints > 0).ToList();
                Assert.That(holders, Is.Not.Empty, "a node outside the key's home replicas must be holding a hint for them");

                // Heal only after the write's own retries are over, so that only the hints can deliver it.
                simulation.RunFor(TimeSpan.FromSeconds(1.5));
                Assert.That(cutOff.Where(h => cluster[h].StoredSiblings(key).Count > 0), Is.Empty, "the cut-off replicas cannot have the write before the heal");
                simulation.Network.Heal();
                cluster.RunUntil(
                    () => cutOff.All(h => cluster[h].StoredSiblings(key).Any(s => s.Value == "during-partition")),
                    TimeSpan.FromSeconds(5), $"hinted handoff of {key} to its home replicas {string.Join(", ", cutOff)}");
                cluster.RunUntil(() => cluster.Nodes.All(n => cluster[n].PendingHints == 0), TimeSpan.FromSeconds(5),
                    "every hint being dropped once its home replica confirmed it");
            }, Cluster.LossyNetwork);
        }
    }

    [Test]
    public void Read_repair_brings_a_stale_replica_up_to_date()
    {
        foreach (var seed in Seeds.Many)
        {
            Replay.Simulate(seed, simulation =>
            {
                // Without hinted handoff, only read repair can fix the replica that missed the write.
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members, HintedHandoff = false });
                var key = $"order-{seed}";
                cluster.Update(key, "old");
                simulation.RunFor(TimeSpan.FromSeconds(1.5));
                var homes = cluster.HomesOf(key);
                var stale = cluster.Pick(homes);
                simulation.Crash(stale);
                cluster.Update(key, "new");
                simulation.RunFor(TimeSpan.FromSeconds(1.5));   // the write's retries to the crashed node are over
                simulation.Restart(stale);
                Assert.That(cluster[stale].StoredSiblings(key).Select(s => s.Value), Is.Not.Contains("new"), "the restarted replica missed the write");

                for (var attempt = 0; attempt < 8 && !cluster[stale].StoredSiblings(key).Select(s => s.Value).SequenceEqual(["new"]); attempt++)
                {
                    Assert.That(cluster.Read(key).Values, Is.EqualTo(new[] { "new" }), "R = 2 of 3 replicas always include one with the latest write");
                    simulation.RunFor(TimeSpan.FromMilliseconds(300));
                }

                Assert.That(cluster[stale].StoredSiblings(key).Select(s => s.Value), Is.EqualTo(new[] { "new" }),
                    $"{stale} missed the write while it was down; after a few reads of {key}, read repair must have sent it the merged versions");
            }, Cluster.LossyNetwork);
        }
    }
}
