namespace DistSys.VectorClocks.Tests;

/// <summary>The vector clock's operations on small, hand-checked examples, and its contracts for invalid arguments.</summary>
[Category("behaviour")]
public class VectorClockTests
{
    [Test]
    public void The_empty_clock_has_no_entries_and_reads_zero_for_every_node()
    {
        var clock = new VectorClock();

        Assert.That(clock.Entries, Is.Empty, "a new clock knows of no events");
        Assert.That(clock["a"], Is.Zero, "a node the clock has never heard of has counter zero");
    }

    [Test]
    public void Increment_adds_one_to_that_node_only_and_leaves_the_original_unchanged()
    {
        var before = Clocks.Of("a:2 b:1");

        var after = before.Increment("b").Increment("c");

        Assert.That(Clocks.Show(after), Is.EqualTo("{a:2, b:2, c:1}"), "b goes from 1 to 2 and c appears at 1; a is untouched");
        Assert.That(Clocks.Show(before), Is.EqualTo("{a:2, b:1}"), "clocks are immutable: Increment returns a new clock");
    }

    [Test]
    public void Merge_takes_the_larger_counter_of_each_node_including_nodes_only_one_side_knows()
    {
        var left = Clocks.Of("a:3 b:1");
        var right = Clocks.Of("b:4 c:2");

        var merged = left.Merge(right);

        Assert.That(Clocks.Show(merged), Is.EqualTo("{a:3, b:4, c:2}"), "entry-wise maximum, not sum, over the ids of both clocks");
        Assert.That(Clocks.Show(left), Is.EqualTo("{a:3, b:1}"), "Merge must not change the clock it is called on");
        Assert.That(Clocks.Show(right), Is.EqualTo("{b:4, c:2}"), "Merge must not change its argument");
    }

    [TestCase("a:1", "a:2", Causality.Before)]
    [TestCase("a:2 b:1", "a:1 b:1", Causality.After)]
    [TestCase("a:1 b:2", "b:2 a:1", Causality.Equal)]
    [TestCase("a:1", "b:1", Causality.Concurrent)]
    [TestCase("a:2 b:1", "a:1 b:2", Causality.Concurrent)]
    [TestCase("", "c:1", Causality.Before)]
    [TestCase("a:1 b:1", "a:1", Causality.After)]
    [TestCase("", "", Causality.Equal)]
    public void Compare_gives_one_of_four_outcomes(string left, string right, Causality expected) =>
        Assert.That(Clocks.Of(left).Compare(Clocks.Of(right)), Is.EqualTo(expected),
            $"{{{left}}} compared with {{{right}}}: missing entries count as zero");

    [Test]
    public void A_zero_entry_is_the_same_as_a_missing_one()
    {
        var withZero = new VectorClock(new Dictionary<string, long> { ["a"] = 1, ["b"] = 0 });

        Assert.That(withZero.Entries.Keys, Is.EqualTo(new[] { "a" }), "Entries lists only non-zero counters");
        Assert.That(withZero.Compare(Clocks.Of("a:1")), Is.EqualTo(Causality.Equal), "{a:1, b:0} and {a:1} are the same clock");
    }

    [Test]
    public void Entries_are_in_ordinal_order_of_node_ids()
    {
        var clock = Clocks.Of("b:1 a:1 B:1 aa:1");

        Assert.That(clock.Entries.Keys, Is.EqualTo(new[] { "B", "a", "aa", "b" }), "ordinal (culture-independent) order: upper case sorts before lower case");
    }

    [Test]
    public void The_constructor_copies_its_entries()
    {
        var source = new Dictionary<string, long> { ["a"] = 1 };
        var clock = new VectorClock(source);

        source["a"] = 5;

        Assert.That(clock["a"], Is.EqualTo(1), "changing the dictionary afterwards must not change the clock");
    }

    [Test]
    public void Invalid_arguments_are_rejected_with_the_documented_exceptions()
    {
        var clock = Clocks.Of("a:1");
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => _ = new VectorClock(null!), "new VectorClock(null)");
            Assert.Throws<ArgumentException>(() => _ = new VectorClock(new Dictionary<string, long> { [" "] = 1 }), "a blank node id");
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new VectorClock(new Dictionary<string, long> { ["a"] = -1 }), "a negative counter");
            Assert.Throws<ArgumentNullException>(() => _ = clock[null!], "clock[null]");
            Assert.Throws<ArgumentNullException>(() => clock.Increment(null!), "Increment(null)");
            Assert.Throws<ArgumentException>(() => clock.Increment(""), "Increment(\"\")");
            Assert.Throws<ArgumentNullException>(() => clock.Merge(null!), "Merge(null)");
            Assert.Throws<ArgumentNullException>(() => clock.Compare(null!), "Compare(null)");
        });
    }

    [Test]
    public void A_null_node_id_is_rejected_under_its_own_name()
    {
        var clock = Clocks.Of("a:1");
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentNullException>(() => _ = clock[null!])?.ParamName, Is.EqualTo("nodeId"),
                "clock[null] must name nodeId: check the argument yourself rather than let the dictionary fail on its 'key'");
            Assert.That(Assert.Throws<ArgumentNullException>(() => clock.Increment(null!))?.ParamName, Is.EqualTo("nodeId"),
                "Increment(null) must name nodeId");
        });
    }
}
