namespace DistSys.ZeroCoordinationDb.Tests;

/// <summary>Create, read, update and delete on one replica: the ordinary contract of a key-value database.</summary>
[Category("behaviour")]
public class CrudTests
{
    [Test]
    public void A_created_key_reads_back_its_value()
    {
        var db = Db.Single(out _);
        Assert.Multiple(() =>
        {
            Assert.That(db.Create("user:1", "ada"), Is.True, "creating a new key is acknowledged with true");
            Assert.That(db.Read("user:1"), Is.EqualTo("ada"));
        });
    }

    [Test]
    public void Reading_a_key_that_was_never_written_gives_null()
    {
        var db = Db.Single(out _);
        Assert.That(db.Read("missing"), Is.Null);
    }

    [Test]
    public void Creating_an_existing_key_is_refused_and_keeps_the_first_value()
    {
        var db = Db.Single(out _);
        db.Create("k", "first");
        Assert.Multiple(() =>
        {
            Assert.That(db.Create("k", "second"), Is.False, "Create on a key that exists here must return false");
            Assert.That(db.Read("k"), Is.EqualTo("first"), "a refused Create must not change the value");
        });
    }

    [Test]
    public void Update_replaces_the_value_of_an_existing_key()
    {
        var db = Db.Single(out _);
        db.Create("k", "v1");
        Assert.Multiple(() =>
        {
            Assert.That(db.Update("k", "v2"), Is.True);
            Assert.That(db.Read("k"), Is.EqualTo("v2"));
            Assert.That(db.State.Versions("k").Select(v => v.Value), Is.EqualTo(new[] { "v2" }),
                "an update on one replica replaces the write it observed: one live version, not two");
        });
    }

    [Test]
    public void Updating_a_missing_key_is_refused_and_creates_nothing()
    {
        var db = Db.Single(out _);
        Assert.Multiple(() =>
        {
            Assert.That(db.Update("k", "v"), Is.False, "Update on a key that does not exist here must return false");
            Assert.That(db.Read("k"), Is.Null, "a refused Update must not create the key");
        });
    }

    [Test]
    public void Delete_removes_the_key_and_a_later_create_brings_it_back()
    {
        var db = Db.Single(out _);
        db.Create("k", "v1");
        Assert.Multiple(() =>
        {
            Assert.That(db.Delete("k"), Is.True, "deleting an existing key is acknowledged with true");
            Assert.That(db.Read("k"), Is.Null, "a deleted key reads as null");
            Assert.That(db.State.Keys, Does.Not.Contain("k"));
            Assert.That(db.Create("k", "v2"), Is.True, "a deleted key can be created again");
            Assert.That(db.Read("k"), Is.EqualTo("v2"));
        });
    }

    [Test]
    public void Deleting_a_missing_key_returns_false()
    {
        var db = Db.Single(out _);
        Assert.That(db.Delete("k"), Is.False);
    }

    [Test]
    public void An_empty_value_is_a_value_not_a_delete()
    {
        var db = Db.Single(out _);
        db.Create("k", string.Empty);
        Assert.That(db.Read("k"), Is.EqualTo(string.Empty));
    }

    [Test]
    public void Keys_lists_the_live_keys_in_ordinal_order()
    {
        var db = Db.Single(out _);
        foreach (var key in new[] { "b", "B", "a", "c" })
        {
            db.Create(key, key);
        }

        db.Delete("c");
        Assert.That(db.State.Keys, Is.EqualTo(new[] { "B", "a", "b" }));
    }

    [Test]
    public void The_replica_state_is_named_after_the_node()
    {
        var db = Db.Single(out _);
        Assert.That(db.State.ReplicaId, Is.EqualTo("n1"));
    }

    [Test]
    public void Each_write_mints_a_dot_above_every_counter_the_replica_has_seen()
    {
        var state = new ReplicaState("b");
        var other = new ReplicaState("a");
        other.Put("x", "1");
        other.Put("x", "2");
        other.Put("y", "3");
        state.Merge(other);

        var dot = state.Put("z", "4");
        Assert.Multiple(() =>
        {
            Assert.That(dot, Is.EqualTo(new Dot("b", 4)), "the new dot's counter is the largest counter in the context (3, from a) plus one");
            Assert.That(state.Context["b"], Is.EqualTo(4), "the write is recorded in the replica's own context entry");
            Assert.That(state.Context["a"], Is.EqualTo(3));
        });
    }

    [Test]
    public void A_copy_is_independent_of_the_original()
    {
        var state = new ReplicaState("a");
        state.Put("k", "v1");
        var copy = state.Copy();
        state.Put("k", "v2");
        state.Put("other", "x");
        copy.Remove("k");

        Assert.Multiple(() =>
        {
            Assert.That(copy.ReplicaId, Is.EqualTo("a"));
            Assert.That(state.Get("k"), Is.EqualTo("v2"), "removing from the copy must not touch the original");
            Assert.That(copy.Keys, Is.Empty, "writes to the original must not appear in the copy");
            Assert.That(copy.Context["a"], Is.EqualTo(1), "the copy's context is its own");
        });
    }
}
