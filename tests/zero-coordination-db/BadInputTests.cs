using DistSys.Runtime;

namespace DistSys.ZeroCoordinationDb.Tests;

/// <summary>Invalid arguments are refused with the documented exception, naming the argument.</summary>
[Category("behaviour")]
public class BadInputTests
{
    [Test]
    public void A_replica_state_needs_an_id()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new ReplicaState(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("replicaId"));
            Assert.That(() => new ReplicaState(" "), Throws.ArgumentException.With.Property("ParamName").EqualTo("replicaId"));
        });
    }

    [Test]
    public void Put_refuses_a_null_or_empty_key_and_a_null_value()
    {
        var state = new ReplicaState("a");
        Assert.Multiple(() =>
        {
            Assert.That(() => state.Put(null!, "v"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => state.Put(string.Empty, "v"), Throws.ArgumentException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => state.Put("k", null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"));
            Assert.That(state.Keys, Is.Empty, "a refused put must not write anything");
        });
    }

    [Test]
    public void Reads_and_removes_refuse_a_null_key()
    {
        var state = new ReplicaState("a");
        Assert.Multiple(() =>
        {
            Assert.That(() => state.Get(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => state.Contains(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => state.Versions(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => state.Remove(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
        });
    }

    [Test]
    public void Merge_refuses_null()
    {
        var state = new ReplicaState("a");
        Assert.That(() => state.Merge(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("other"));
    }

    [Test]
    public void A_replica_needs_a_context_and_a_positive_gossip_interval()
    {
        var simulation = new Simulation(1);
        Assert.Multiple(() =>
        {
            Assert.That(() => new DbReplica(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("context"));
            Assert.That(() => simulation.AddNode("zero", c => new DbReplica(c, TimeSpan.Zero)),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("gossipInterval"));
            Assert.That(() => simulation.AddNode("negative", c => new DbReplica(c, TimeSpan.FromMilliseconds(-1))),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("gossipInterval"));
        });
    }

    [Test]
    public void Client_operations_refuse_null_and_empty_keys_and_null_values()
    {
        var db = Db.Single(out _);
        db.Create("k", "v");
        Assert.Multiple(() =>
        {
            Assert.That(() => db.Create(null!, "v"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => db.Create(string.Empty, "v"), Throws.ArgumentException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => db.Create("new", null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"));
            Assert.That(() => db.Update(null!, "v"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => db.Update("k", null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"));
            Assert.That(() => db.Read(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => db.Delete(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(db.Read("k"), Is.EqualTo("v"), "refused calls must leave the data alone");
        });
    }

    [Test]
    public void Create_refuses_a_null_value_even_for_a_key_that_already_exists()
    {
        var db = Db.Single(out _);
        db.Create("k", "v");
        Assert.Multiple(() =>
        {
            Assert.That(() => db.Create("k", null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"),
                "a null value is bad input whatever the key: check the arguments before looking the key up, not only on the path that writes");
            Assert.That(db.Read("k"), Is.EqualTo("v"), "a refused create must leave the data alone");
        });
    }

    [Test]
    public void Update_refuses_an_empty_key_instead_of_reporting_it_missing()
    {
        var db = Db.Single(out _);
        Assert.That(() => db.Update(string.Empty, "v"), Throws.ArgumentException.With.Property("ParamName").EqualTo("key"),
            "an empty key is bad input (ArgumentException naming key), not a key that happens to be absent (false)");
    }

    [Test]
    public void Update_refuses_a_null_value_even_for_a_missing_key()
    {
        var db = Db.Single(out _);
        Assert.Multiple(() =>
        {
            Assert.That(() => db.Update("missing", null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"),
                "a null value is bad input whatever the key: check the arguments before looking the key up, not only on the path that writes");
            Assert.That(db.Read("missing"), Is.Null, "a refused update must not create the key");
        });
    }
}
