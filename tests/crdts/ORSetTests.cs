namespace DistSys.Crdts.Tests;

public class ORSetTests
{
    [Test]
    [Category("behaviour")]
    public void Added_elements_are_contained()
    {
        var set = new ORSet<string>("A");
        set.Add("x");

        Assert.Multiple(() =>
        {
            Assert.That(set.Contains("x"), Is.True, "after Add(\"x\")");
            Assert.That(set.Contains("y"), Is.False, "an element never added");
            Assert.That(set.Elements, Is.EquivalentTo(new[] { "x" }));
        });
    }

    [Test]
    [Category("behaviour")]
    public void Remove_deletes_an_observed_element()
    {
        var set = new ORSet<string>("A");
        set.Add("x");
        set.Add("x");
        set.Remove("x");

        Assert.That(set.Contains("x"), Is.False, "a remove covers every add this replica has observed, not just the last");
    }

    [Test]
    [Category("behaviour")]
    public void An_element_can_be_added_again_after_a_remove()
    {
        var set = new ORSet<string>("A");
        set.Add("x");
        set.Remove("x");
        set.Add("x");

        Assert.That(set.Contains("x"), Is.True, "a new add gets a new tag that the earlier remove never saw");
    }

    [Test]
    [Category("behaviour")]
    public void Removing_an_absent_element_does_nothing()
    {
        var set = new ORSet<string>("A");
        set.Remove("ghost");
        set.Add("x");

        Assert.That(set.Elements, Is.EquivalentTo(new[] { "x" }));
    }

    [Test]
    [Category("safety")]
    public void A_concurrent_add_survives_a_remove_on_another_replica()
    {
        // The seed's scenario: both add X, A removes X (seeing only its own add), B adds Y.
        var a = new ORSet<string>("A");
        var b = new ORSet<string>("B");
        a.Add("X");
        b.Add("X");
        a.Remove("X");
        b.Add("Y");

        a.Merge(b);
        b.Merge(a);

        Assert.Multiple(() =>
        {
            Assert.That(a.Elements, Is.EquivalentTo(new[] { "X", "Y" }), "A removed only the X it had observed; B's X stays");
            Assert.That(b.Elements, Is.EquivalentTo(a.Elements), "both replicas agree after exchanging states");
        });
    }

    [Test]
    [Category("safety")]
    public void A_remove_that_has_observed_every_add_wins_everywhere()
    {
        var a = new ORSet<string>("A");
        var b = new ORSet<string>("B");
        a.Add("X");
        b.Merge(a);
        b.Remove("X");

        a.Merge(b);

        Assert.That(a.Contains("X"), Is.False, "B observed A's only add of X, so its remove must reach A too");
    }

    [Test]
    [Category("safety")]
    public void Tags_from_different_replicas_never_collide()
    {
        var a = new ORSet<string>("A");
        var b = new ORSet<string>("B");
        a.Add("X");
        b.Add("X");
        b.Remove("X");

        a.Merge(b);

        Assert.That(a.Contains("X"), Is.True,
            "A's first add and B's first add must get different tags, or B's remove would delete A's add too");
    }

    [Test]
    [Category("behaviour")]
    public void A_copy_and_its_original_change_independently()
    {
        var original = new ORSet<int>("A");
        original.Add(1);
        var copy = original.Copy();

        copy.Remove(1);
        original.Add(2);

        Assert.Multiple(() =>
        {
            Assert.That(original.Elements, Is.EquivalentTo(new[] { 1, 2 }), "removing from the copy must not touch the original");
            Assert.That(copy.Elements, Is.Empty, "adding to the original must not touch the copy");
        });
    }

    [Test]
    [Category("behaviour")]
    public void Invalid_arguments_are_rejected_under_their_own_names()
    {
        var set = new ORSet<string>("A");
        Assert.Multiple(() =>
        {
            Assert.That(() => new ORSet<string>(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("replicaId"),
                "tags carry the replica id, so a set needs one");
            Assert.That(() => new ORSet<string>(" "), Throws.ArgumentException.With.Property("ParamName").EqualTo("replicaId"),
                "a blank replica id is refused like a missing one");
            Assert.That(() => set.Add(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("element"),
                "Add(null) must name 'element': check the argument yourself rather than let the dictionary fail on its 'key'");
            Assert.That(() => set.Remove(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("element"),
                "Remove(null) must name 'element'");
            Assert.That(() => set.Merge(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("other"),
                "Merge(null) must name 'other'");
        });
    }
}
