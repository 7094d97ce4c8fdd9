using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.AdaptiveSelector.Tests;

/// <summary>The two protocols on the simulator, each on its own, and the sync barrier between them.</summary>
public class ServiceTests
{
    // ContentionLow = 0: no window is ever calm, so a service started in CRDT stays there.
    private static readonly SelectorOptions s_crdtOnly = new() { Initial = Protocol.Crdt, ContentionLow = 0 };

    [Test]
    [Category("safety")]
    public void Under_crdt_operations_complete_at_once_without_sending_anything()
    {
        var simulation = new Simulation(1);
        var counter = new AdaptiveCounter(simulation, 3, s_crdtOnly);
        var history = new History(simulation, counter);
        var checkedOperations = 0;
        for (var i = 0; i < 30; i++)
        {
            var node = counter.Nodes[i % 3];
            var write = i % 2 == 0;
            simulation.Schedule(TimeSpan.FromMilliseconds(10 + (7 * i)), () =>
            {
                var before = simulation.Trace.Count;
                if (write)
                {
                    history.Increment(node, 1);
                }
                else
                {
                    history.Read(node);
                }

                var sends = Enumerable.Range(before, simulation.Trace.Count - before).Select(k => simulation.Trace[k]).Where(e => e.Kind == TraceEventKind.Send).ToList();
                var operation = history.Operations[^1];
                Assert.That(operation.Completed, Is.EqualTo(simulation.Now), $"under CRDT the operation completes in the same instant: {operation}");
                Assert.That(sends, Is.Empty, $"under CRDT an operation sends nothing; {operation} sent: {string.Join("; ", sends)}");
                checkedOperations++;
            }, "client operation");
        }

        simulation.RunFor(TimeSpan.FromSeconds(1));
        Assert.Multiple(() =>
        {
            Assert.That(checkedOperations, Is.EqualTo(30));
            Assert.That(counter.Selector.Decisions, Is.Empty);
            Assert.That(counter.Nodes.Select(counter.LocalValue), Is.All.EqualTo(15), "heartbeats through the leader spread every increment");
        });
    }

    [Test]
    [Category("behaviour")]
    public void Under_the_leader_an_increment_is_acknowledged_after_the_leader_has_it()
    {
        var simulation = new Simulation(1);
        var counter = new AdaptiveCounter(simulation, 3, new SelectorOptions());
        var n2 = counter.Nodes[1];
        TimeSpan? acknowledgedAt = null;
        long leaderValueAtAck = -1;
        simulation.Schedule(TimeSpan.FromMilliseconds(105), () => counter.Increment(n2, 5, () =>
        {
            acknowledgedAt = simulation.Now;
            leaderValueAtAck = counter.LocalValue(counter.Leader);
        }), "increment at n2");
        simulation.RunFor(TimeSpan.FromMilliseconds(300));

        Assert.Multiple(() =>
        {
            Assert.That(acknowledgedAt, Is.Not.Null, "the increment was never acknowledged");
            Assert.That(acknowledgedAt, Is.GreaterThan(TimeSpan.FromMilliseconds(105)),
                "under the leader protocol a follower's increment waits for the leader's answer (a round trip), it is not acknowledged at once");
            Assert.That(acknowledgedAt, Is.LessThan(TimeSpan.FromMilliseconds(110)), "on a 1 ms network the round trip takes about 2.5 ms");
            Assert.That(leaderValueAtAck, Is.EqualTo(5), "when the follower acknowledges, the leader must already count the increment");
            Assert.That(counter.ProtocolOf(n2), Is.EqualTo(Protocol.Leader));
        });
    }

    [Test]
    [Category("behaviour")]
    public void Under_the_leader_a_follower_read_is_strong_and_sees_other_nodes_acknowledged_increments()
    {
        var simulation = new Simulation(1);
        var counter = new AdaptiveCounter(simulation, 3, new SelectorOptions());
        var history = new History(simulation, counter);
        simulation.Schedule(TimeSpan.FromMilliseconds(50), () => history.Increment(counter.Nodes[2], 7), "increment at n3");
        simulation.Schedule(TimeSpan.FromMilliseconds(60), () => history.Read(counter.Nodes[1]), "read at n2");
        simulation.RunFor(TimeSpan.FromMilliseconds(200));

        var read = history.Operations[1];
        Assert.That(read.Result, Is.EqualTo(new ReadResult(7, true)),
            $"n3's increment was acknowledged (through the leader) before n2's read began, so the strong read must see it: {read}");
    }

    [Test]
    [Category("safety")]
    public void A_strong_read_right_after_a_switch_to_the_leader_sees_increments_acknowledged_under_crdt()
    {
        // Calm from the start: the service leaves CRDT at the end of the third window (300 ms). n3's link to the
        // leader takes 5 ms, so its increments acknowledged just before the switch reach the leader only through the
        // sync barrier; a leader that vouches for reads before every node has synced is caught here.
        foreach (var seed in Seeds.Few)
        {
            Replay.Simulate(seed, simulation =>
            {
                var counter = new AdaptiveCounter(simulation, 3, new SelectorOptions { Initial = Protocol.Crdt });
                var history = new History(simulation, counter);
                var (n1, n2, n3) = (counter.Nodes[0], counter.Nodes[1], counter.Nodes[2]);
                simulation.Network.SetProfile(n3, n1, new LinkProfile(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5)));
                for (var i = 0; i < 5; i++)
                {
                    simulation.Schedule(TimeSpan.FromMilliseconds(299.5 + (0.1 * i)), () => history.Increment(n3, 1), "increment at n3");
                }

                foreach (var ms in new[] { 300.2, 300.5, 301, 302, 303, 305, 310, 350 })
                {
                    simulation.Schedule(TimeSpan.FromMilliseconds(ms), () => history.Read(n2), "read at n2");
                }

                simulation.RunFor(TimeSpan.FromMilliseconds(450));
                Assert.That(counter.Selector.Decisions.Select(d => d.To), Is.EqualTo(new[] { Protocol.Leader }), "the calm start must switch to the leader once");
                var violations = history.Violations();
                Assert.That(violations, Is.Empty, string.Join("\n", violations));
                Assert.That(history.Operations[^1].Result?.Strong, Is.True,
                    $"50 ms after the switch every node has synced, so the read must be strong: {history.Operations[^1]}");
            });
        }
    }

    [Test]
    [Category("behaviour")]
    public void A_steady_workload_between_the_thresholds_never_switches(
        [Values] Protocol initial, [ValueSource(typeof(Seeds), nameof(Seeds.Few))] int seed) =>
        Replay.Simulate(seed, simulation =>
        {
            var counter = new AdaptiveCounter(simulation, 5, new SelectorOptions { Initial = initial });
            var history = new History(simulation, counter);
            history.Phase(TimeSpan.Zero, TimeSpan.FromSeconds(2), 1000, 200);
            simulation.RunFor(TimeSpan.FromSeconds(2));
            Assert.That(counter.Selector.Decisions, Is.Empty,
                $"1,000 increments/s is between ContentionLow and ContentionHigh, so {initial} must stay; the log:\n{DecisionLog.Format(counter.Selector.Decisions)}");
        }, Scenario.Network);
}
