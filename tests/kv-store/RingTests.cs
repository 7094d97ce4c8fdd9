using System.Globalization;
using System.Text;
using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.KvStore.Tests;

/// <summary>
/// The consistent-hash ring on its own: the exact hash, placement as a pure function of key and membership, preference
/// lists, load balance with virtual nodes, and how few keys move when a node joins or leaves.
/// </summary>
public class RingTests
{
    private const int Keys = 20_000;

    [Test]
    [Category("behaviour")]
    public void Hash_is_fnv1a_64_over_utf8_followed_by_the_murmur3_finalizer()
    {
        Assert.Multiple(() =>
        {
            // fmix64(FNV-1a("")) = fmix64(0xcbf29ce484222325); fmix64(FNV-1a("a")) = fmix64(0xaf63dc4c8601ec8c).
            Assert.That(ConsistentHashRing.Hash(""), Is.EqualTo(Fmix(0xcbf29ce484222325UL)), "Hash(\"\") is the finalized offset basis");
            Assert.That(ConsistentHashRing.Hash("a"), Is.EqualTo(Fmix(0xaf63dc4c8601ec8cUL)), "Hash(\"a\"): FNV-1a 64 of \"a\" is 0xaf63dc4c8601ec8c");
            Assert.That(ConsistentHashRing.Hash("foobar"), Is.EqualTo(Fmix(0x85944171f73967e8UL)), "Hash(\"foobar\"): FNV-1a 64 of \"foobar\" is 0x85944171f73967e8");
            Assert.That(ConsistentHashRing.Hash("é"), Is.EqualTo(Fmix(Fnv1a([0xC3, 0xA9]))), "Hash(\"é\") hashes the two UTF-8 bytes C3 A9, not the UTF-16 char");
        });
    }

    [Test]
    [Category("report")]
    public void Placement_matches_the_recorded_snapshot_in_every_process()
    {
        // string.GetHashCode() is randomized per process: a ring built on it would not match a file written by another run.
        var ring = Ring(64, "n1", "n2", "n3", "n4", "n5");
        var text = new StringBuilder();
        text.Append("hashes\n");
        foreach (var word in new[] { "", "a", "n1#0", "n1#1", "user:42" })
        {
            text.Append(CultureInfo.InvariantCulture, $"  {Quote(word),-10} {ConsistentHashRing.Hash(word):x16}\n");
        }

        text.Append("preference lists (64 virtual nodes per node, n1..n5)\n");
        for (var i = 1; i <= 16; i++)
        {
            var key = $"user:{i}";
            text.Append(CultureInfo.InvariantCulture, $"  {key,-8} owner {ring.OwnerOf(key)}  list {string.Join(" ", ring.PreferenceList(key, 5))}\n");
        }

        Snapshot.Verify(text.ToString());
    }

    [Test]
    [Category("safety")]
    public void Placement_depends_only_on_the_membership_not_on_the_order_nodes_were_added()
    {
        var names = new[] { "a", "b", "c", "d", "e", "f", "g" };
        var inOrder = Ring(16, names);
        var shuffled = Ring(16, names.Reverse().ToArray());
        var churned = Ring(16, names);
        churned.AddNode(new NodeId("x"));
        churned.RemoveNode(new NodeId("c"));
        churned.RemoveNode(new NodeId("x"));
        churned.AddNode(new NodeId("c"));

        for (var i = 0; i < 2_000; i++)
        {
            var key = $"k{i}";
            var expected = string.Join(",", inOrder.PreferenceList(key, 3));
            Assert.That(string.Join(",", shuffled.PreferenceList(key, 3)), Is.EqualTo(expected), $"{key}: same members added in reverse order");
            Assert.That(string.Join(",", churned.PreferenceList(key, 3)), Is.EqualTo(expected), $"{key}: same members after x joined and left and c left and rejoined");
        }
    }

    [Test]
    [Category("behaviour")]
    public void A_preference_list_holds_distinct_nodes_starting_with_the_owner_and_grows_by_extension()
    {
        var ring = Ring(32, "n1", "n2", "n3", "n4", "n5", "n6");
        for (var i = 0; i < 500; i++)
        {
            var key = $"key-{i}";
            var full = ring.PreferenceList(key, 6);
            Assert.That(full, Is.Unique, $"{key}: the nodes of a preference list must be distinct, got {string.Join(",", full)}");
            Assert.That(full, Is.EquivalentTo(ring.Nodes), $"{key}: the full list holds every node");
            Assert.That(full[0], Is.EqualTo(ring.OwnerOf(key)), $"{key}: the list starts with the owner");
            Assert.That(ring.PreferenceList(key, 3), Is.EqualTo(full.Take(3)), $"{key}: a shorter list is a prefix of a longer one");
        }
    }

    [Test]
    [Category("behaviour")]
    public void The_owner_is_the_node_of_the_first_position_clockwise_from_the_key()
    {
        var ring = Ring(8, "n1", "n2", "n3");
        var positions = ring.Nodes
            .SelectMany(n => Enumerable.Range(0, 8).Select(i => (Position: ConsistentHashRing.Hash($"{n.Name}#{i}"), Node: n)))
            .OrderBy(p => p.Position).ThenBy(p => p.Node).ToList();
        for (var i = 0; i < 500; i++)
        {
            var key = $"k{i}";
            var hash = ConsistentHashRing.Hash(key);
            var expected = positions.FirstOrDefault(p => p.Position >= hash, positions[0]).Node;
            Assert.That(ring.OwnerOf(key), Is.EqualTo(expected), $"{key} (hash {hash:x16}): the first position at or after the hash, wrapping around");
        }
    }

    [Test]
    [Category("laws")]
    public void Virtual_nodes_keep_every_node_within_25_percent_of_its_fair_share()
    {
        // 10 nodes x 128 virtual nodes, 20,000 keys. Measured with the reference: the busiest node holds 1.19x the
        // mean and the idlest 0.83x; with one position per node the busiest holds 2.23x.
        var names = Enumerable.Range(1, 10).Select(i => $"node-{i}").ToArray();
        var (max, min) = Spread(Ring(128, names));
        var (maxSingle, _) = Spread(Ring(1, names));
        TestContext.Out.WriteLine($"128 virtual nodes: max {max:0.000}x, min {min:0.000}x of the mean; 1 position: max {maxSingle:0.000}x");

        Assert.That(max, Is.LessThanOrEqualTo(1.25), "the busiest node's share of the keys, relative to the mean");
        Assert.That(min, Is.GreaterThanOrEqualTo(0.75), "the idlest node's share of the keys, relative to the mean");
        Assert.That(maxSingle, Is.GreaterThan(max), "with one position per node the load should be visibly less even than with 128");
    }

    [Test]
    [Category("laws")]
    public void A_join_moves_about_one_in_n_keys_and_only_to_the_new_node()
    {
        var names = Enumerable.Range(1, 10).Select(i => $"node-{i}").ToArray();
        var before = Ring(128, names);
        var after = Ring(128, names);
        var joiner = new NodeId("node-11");
        after.AddNode(joiner);

        var moved = 0;
        for (var i = 0; i < Keys; i++)
        {
            var key = $"key-{i}";
            var (was, now) = (before.OwnerOf(key), after.OwnerOf(key));
            if (was != now)
            {
                moved++;
                Assert.That(now, Is.EqualTo(joiner), $"{key} moved from {was} to {now}: a join may only move keys to the joining node");
            }

            // Checking every eighth key's preference list keeps the test fast.

            if (i % 8 != 0)
            {
                continue;
            }

            var list = after.PreferenceList(key, 3);
            Assert.That(list.Where(n => n != joiner), Is.EqualTo(before.PreferenceList(key, 3).Take(list.Contains(joiner) ? 2 : 3)),
                $"{key}: the new preference list is the old one with the joiner inserted (and the last node pushed out)");
        }

        // Fair share K/(n+1) = 1,818; allow 1.35x for the spread of 128 virtual nodes.
        var fair = Keys / 11.0;
        TestContext.Out.WriteLine($"join moved {moved} of {Keys} keys; K/(n+1) = {fair:0}");
        Assert.That(moved, Is.InRange((int)(fair * 0.65), (int)(fair * 1.35)), $"keys moved by one join of 11 nodes, expected about K/(n+1) = {fair:0}");
    }

    [Test]
    [Category("laws")]
    public void A_leave_moves_only_the_keys_of_the_leaving_node()
    {
        var names = Enumerable.Range(1, 10).Select(i => $"node-{i}").ToArray();
        var before = Ring(128, names);
        var after = Ring(128, names);
        var leaver = new NodeId("node-4");
        after.RemoveNode(leaver);

        var moved = 0;
        for (var i = 0; i < Keys; i++)
        {
            var key = $"key-{i}";
            var (was, now) = (before.OwnerOf(key), after.OwnerOf(key));
            if (was != now)
            {
                moved++;
                Assert.That(was, Is.EqualTo(leaver), $"{key} moved from {was} to {now}, but only {leaver} left");
            }
        }

        var fair = Keys / 10.0;
        TestContext.Out.WriteLine($"leave moved {moved} of {Keys} keys; K/n = {fair:0}");
        Assert.That(moved, Is.InRange((int)(fair * 0.65), (int)(fair * 1.35)), $"keys moved when one of 10 nodes leaves, expected about K/n = {fair:0}");
    }

    [Test]
    [Category("behaviour")]
    public void Invalid_arguments_are_rejected_with_the_documented_exceptions()
    {
        var empty = new ConsistentHashRing(4);
        var ring = Ring(4, "n1", "n2");
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ConsistentHashRing(0), "zero virtual nodes per node");
            Assert.Throws<ArgumentNullException>(() => ConsistentHashRing.Hash(null!), "Hash(null)");
            Assert.Throws<ArgumentException>(() => ring.AddNode(new NodeId("n1")), "adding a node twice");
            Assert.Throws<ArgumentException>(() => ring.AddNode(new NodeId(" ")), "a blank node name");
            Assert.Throws<ArgumentException>(() => ring.RemoveNode(new NodeId("n9")), "removing a node that is not on the ring");
            Assert.Throws<ArgumentNullException>(() => ring.OwnerOf(null!), "OwnerOf(null)");
            Assert.Throws<InvalidOperationException>(() => empty.OwnerOf("k"), "OwnerOf on an empty ring");
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.PreferenceList("k", 0), "a preference list of 0 nodes");
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.PreferenceList("k", 3), "a preference list longer than the ring (2 nodes)");
        });
    }

    private static ConsistentHashRing Ring(int virtualNodes, params string[] names)
    {
        var ring = new ConsistentHashRing(virtualNodes);
        foreach (var name in names)
        {
            ring.AddNode(new NodeId(name));
        }

        return ring;
    }

    private static (double Max, double Min) Spread(ConsistentHashRing ring)
    {
        var counts = ring.Nodes.ToDictionary(n => n, _ => 0);
        for (var i = 0; i < Keys; i++)
        {
            counts[ring.OwnerOf($"key-{i}")]++;
        }

        var mean = (double)Keys / counts.Count;
        return (counts.Values.Max() / mean, counts.Values.Min() / mean);
    }

    private static string Quote(string text) => "\"" + text + "\"";

    private static ulong Fnv1a(byte[] bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong Fmix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
