using System.Text;
using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.VectorClocks.Tests;

/// <summary>
/// Ground truth from the simulator. Nodes on a network that loses, delays, reorders and duplicates messages do local
/// events and send messages to each other, stamping every event with a <see cref="ClockedProcess"/>. The test then
/// rebuilds Lamport's happened-before relation from the simulator's own trace — program order on each node, plus an
/// edge from each send to each delivery of that message, closed transitively — and checks, for every pair of events,
/// that comparing their stamps gives exactly that relation.
/// </summary>
[Category("safety")]
public class HappensBeforeTests
{
    private const int Nodes = 4;
    private const int ActionsPerNode = 20;
    private static readonly SimulationOptions s_hostileNetwork = new() { Network = LinkProfile.Unreliable with { DuplicateRate = 0.05 } };

    [Test]
    public void Stamps_compare_exactly_as_happened_before_in_the_simulator_trace()
    {
        var pairs = 0L;
        foreach (var seed in Seeds.Many)
        {
            Replay.Simulate(seed, simulation =>
            {
                var nodes = Enumerable.Range(1, Nodes).Select(i => simulation.AddNode($"p{i}", context => new StampingNode(context))).ToArray();
                // Actions end within about half a second; long-delayed messages (up to 2 s) still land afterwards.
                simulation.RunFor(TimeSpan.FromSeconds(4));

                var stamps = nodes.ToDictionary(n => n, n => simulation.Node<StampingNode>(n).Stamps);
                var history = History.FromTrace(simulation.Trace, stamps);
                Assert.That(history.Events.Count(e => e.Kind == "receive"), Is.GreaterThan(Nodes * ActionsPerNode / 4),
                    "the scenario should deliver plenty of messages; the test itself is broken");
                CheckEveryPair(history);
                pairs += (long)history.Events.Count * (history.Events.Count - 1) / 2;
            }, s_hostileNetwork);
        }

        TestContext.Out.WriteLine($"{pairs} pairs of events checked");
    }

    private static void CheckEveryPair(History history)
    {
        var events = history.Events;
        for (var i = 0; i < events.Count; i++)
        {
            for (var j = i + 1; j < events.Count; j++)
            {
                var truth = history.HappenedBefore(i, j) ? Causality.Before : Causality.Concurrent;
                var verdict = events[i].Stamp.Compare(events[j].Stamp);
                if (verdict != truth)
                {
                    Assert.Fail(
                        $"Events #{i} and #{j} are {Describe(truth)} according to the trace, but their stamps compare as {verdict}.\n" +
                        $"  #{i}: {events[i]}\n  #{j}: {events[j]}\n" +
                        (truth == Causality.Before ? $"  causal path: {history.Path(i, j)}\n" : string.Empty) +
                        "(Before means a chain of program order and send→receive edges leads from the first to the second; " +
                        "distinct events must never get equal stamps.)");
                }
            }
        }
    }

    private static string Describe(Causality truth) =>
        truth == Causality.Before ? "ordered (the first happened before the second)" : "concurrent (no causal path either way)";

    /// <summary>The test's message: only the id shows in the trace, which is how sends are matched with deliveries.</summary>
    private sealed record Stamped(string Id, VectorClock Clock)
    {
        public override string ToString() => Id;
    }

    /// <summary>Every 5–15 ms, either a local event or a message to a random peer, for a fixed number of actions.</summary>
    private sealed class StampingNode(INodeContext context) : INode
    {
        private readonly ClockedProcess _process = new(context.Id.Name);
        private int _actions;

        public List<VectorClock> Stamps { get; } = [];

        public void OnStart() => Schedule();

        public void OnMessage(NodeId from, object message)
        {
            if (message is Stamped stamped)
            {
                Stamps.Add(_process.Receive(stamped.Clock));
            }
        }

        private void Act()
        {
            if (context.Random.Next(3) == 0)
            {
                Stamps.Add(_process.LocalEvent());
                context.Log($"local {context.Id}.{_actions}");
            }
            else
            {
                var stamp = _process.Send();
                Stamps.Add(stamp);
                context.Send(context.Peers[context.Random.Next(context.Peers.Count)], new Stamped($"{context.Id}.{_actions}", stamp));
            }

            if (++_actions < ActionsPerNode)
            {
                Schedule();
            }
        }

        private void Schedule() => context.SetTimer(TimeSpan.FromMilliseconds(5 + context.Random.Next(11)), Act, "act");
    }

    private sealed record Event(string Kind, NodeId Node, string Message, TimeSpan Time, VectorClock Stamp)
    {
        public override string ToString() =>
            $"{Kind} at {Node} ({Message}) at {Time.TotalMilliseconds:0.####} ms, stamped {Clocks.Show(Stamp)}";
    }

    /// <summary>Happened-before rebuilt from the trace alone; the nodes' stamps are only attached, never consulted.</summary>
    private sealed class History
    {
        private readonly List<ulong[]> _past = [];
        private readonly List<(int? Previous, int? Send)> _edges = [];

        private History(List<Event> events) => Events = events;

        public List<Event> Events { get; }

        public static History FromTrace(SimulationTrace trace, IReadOnlyDictionary<NodeId, List<VectorClock>> stamps)
        {
            var events = new List<Event>();
            var next = stamps.Keys.ToDictionary(n => n, _ => 0);
            var sends = new Dictionary<string, int>(StringComparer.Ordinal);
            var lastOn = new Dictionary<NodeId, int>();
            var edges = new List<(int? Previous, int? Send)>();

            foreach (var e in trace)
            {
                (string Kind, NodeId Node)? happened = e.Kind switch
                {
                    TraceEventKind.Log when e.Description.StartsWith("local ", StringComparison.Ordinal) => ("local", e.From!.Value),
                    TraceEventKind.Send => ("send", e.From!.Value),
                    TraceEventKind.Deliver => ("receive", e.To!.Value),
                    _ => null,
                };
                if (happened is not { } h)
                {
                    continue;
                }

                var index = events.Count;
                var nodeStamps = stamps[h.Node];
                if (next[h.Node] >= nodeStamps.Count)
                {
                    throw new InvalidOperationException($"{h.Node} recorded {nodeStamps.Count} stamps but the trace has more events for it.");
                }

                events.Add(new Event(h.Kind, h.Node, e.Description, e.Time, nodeStamps[next[h.Node]++]));
                int? send = null;
                if (h.Kind == "send")
                {
                    sends[e.Description] = index;
                }
                else if (h.Kind == "receive")
                {
                    send = sends[e.Description];
                }

                edges.Add((lastOn.TryGetValue(h.Node, out var previous) ? previous : null, send));
                lastOn[h.Node] = index;
            }

            var history = new History(events);
            history.Close(edges);
            return history;
        }

        /// <summary>True when a chain of program-order and message edges leads from event <paramref name="from"/> to <paramref name="to"/>.</summary>
        public bool HappenedBefore(int from, int to) => (_past[to][from >> 6] & (1UL << (from & 63))) != 0;

        /// <summary>One causal chain from <paramref name="from"/> to <paramref name="to"/>, walked backwards through the edges.</summary>
        public string Path(int from, int to)
        {
            var chain = new List<int> { to };
            var at = to;
            while (at != from)
            {
                var (previous, send) = _edges[at];
                at = send is { } s && (s == from || HappenedBefore(from, s)) ? s : previous!.Value;
                chain.Add(at);
            }

            chain.Reverse();
            var text = new StringBuilder();
            foreach (var index in chain)
            {
                text.Append(text.Length == 0 ? string.Empty : " → ").Append('#').Append(index).Append(' ').Append(Events[index].Kind)
                    .Append('@').Append(Events[index].Node);
            }

            return text.ToString();
        }

        /// <summary>Trace order is a topological order (a delivery comes after its send), so one forward pass closes the relation.</summary>
        private void Close(List<(int? Previous, int? Send)> edges)
        {
            var words = (Events.Count + 63) / 64;
            for (var i = 0; i < Events.Count; i++)
            {
                var past = new ulong[words];
                foreach (var parent in new[] { edges[i].Previous, edges[i].Send })
                {
                    if (parent is { } p)
                    {
                        for (var w = 0; w < words; w++)
                        {
                            past[w] |= _past[p][w];
                        }

                        past[p >> 6] |= 1UL << (p & 63);
                    }
                }

                _past.Add(past);
                _edges.Add(edges[i]);
            }
        }
    }
}
