using DistSys.Runtime;

namespace DistSys.AdaptiveSelector.Tests;

/// <summary>
/// What the control plane measures: the <see cref="WindowStats"/> a switch carries must describe the window that
/// tipped it, and the leader serves one request at a time. Patience 1 makes every measured window visible through
/// the decision it causes.
/// </summary>
[Category("behaviour")]
public class WindowStatsTests
{
    private static readonly TimeSpan s_ms = TimeSpan.FromMilliseconds(1);

    [Test]
    public void The_window_that_tips_a_switch_reports_its_operations_latency_and_messages()
    {
        // 5 increments in a 100 ms window = 50 writes/s, above ContentionHigh 20: to CRDT at 100 ms; the next window
        // has no writes (below ContentionLow 10): back to the leader at 200 ms.
        var simulation = new Simulation(1);
        var counter = new AdaptiveCounter(simulation, 2, new SelectorOptions { Patience = 1, ContentionLow = 10, ContentionHigh = 20 });
        var n2 = counter.Nodes[1];
        for (var i = 1; i <= 5; i++)
        {
            simulation.Schedule(10 * i * s_ms, () => counter.Increment(n2, 1, () => { }), "increment at n2");
        }

        simulation.Schedule(60 * s_ms, () => counter.Read(n2, _ => { }), "read at n2");
        simulation.RunFor(250 * s_ms);

        Assert.That(counter.Selector.Decisions, Has.Count.EqualTo(2), $"expected to CRDT at 100 ms and back at 200 ms:\n{DecisionLog.Format(counter.Selector.Decisions)}");
        var busy = counter.Selector.Decisions[0].Stats;
        var idle = counter.Selector.Decisions[1].Stats;
        Assert.Multiple(() =>
        {
            Assert.That(busy.Operations, Is.EqualTo(6), $"5 increments and 1 read were invoked in the first window: {busy}");
            Assert.That(busy.Writes, Is.EqualTo(5), $"5 increments were invoked in the first window: {busy}");
            Assert.That(busy.MeanLatency, Is.GreaterThan(s_ms).And.LessThan(10 * s_ms),
                $"under the leader each follower operation waits a round trip on a 1 ms network (about 2.5 ms): the mean latency of the completed operations: {busy}");
            Assert.That(busy.TimedOut, Is.Zero, $"every operation completed within the window: {busy}");
            Assert.That(busy.Unreachable, Is.Zero, $"n2 heartbeats the leader every 20 ms: {busy}");
            Assert.That(busy.MessagesPerOperation, Is.InRange(2.0, 6.0),
                $"about 22 messages (a request and a reply per operation, 5 heartbeats and their answers) sent in the window, divided by its 6 operations: {busy}");
            Assert.That(idle.Operations, Is.Zero, $"no operation was invoked in the second window: {idle}");
            Assert.That(idle.MeanLatency, Is.EqualTo(TimeSpan.Zero), $"no operation completed in the second window, so the mean latency is zero: {idle}");
            Assert.That(idle.MessagesPerOperation, Is.InRange(8.0, 14.0),
                $"the second window counts only its own messages (about 5 heartbeats, their answers and the switch broadcast), divided by 1 when there were no operations: {idle}");
        });
    }

    [Test]
    public void Timeouts_and_unreachable_nodes_are_counted_at_the_end_of_the_window()
    {
        // n2 is cut off from the start: the leader never hears from it and its reads never complete.
        var simulation = new Simulation(1);
        var counter = new AdaptiveCounter(simulation, 3, new SelectorOptions { Patience = 1 });
        var n2 = counter.Nodes[1];
        simulation.Network.Isolate(n2);
        simulation.Schedule(40 * s_ms, () => counter.Read(n2, _ => { }), "read at n2, 60 ms old at the end of the window");
        simulation.Schedule(50 * s_ms, () => counter.Read(n2, _ => { }), "read at n2, exactly 50 ms old at the end of the window");
        simulation.RunFor(150 * s_ms);

        Assert.That(counter.Selector.Decisions, Is.Not.Empty, "an unreachable node must move the leader to CRDT (patience 1)");
        var stats = counter.Selector.Decisions[0].Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.End, Is.EqualTo(100 * s_ms));
            Assert.That(stats.Unreachable, Is.EqualTo(1), $"only n2 (not n3) sent the leader nothing during the window: {stats}");
            Assert.That(stats.TimedOut, Is.EqualTo(1),
                $"a pending operation times out when invoked MORE than OperationTimeout (50 ms) before the window's end: the 60 ms old read does, the 50 ms old one does not: {stats}");
        });
    }

    [Test]
    public void A_rejected_increment_is_not_an_operation()
    {
        var simulation = new Simulation(1);
        var counter = new AdaptiveCounter(simulation, 2, new SelectorOptions { Patience = 1 });
        var n2 = counter.Nodes[1];
        Exception? thrown = null;
        simulation.Schedule(10 * s_ms, () => thrown = Assert.Catch(() => counter.Increment(n2, 0, () => { })), "increment by 0");
        simulation.RunFor(350 * s_ms);

        Assert.Multiple(() =>
        {
            Assert.That(thrown, Is.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("amount"));
            Assert.That(counter.Selector.Decisions, Is.Empty,
                $"an increment refused for its amount was never invoked: it must not count as an operation, nor stay pending and time out:\n{DecisionLog.Format(counter.Selector.Decisions)}");
        });
    }

    [Test]
    public void The_leader_serves_one_request_at_a_time()
    {
        var simulation = new Simulation(1);
        var counter = new AdaptiveCounter(simulation, 2, new SelectorOptions());
        var n1 = counter.Leader;
        var done = new List<(string What, TimeSpan At)>();
        simulation.Schedule(10 * s_ms, () =>
        {
            counter.Increment(n1, 1, () => done.Add(("increment 1", simulation.Now)));
            counter.Increment(n1, 1, () => done.Add(("increment 2", simulation.Now)));
            counter.Read(n1, _ => done.Add(("read", simulation.Now)));
        }, "three operations at the leader at once");
        simulation.RunFor(50 * s_ms);

        var expected = new List<(string, TimeSpan)> { ("increment 1", 10.5 * s_ms), ("increment 2", 11 * s_ms), ("read", 11.1 * s_ms) };
        Assert.That(done, Is.EqualTo(expected),
            "the leader serves requests one at a time, 0.5 ms per increment and 0.1 ms per read, each waiting for the ones before it");
    }

    [Test]
    [Category("safety")]
    public void A_cut_off_follower_learning_of_crdt_completes_its_pending_operations_in_order_and_weak()
    {
        // n2 is cut off while it has a read and an increment waiting for the leader; the leader moves to CRDT at
        // 100 ms (n2 unreachable, patience 1); once healed, n2 learns of CRDT and must complete both at once.
        var simulation = new Simulation(1);
        var counter = new AdaptiveCounter(simulation, 2, new SelectorOptions { Patience = 1 });
        var n2 = counter.Nodes[1];
        var done = new List<string>();
        simulation.Network.Isolate(n2);
        simulation.Schedule(20 * s_ms, () => counter.Read(n2, result => done.Add(result.Strong ? "strong read" : "weak read")), "read at n2");
        simulation.Schedule(30 * s_ms, () => counter.Increment(n2, 1, () => done.Add("increment")), "increment at n2");
        simulation.Schedule(130 * s_ms, () => simulation.Network.Heal(), "heal");
        simulation.RunFor(200 * s_ms);

        Assert.That(done, Is.EqualTo(new[] { "weak read", "increment" }),
            "operations pending when a follower adopts CRDT complete in the order they were invoked, and a read completed that way saw no leader: it is not strong");
    }
}
