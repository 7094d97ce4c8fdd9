namespace DistSys.AdaptiveSelector.Tests;

/// <summary>The selector alone, on synthetic windows: when it switches, why, and when it must not.</summary>
[Category("behaviour")]
public class SelectorTests
{
    private static ProtocolSelector Selector(Protocol initial = Protocol.Leader) => new(new SelectorOptions { Initial = initial });

    [Test]
    public void It_starts_in_the_initial_protocol_with_an_empty_log()
    {
        var selector = Selector(Protocol.Crdt);
        Assert.Multiple(() =>
        {
            Assert.That(selector.Current, Is.EqualTo(Protocol.Crdt));
            Assert.That(selector.Decisions, Is.Empty);
            Assert.That(selector.Options.Initial, Is.EqualTo(Protocol.Crdt));
        });
    }

    [Test]
    public void Contention_moves_the_leader_to_crdt_after_exactly_patience_windows()
    {
        var selector = Selector();
        var results = Enumerable.Range(1, 3).Select(n => selector.Observe(Windows.At(n, writesPerSecond: 2000))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(results[0], Is.Null, "one contended window is not enough (patience 3)");
            Assert.That(results[1], Is.Null, "two contended windows are not enough (patience 3)");
            Assert.That(results[2], Is.Not.Null, "the third contended window in a row must switch");
            Assert.That(results[2]?.To, Is.EqualTo(Protocol.Crdt));
            Assert.That(results[2]?.From, Is.EqualTo(Protocol.Leader));
            Assert.That(results[2]?.Trigger, Is.EqualTo(Trigger.Contention));
            Assert.That(results[2]?.Time, Is.EqualTo(TimeSpan.FromMilliseconds(300)), "a decision is stamped with the end of the window that completed the streak");
            Assert.That(selector.Current, Is.EqualTo(Protocol.Crdt));
            Assert.That(selector.Decisions, Is.EqualTo(new[] { results[2] }), "the decision is logged exactly once");
        });
    }

    [TestCase(0, 0, 25.0, Trigger.HighLatency)]
    [TestCase(0, 2, 25.0, Trigger.Timeouts)]
    [TestCase(1, 2, 25.0, Trigger.Unreachable)]
    [TestCase(1, 0, 1.0, Trigger.Unreachable)]
    public void A_bad_window_is_named_by_its_most_serious_reason(int unreachable, int timedOut, double latencyMs, Trigger expected)
    {
        var selector = Selector();
        Decision? decision = null;
        for (var n = 1; n <= 3; n++)
        {
            decision = selector.Observe(Windows.At(n, writesPerSecond: 2000, latencyMs: latencyMs, timedOut: timedOut, unreachable: unreachable));
        }

        Assert.That(decision?.Trigger, Is.EqualTo(expected),
            "the order is: unreachable, then timeouts, then high latency, then contention");
    }

    [Test]
    public void The_trigger_is_the_reason_of_the_last_window_of_the_streak()
    {
        var selector = Selector();
        selector.Observe(Windows.At(1, unreachable: 1));
        selector.Observe(Windows.At(2, timedOut: 1));
        var decision = selector.Observe(Windows.At(3, latencyMs: 30));
        Assert.That(decision?.Trigger, Is.EqualTo(Trigger.HighLatency), "three bad windows in a row switch, named after the last one");
    }

    [Test]
    public void A_good_window_resets_the_streak()
    {
        var selector = Selector();
        var modes = Windows.Feed(selector, 1, [
            n => Windows.At(n, writesPerSecond: 2000), n => Windows.At(n, writesPerSecond: 2000), n => Windows.At(n, writesPerSecond: 100),
            n => Windows.At(n, writesPerSecond: 2000), n => Windows.At(n, writesPerSecond: 2000),
        ]);

        Assert.That(modes, Is.All.EqualTo(Protocol.Leader), "bad, bad, good, bad, bad: never three in a row, so no switch");
    }

    [Test]
    public void Crdt_returns_to_the_leader_after_patience_calm_windows()
    {
        var selector = Selector(Protocol.Crdt);
        var modes = Windows.Feed(selector, 1, Windows.Repeat(3, n => Windows.At(n, writesPerSecond: 100)));

        Assert.Multiple(() =>
        {
            Assert.That(modes, Is.EqualTo(new[] { Protocol.Crdt, Protocol.Crdt, Protocol.Leader }));
            Assert.That(selector.Decisions.Single().Trigger, Is.EqualTo(Trigger.Calm));
        });
    }

    [Test]
    public void Crdt_does_not_return_while_a_node_is_unreachable()
    {
        var selector = Selector(Protocol.Crdt);
        var modes = Windows.Feed(selector, 1, Windows.Repeat(10, n => Windows.At(n, writesPerSecond: 100, unreachable: 1)));
        Assert.That(modes, Is.All.EqualTo(Protocol.Crdt), "a calm workload is not enough while the leader cannot hear every node");
    }

    [Test]
    public void Crdt_ignores_latency_and_timeouts_which_only_describe_the_leader()
    {
        var selector = Selector(Protocol.Crdt);
        var modes = Windows.Feed(selector, 1, Windows.Repeat(3, n => Windows.At(n, writesPerSecond: 100, latencyMs: 40, timedOut: 3)));
        Assert.That(modes.Last(), Is.EqualTo(Protocol.Leader), "calm means: few writes and every node reachable; nothing else");
    }

    [TestCase(Protocol.Leader)]
    [TestCase(Protocol.Crdt)]
    public void A_steady_load_between_the_thresholds_never_switches(Protocol initial)
    {
        var selector = Selector(initial);
        var modes = Windows.Feed(selector, 1, Windows.Repeat(100, n => Windows.At(n, writesPerSecond: 1000)));
        Assert.That(modes, Is.All.EqualTo(initial), "1,000 writes/s is neither contended (> 1,500) nor calm (< 500): whichever protocol runs stays");
    }

    [Test]
    public void A_load_hovering_around_the_high_threshold_does_not_flap()
    {
        var selector = Selector();
        // 1,400 and 1,600 writes/s alternating, then in pairs: never three contended windows in a row.
        var pattern = new[] { 1400.0, 1600, 1600, 1400, 1600, 1400, 1600, 1600, 1400 };
        var modes = Windows.Feed(selector, 1, Enumerable.Range(0, 90).Select(i => (Func<int, WindowStats>)(n => Windows.At(n, writesPerSecond: pattern[i % pattern.Length]))));
        Assert.That(selector.Decisions, Is.Empty, $"a noisy load around the threshold must not make the selector switch; it did: {DecisionLog.Format(selector.Decisions)}");
    }

    [Test]
    public void After_a_switch_the_load_that_caused_it_does_not_switch_back()
    {
        var selector = Selector();
        Windows.Feed(selector, 1, Windows.Repeat(50, n => Windows.At(n, writesPerSecond: 2000)));
        Assert.Multiple(() =>
        {
            Assert.That(selector.Decisions, Has.Count.EqualTo(1), "a steady write-heavy load switches once and stays");
            Assert.That(selector.Current, Is.EqualTo(Protocol.Crdt));
        });
    }

    [Test]
    public void Patience_is_counted_afresh_after_a_switch()
    {
        var selector = Selector();
        Windows.Feed(selector, 1, Windows.Repeat(3, n => Windows.At(n, writesPerSecond: 2000)));
        var modes = Windows.Feed(selector, 4, Windows.Repeat(3, n => Windows.At(n, writesPerSecond: 100)));
        Assert.That(modes, Is.EqualTo(new[] { Protocol.Crdt, Protocol.Crdt, Protocol.Leader }),
            "the streak restarts at the switch: three calm windows after it, not fewer");
    }

    [Test]
    public void Patience_of_one_switches_on_the_first_window()
    {
        var selector = new ProtocolSelector(new SelectorOptions { Patience = 1 });
        Assert.That(selector.Observe(Windows.At(1, writesPerSecond: 2000))?.To, Is.EqualTo(Protocol.Crdt));
    }

    [Test]
    public void The_thresholds_are_strict()
    {
        var leader = Selector();
        var crdt = Selector(Protocol.Crdt);
        Windows.Feed(leader, 1, Windows.Repeat(5, n => Windows.At(n, writesPerSecond: 1500, latencyMs: 20)));
        Windows.Feed(crdt, 1, Windows.Repeat(5, n => Windows.At(n, writesPerSecond: 500)));
        Assert.Multiple(() =>
        {
            Assert.That(leader.Decisions, Is.Empty, "exactly 1,500 writes/s and exactly 20 ms are not above the thresholds");
            Assert.That(crdt.Decisions, Is.Empty, "exactly 500 writes/s is not below ContentionLow");
        });
    }
}
