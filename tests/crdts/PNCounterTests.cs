namespace DistSys.Crdts.Tests;

public class PNCounterTests
{
    [Test]
    [Category("behaviour")]
    public void Value_is_increments_minus_decrements()
    {
        var counter = new PNCounter("A");
        counter.Increment(10);
        counter.Decrement(3);

        Assert.That(counter.Value, Is.EqualTo(7), "+10 then -3 on one replica must read 7");
    }

    [Test]
    [Category("safety")]
    public void Two_replicas_with_decrements_converge()
    {
        // The seed's scenario: A does +10 -3, B does +5 -2; both must end at 10.
        var a = new PNCounter("A");
        var b = new PNCounter("B");
        a.Increment(10);
        a.Decrement(3);
        b.Increment(5);
        b.Decrement(2);

        a.Merge(b);
        b.Merge(a);

        Assert.That(new[] { a.Value, b.Value }, Is.All.EqualTo(10), "(10-3) + (5-2) = 10 on both replicas");
    }

    [Test]
    [Category("safety")]
    public void A_decrement_survives_a_merge_with_a_replica_that_has_not_seen_it()
    {
        var a = new PNCounter("A");
        a.Increment(5);
        var before = a.Copy();
        a.Decrement(2);

        a.Merge(before);

        Assert.That(a.Value, Is.EqualTo(3),
            "merging an older state must not undo a decrement (a single G-Counter slot that goes down would lose it)");
    }

    [Test]
    [Category("safety")]
    public void Increments_and_decrements_are_kept_in_separate_slots()
    {
        var counter = new PNCounter("A");
        counter.Increment(4);
        counter.Decrement(1);

        Assert.Multiple(() =>
        {
            Assert.That(counter.Increments, Is.EquivalentTo(new Dictionary<string, long> { ["A"] = 4 }), "increment slots");
            Assert.That(counter.Decrements, Is.EquivalentTo(new Dictionary<string, long> { ["A"] = 1 }), "decrement slots");
        });
    }

    [Test]
    [Category("behaviour")]
    public void Negative_amounts_are_rejected()
    {
        var counter = new PNCounter("A");
        Assert.Multiple(() =>
        {
            Assert.That(() => counter.Increment(-1), Throws.TypeOf<ArgumentOutOfRangeException>(), "Increment(-1)");
            Assert.That(() => counter.Decrement(-1), Throws.TypeOf<ArgumentOutOfRangeException>(), "Decrement(-1)");
        });
    }

    [Test]
    [Category("behaviour")]
    public void A_copy_and_its_original_change_independently()
    {
        var original = new PNCounter("A");
        original.Increment(2);
        var copy = original.Copy();

        copy.Decrement(5);

        Assert.That(original.Value, Is.EqualTo(2), "decrementing the copy must not change the original");
    }

    [Test]
    [Category("behaviour")]
    public void Invalid_arguments_are_rejected_under_their_own_names()
    {
        var counter = new PNCounter("A");
        Assert.Multiple(() =>
        {
            Assert.That(() => new PNCounter(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("replicaId"),
                "a replica without an id could not own a slot");
            Assert.That(() => new PNCounter(" "), Throws.ArgumentException.With.Property("ParamName").EqualTo("replicaId"),
                "a blank replica id is refused like a missing one");
            Assert.That(() => counter.Merge(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("other"),
                "Merge(null) must name 'other': check the argument before reading its counters");
        });
    }
}
