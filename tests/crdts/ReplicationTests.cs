using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.Crdts.Tests;

/// <summary>
/// Replicas on the deterministic simulator exchange state copies by anti-entropy gossip over a network that loses,
/// duplicates and reorders messages, and is partitioned for a while. Once updates stop and the partition heals,
/// every replica must reach the same, correct state.
/// </summary>
public class ReplicationTests
{
    private static readonly TimeSpan s_updatesEnd = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_convergenceLimit = TimeSpan.FromSeconds(30);
    private static readonly SimulationOptions s_lossyNetwork = new() { Network = LinkProfile.Unreliable with { DuplicateRate = 0.05 } };

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Many))]
    [Category("safety")]
    public void GCounter_replicas_converge_to_the_sum_of_all_increments(int seed) => Replay.Simulate(seed, simulation =>
    {
        var cluster = new Cluster<GCounter>(simulation, id => new GCounter(id), (into, from) => into.Merge(from), c => c.Copy());
        long expected = 0;
        cluster.ScheduleUpdates(40, (counter, random) =>
        {
            var amount = random.Next(1, 10);
            expected += amount;
            counter.Increment(amount);
        });

        cluster.RunUntilConverged(c => c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), () => expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }, s_lossyNetwork);

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Many))]
    [Category("safety")]
    public void PNCounter_replicas_converge_to_increments_minus_decrements(int seed) => Replay.Simulate(seed, simulation =>
    {
        var cluster = new Cluster<PNCounter>(simulation, id => new PNCounter(id), (into, from) => into.Merge(from), c => c.Copy());
        long expected = 0;
        cluster.ScheduleUpdates(40, (counter, random) =>
        {
            var amount = random.Next(1, 10);
            if (random.Next(3) == 0)
            {
                expected -= amount;
                counter.Decrement(amount);
            }
            else
            {
                expected += amount;
                counter.Increment(amount);
            }
        });

        cluster.RunUntilConverged(c => c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), () => expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }, s_lossyNetwork);

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Many))]
    [Category("safety")]
    public void ORSet_replicas_converge_and_keep_every_element_that_was_never_removed(int seed) => Replay.Simulate(seed, simulation =>
    {
        var cluster = new Cluster<ORSet<int>>(simulation, id => new ORSet<int>(id), (into, from) => into.Merge(from), s => s.Copy());
        var added = new HashSet<int>();
        var removed = new HashSet<int>();
        cluster.ScheduleUpdates(40, (set, random) =>
        {
            var element = random.Next(8);
            if (random.Next(3) == 0)
            {
                removed.Add(element);
                set.Remove(element);
            }
            else
            {
                added.Add(element);
                set.Add(element);
            }
        });

        var final = cluster.RunUntilConverged(Describe, agreement: null);
        Assert.Multiple(() =>
        {
            Assert.That(final.Elements, Is.SupersetOf(added.Except(removed)),
                $"elements that were added and never removed must survive; {simulation.ReplayHint}");
            Assert.That(final.Elements, Is.SubsetOf(added), $"elements that were never added must not appear; {simulation.ReplayHint}");
        });
    }, s_lossyNetwork);

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Many))]
    [Category("safety")]
    public void LwwRegister_replicas_converge_to_the_write_with_the_greatest_timestamp(int seed) => Replay.Simulate(seed, simulation =>
    {
        var writes = new List<(LwwTimestamp Timestamp, int Value)>();
        var cluster = new Cluster<LwwRegister<int>>(simulation, id => new LwwRegister<int>(id, simulation.TimeProvider), (into, from) => into.Merge(from), r => r.Copy());
        cluster.ScheduleUpdates(40, (register, random) =>
        {
            var value = random.Next(1000);
            register.Set(value);
            writes.Add((register.Timestamp ?? throw new AssertionException("Timestamp is null right after Set"), value));
        });

        cluster.RunUntilConverged(r => r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            () => writes.MaxBy(w => w.Timestamp).Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }, s_lossyNetwork);

    private static string Describe(ORSet<int> set) => "{" + string.Join(",", set.Elements.Order()) + "}";

    /// <summary>Five replicas of one CRDT type, the gossip between them, and the scenario's updates and partition.</summary>
    private sealed class Cluster<T>
        where T : class
    {
        private readonly Simulation _simulation;
        private readonly NodeId[] _nodes;

        public Cluster(Simulation simulation, Func<string, T> create, Action<T, T> merge, Func<T, T> copy)
        {
            _simulation = simulation;
            _nodes = [.. Enumerable.Range(1, 5).Select(i => simulation.AddNode($"n{i}", context => new Replica<T>(context, create(context.Id.Name), merge, copy)))];

            // For part of the run the cluster is split in two; updates keep happening on both sides.
            simulation.Schedule(TimeSpan.FromMilliseconds(300), () => simulation.Network.Partition(_nodes[..2], _nodes[2..]), "partition");
            simulation.Schedule(TimeSpan.FromMilliseconds(800), () => simulation.Network.Heal(), "heal");
        }

        public void ScheduleUpdates(int count, Action<T, Random> update)
        {
            for (var i = 0; i < count; i++)
            {
                var at = TimeSpan.FromMilliseconds(_simulation.Random.Next((int)s_updatesEnd.TotalMilliseconds));
                var node = _nodes[_simulation.Random.Next(_nodes.Length)];
                _simulation.Schedule(at, () => update(_simulation.Node<Replica<T>>(node).State, _simulation.Random), $"update at {node}");
            }
        }

        /// <summary>
        /// Runs until every replica shows the same state (and, if given, the agreed expected one) and returns a replica's
        /// state; fails with every replica's state if that does not happen within the limit.
        /// </summary>
        public T RunUntilConverged(Func<T, string> observe, Func<string>? agreement)
        {
            _simulation.RunFor(s_updatesEnd);
            string? expected = null;
            var converged = _simulation.RunUntil(() =>
            {
                expected ??= agreement?.Invoke();
                var states = _nodes.Select(n => observe(_simulation.Node<Replica<T>>(n).State)).Distinct().ToList();
                return states.Count == 1 && (expected is null || states[0] == expected);
            }, s_convergenceLimit);

            var final = _nodes.Select(n => $"{n}={observe(_simulation.Node<Replica<T>>(n).State)}");
            Assert.That(converged, Is.True,
                $"replicas did not converge within {s_convergenceLimit.TotalSeconds} s of virtual time after updates stopped.\n" +
                $"expected every replica to show {expected ?? "the same state"}; they show: {string.Join(", ", final)}");
            return _simulation.Node<Replica<T>>(_nodes[0]).State;
        }
    }

    private sealed record StateMessage<T>(T State);

    /// <summary>A replica gossips a copy of its state to one random peer every 20–30 ms and merges what it receives.</summary>
    private sealed class Replica<T>(INodeContext context, T state, Action<T, T> merge, Func<T, T> copy) : INode
        where T : class
    {
        private static readonly TimeSpan s_gossipInterval = TimeSpan.FromMilliseconds(20);

        public T State { get; } = state;

        public void OnStart() => Gossip();

        public void OnMessage(NodeId from, object message)
        {
            if (message is StateMessage<T> received)
            {
                merge(State, received.State);
            }
        }

        private void Gossip()
        {
            var peer = context.Peers[context.Random.Next(context.Peers.Count)];
            context.Send(peer, new StateMessage<T>(copy(State)));
            context.SetTimer(s_gossipInterval + TimeSpan.FromMilliseconds(context.Random.Next(10)), Gossip, "gossip");
        }
    }
}
