namespace DistSys.Crdts.Tests;

public class GCounterTests
{
    [Test]
    [Category("behaviour")]
    public void A_new_counter_is_zero()
    {
        Assert.That(new GCounter("A").Value, Is.Zero, "a counter nobody incremented must read 0");
    }

    [Test]
    [Category("behaviour")]
    public void Increment_adds_to_the_replicas_own_slot()
    {
        var counter = new GCounter("A");
        counter.Increment(5);
        counter.Increment();

        Assert.That(counter.Counts, Is.EquivalentTo(new Dictionary<string, long> { ["A"] = 6 }),
            "Increment(5) then Increment() on replica A should leave only slot A, holding 6");
    }

    [Test]
    [Category("behaviour")]
    public void Increment_rejects_a_negative_amount()
    {
        var counter = new GCounter("A");
        Assert.That(() => counter.Increment(-1), Throws.TypeOf<ArgumentOutOfRangeException>(),
            "a grow-only counter must refuse to go down: throw ArgumentOutOfRangeException");
    }

    [Test]
    [Category("safety")]
    public void Merge_keeps_the_larger_value_of_each_slot()
    {
        var a = new GCounter("A");
        var b = new GCounter("B");
        a.Increment(5);
        b.Increment(3);
        var staleA = a.Copy();
        a.Increment(2);

        b.Merge(a);
        b.Merge(staleA);

        Assert.That(b.Counts, Is.EquivalentTo(new Dictionary<string, long> { ["A"] = 7, ["B"] = 3 }),
            "merging A's newer state (A=7) and then its stale copy (A=5) must keep A=7: merge takes the maximum, it does not add");
    }

    [Test]
    [Category("laws")]
    public void Merging_the_same_state_twice_changes_nothing()
    {
        var a = new GCounter("A");
        var b = new GCounter("B");
        a.Increment(4);
        b.Increment(1);

        b.Merge(a);
        b.Merge(a);

        Assert.That(b.Value, Is.EqualTo(5), "B=1 merged twice with A=4 must read 5, not 9: merge must be idempotent");
    }

    [Test]
    [Category("behaviour")]
    public void Merge_leaves_the_other_replica_unchanged()
    {
        var a = new GCounter("A");
        var b = new GCounter("B");
        a.Increment(4);
        b.Increment(1);

        b.Merge(a);

        Assert.That(a.Counts, Is.EquivalentTo(new Dictionary<string, long> { ["A"] = 4 }),
            "b.Merge(a) must not write into a");
    }

    [Test]
    [Category("behaviour")]
    public void A_copy_and_its_original_change_independently()
    {
        var original = new GCounter("A");
        original.Increment(2);
        var copy = original.Copy();

        copy.Increment(10);
        original.Increment(1);

        Assert.Multiple(() =>
        {
            Assert.That(copy.ReplicaId, Is.EqualTo("A"), "a copy keeps the replica id");
            Assert.That(original.Value, Is.EqualTo(3), "incrementing the copy must not change the original");
            Assert.That(copy.Value, Is.EqualTo(12), "incrementing the original must not change the copy");
        });
    }

    [Test]
    [Category("safety")]
    public void Three_replicas_agree_after_partial_then_full_sync()
    {
        // The seed's first scenario: A, B and C increment 5, 3 and 7, gossip partially, then fully.
        var a = new GCounter("A");
        var b = new GCounter("B");
        var c = new GCounter("C");
        a.Increment(5);
        b.Increment(3);
        c.Increment(7);

        a.Merge(b);
        b.Merge(c);
        c.Merge(a);
        Assert.That(new[] { a.Value, b.Value, c.Value }, Is.EqualTo(new long[] { 8, 10, 15 }),
            "after A←B, B←C, C←A the replicas know 5+3, 3+7 and 7+5+3");

        a.Merge(b);
        a.Merge(c);
        b.Merge(a);
        c.Merge(a);
        Assert.That(new[] { a.Value, b.Value, c.Value }, Is.All.EqualTo(15), "after full sync every replica reads 5+3+7");
    }

    [Test]
    [Category("safety")]
    public void Five_replicas_split_by_a_partition_converge_to_150_after_it_heals()
    {
        // The seed's partition scenario: {0,1} and {2,3,4} increment 10..50 and sync only within their side.
        var replicas = Enumerable.Range(0, 5).Select(i => new GCounter($"Node{i}")).ToArray();
        for (var i = 0; i < 5; i++)
        {
            replicas[i].Increment(10 * (i + 1));
        }

        ReplicaHistory.MergeEveryPair(replicas[..2]);
        ReplicaHistory.MergeEveryPair(replicas[2..]);
        Assert.Multiple(() =>
        {
            Assert.That(replicas[0].Value, Is.EqualTo(30), "during the partition side {0,1} sees 10+20");
            Assert.That(replicas[2].Value, Is.EqualTo(120), "during the partition side {2,3,4} sees 30+40+50");
        });

        ReplicaHistory.MergeEveryPair(replicas);
        Assert.That(replicas.Select(r => r.Value), Is.All.EqualTo(150), "after the heal every replica reads 10+20+30+40+50");
    }

    [Test]
    [Category("behaviour")]
    public void Invalid_arguments_are_rejected_under_their_own_names()
    {
        var counter = new GCounter("A");
        Assert.Multiple(() =>
        {
            Assert.That(() => new GCounter(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("replicaId"),
                "a replica without an id could not own a slot");
            Assert.That(() => new GCounter(" "), Throws.ArgumentException.With.Property("ParamName").EqualTo("replicaId"),
                "a blank replica id is refused like a missing one");
            Assert.That(() => counter.Merge(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("other"),
                "Merge(null) must name 'other': check the argument before reading its slots");
        });
    }
}
