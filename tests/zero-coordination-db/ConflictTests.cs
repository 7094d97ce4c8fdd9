namespace DistSys.ZeroCoordinationDb.Tests;

/// <summary>
/// What concurrent operations on different replicas resolve to once the replicas merge. These are the rules the
/// exercise defines: concurrent puts become siblings and the greatest dot is read; a put concurrent with a delete
/// survives; a delete or an overwrite that has seen a write removes it for good.
/// </summary>
[Category("safety")]
public class ConflictTests
{
    private static (ReplicaState A, ReplicaState B) Synced(Action<ReplicaState> setUp)
    {
        var a = new ReplicaState("a");
        var b = new ReplicaState("b");
        setUp(a);
        b.Merge(a.Copy());
        return (a, b);
    }

    private static void Exchange(ReplicaState a, ReplicaState b)
    {
        var fromA = a.Copy();
        a.Merge(b.Copy());
        b.Merge(fromA);
    }

    [Test]
    public void Concurrent_puts_become_siblings_and_every_replica_reads_the_greatest_dot()
    {
        var (a, b) = Synced(_ => { });
        a.Put("k", "from a");
        b.Put("k", "from b");
        Exchange(a, b);

        Assert.Multiple(() =>
        {
            Assert.That(a.Versions("k").Select(v => v.Value), Is.EqualTo(new[] { "from a", "from b" }),
                "both concurrent writes survive as siblings, ordered by dot (a:1 before b:1)");
            Assert.That(a.Get("k"), Is.EqualTo("from b"), "equal counters: the greater replica id (b) wins");
            Assert.That(b.Get("k"), Is.EqualTo("from b"), "both replicas must pick the same winner");
        });
    }

    [Test]
    public void A_concurrent_write_with_a_higher_counter_wins_whatever_the_replica_ids()
    {
        var (a, b) = Synced(_ => { });
        a.Put("other", "1");
        a.Put("other", "2");
        a.Put("k", "from a");   // dot a:3
        b.Put("k", "from b");   // dot b:1
        Exchange(a, b);

        Assert.Multiple(() =>
        {
            Assert.That(b.Get("k"), Is.EqualTo("from a"), "a:3 orders after b:1: the counter decides before the replica id");
            Assert.That(a.Get("k"), Is.EqualTo("from a"));
        });
    }

    [Test]
    public void A_put_that_has_seen_another_write_replaces_it_even_from_a_smaller_replica_id()
    {
        var (a, b) = Synced(s => s.Put("k", "v1"));
        b.Put("k", "v2");
        b.Put("k", "v3");
        a.Merge(b.Copy());
        a.Put("k", "final");   // a has seen b's writes, so this one must win everywhere
        Exchange(a, b);

        Assert.Multiple(() =>
        {
            Assert.That(b.Get("k"), Is.EqualTo("final"), "a write made after observing b's writes overwrites them");
            Assert.That(b.Versions("k"), Has.Count.EqualTo(1), "an overwrite leaves no sibling behind");
        });
    }

    [Test]
    public void A_put_concurrent_with_a_delete_survives_the_merge()
    {
        var (a, b) = Synced(s => s.Put("k", "v1"));
        a.Remove("k");
        b.Put("k", "v2");
        Exchange(a, b);

        Assert.Multiple(() =>
        {
            Assert.That(a.Get("k"), Is.EqualTo("v2"), "update wins: the delete only removed the write it had observed (v1)");
            Assert.That(b.Get("k"), Is.EqualTo("v2"));
            Assert.That(a.Versions("k"), Has.Count.EqualTo(1), "v1 was deleted on a and overwritten on b: it must not come back");
        });
    }

    [Test]
    public void A_delete_reaches_a_replica_that_still_holds_the_deleted_write()
    {
        var (a, b) = Synced(s => s.Put("k", "v1"));
        a.Remove("k");
        b.Merge(a.Copy());

        Assert.That(b.Contains("k"), Is.False, "b held only v1, which a deleted after seeing it: the key is gone on b too");
    }

    [Test]
    public void An_old_copy_does_not_bring_a_deleted_key_back()
    {
        var a = new ReplicaState("a");
        a.Put("k", "v1");
        var stale = a.Copy();
        a.Remove("k");
        a.Merge(stale);

        Assert.That(a.Contains("k"), Is.False, "the stale copy's write is covered by a's context: a deleted it, so it stays deleted");
    }

    [Test]
    public void An_old_copy_does_not_bring_an_overwritten_value_back()
    {
        var a = new ReplicaState("a");
        a.Put("k", "v1");
        var stale = a.Copy();
        a.Put("k", "v2");
        var b = new ReplicaState("b");
        b.Merge(stale);
        b.Merge(a.Copy());

        Assert.That(b.Versions("k").Select(v => v.Value), Is.EqualTo(new[] { "v2" }), "v1 was overwritten on a; merging both copies keeps only v2");
    }

    [Test]
    public void A_write_only_one_side_has_seen_is_kept_by_the_other()
    {
        var a = new ReplicaState("a");
        var b = new ReplicaState("b");
        a.Put("k", "v");
        b.Merge(a.Copy());

        Assert.Multiple(() =>
        {
            Assert.That(b.Get("k"), Is.EqualTo("v"), "b never saw the write, so it adopts it");
            Assert.That(b.Context["a"], Is.EqualTo(1), "b's context now covers a's write");
        });
    }

    [Test]
    public void Merging_does_not_change_the_state_that_was_merged_in()
    {
        var a = new ReplicaState("a");
        var b = new ReplicaState("b");
        a.Put("x", "1");
        b.Put("y", "2");
        var before = Db.Full(b);
        a.Merge(b);

        Assert.That(Db.Full(b), Is.EqualTo(before), "Merge(other) must leave other as it was");
    }

    [Test]
    public void A_later_put_on_a_replica_that_has_both_siblings_resolves_them()
    {
        var (a, b) = Synced(_ => { });
        a.Put("k", "x");
        b.Put("k", "y");
        Exchange(a, b);
        a.Put("k", "z");
        Exchange(a, b);

        Assert.That(b.Versions("k").Select(v => v.Value), Is.EqualTo(new[] { "z" }), "a put replaces every sibling it observed");
    }
}
