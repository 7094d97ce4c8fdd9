using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.KvStore.Tests;

/// <summary>Concurrent writes to one key are kept side by side as siblings, and a write with the merged context resolves them.</summary>
[Category("safety")]
public class SiblingTests
{
    [Test]
    public void Concurrent_writes_come_back_as_siblings_and_a_write_with_the_merged_context_resolves_them()
    {
        foreach (var seed in Seeds.Many)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members });
                const string key = "cart";
                cluster.Update(key, "empty");

                // Two clients read the same version, then write at the same instant through home replicas picked by the
                // seed (sometimes the same coordinator): neither write has seen the other.
                var context = cluster.Read(key).Context;
                var homes = cluster.HomesOf(key);
                var (viaLeft, viaRight) = (cluster.Pick(homes), cluster.Pick(homes));
                PutResult? left = null, right = null;
                cluster[viaLeft].Put(key, "milk", context, r => left = r);
                cluster[viaRight].Put(key, "eggs", context, r => right = r);
                cluster.RunUntil(() => left is not null && right is not null, TimeSpan.FromSeconds(5), "both concurrent writes completing");
                Assert.That(left!.Succeeded && right!.Succeeded, Is.True, $"both writes should succeed: {left.Error} {right?.Error}");

                var read = cluster.Read(key);
                Assert.That(read.Values.Order(), Is.EqualTo(new[] { "eggs", "milk" }),
                    $"writes via {viaLeft} and {viaRight} from the same context are concurrent: both must come back as siblings, " +
                    $"and the value they both replaced must not; got {Cluster.Show(read.Siblings)}");

                var resolved = cluster.Put(cluster.Pick(homes), key, "eggs+milk", read.Context);
                Assert.That(resolved.Succeeded, Is.True, $"the resolving write failed: {resolved.Error}");
                Assert.That(cluster.Read(key).Values, Is.EqualTo(new[] { "eggs+milk" }),
                    "a write with the context of a read that returned both siblings replaces both");
            }, Cluster.LossyNetwork);
        }
    }

    [Test]
    public void A_blind_write_does_not_replace_a_version_it_has_not_seen()
    {
        foreach (var seed in Seeds.Few)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members });
                const string key = "profile";
                cluster.Update(key, "first");
                var homes = cluster.HomesOf(key);
                var blind = cluster.Put(cluster.Pick(homes), key, "second", VectorClock.Empty);
                Assert.That(blind.Succeeded, Is.True, $"the blind write failed: {blind.Error}");

                Assert.That(cluster.Read(key).Values.Order(), Is.EqualTo(new[] { "first", "second" }),
                    "a write with an empty context has seen nothing, so it is concurrent with the existing version, not newer");
            }, Cluster.LossyNetwork);
        }
    }
}
