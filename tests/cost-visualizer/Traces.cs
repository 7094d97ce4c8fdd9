using DistSys.Runtime;

namespace DistSys.CostVisualizer.Tests;

/// <summary>Hand-made traces: every event written out, so the expected analysis can be worked out on paper.</summary>
internal sealed class Traces
{
    private readonly List<TraceEvent> _events = [];
    private readonly SortedSet<NodeId> _nodes = [];

    public IReadOnlyList<TraceEvent> Events => _events;

    public TraceDocument Document(int seed = 1) => new(seed, _nodes, _events);

    public static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>A message sent and delivered <paramref name="delay"/> later (default 1 ms), in that order.</summary>
    public Traces Message(double atMs, string from, string to, string text, int bytes = 64, double delay = 1) =>
        Send(atMs, from, to, text, bytes).Add(atMs + delay, TraceEventKind.Deliver, from, to, text, bytes);

    public Traces Send(double atMs, string from, string to, string text, int bytes = 64) =>
        Add(atMs, TraceEventKind.Send, from, to, text, bytes);

    public Traces Lost(double atMs, string from, string to, string text, int bytes = 64) =>
        Send(atMs, from, to, text, bytes).Add(atMs, TraceEventKind.Drop, from, to, text + "  [lost]", bytes);

    public Traces Add(double atMs, TraceEventKind kind, string? from, string? to, string text, int bytes = 0)
    {
        NodeId? f = from is null ? null : new NodeId(from);
        NodeId? t = to is null ? null : new NodeId(to);
        if (f is { } a)
        {
            _nodes.Add(a);
        }

        if (t is { } b)
        {
            _nodes.Add(b);
        }

        _events.Add(new TraceEvent(Ms(atMs), kind, f, t, text, bytes));
        return this;
    }

    /// <summary>Every node sends one message to every other node, <paramref name="rounds"/> times: nothing stands out.</summary>
    public static Traces Balanced(int nodes = 4, int rounds = 3)
    {
        var trace = new Traces();
        for (int round = 0; round < rounds; round++)
        {
            for (int from = 1; from <= nodes; from++)
            {
                for (int to = 1; to <= nodes; to++)
                {
                    if (from != to)
                    {
                        trace.Message(round * 10 + from, $"n{from}", $"n{to}", $"Update {{ Round = {round}, From = {from} }}");
                    }
                }
            }
        }

        return trace;
    }
}
