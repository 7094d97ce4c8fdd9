using DistSys.Runtime;

namespace DistSys.CostVisualizer;

/// <summary>
/// Turns trace events into a <see cref="TrafficAnalysis"/>, either all at once (<see cref="Analyze"/>) or
/// incrementally, one event at a time as a simulation runs (<see cref="Observe"/>, <see cref="Attach"/>): the
/// real-time cost view. After any sequence of events, <see cref="Current"/> must equal
/// <c>Analyze(the same events, the same options)</c> field for field.
/// <para>
/// Counting rules: a <see cref="TraceEventKind.Send"/> is one message sent (and its bytes); a
/// <see cref="TraceEventKind.Deliver"/> one delivered; a <see cref="TraceEventKind.Drop"/> one dropped (charged to the
/// sender's node and the link); a <see cref="TraceEventKind.Duplicate"/> one duplicated. A send is a
/// <em>retransmission</em> when an earlier send on the same link had exactly the same text. A message's <em>kind</em> is
/// its text up to the first space, <c>{</c> or <c>(</c> (<c>"Ping { Round = 1 }"</c> → <c>Ping</c>). Every node named as
/// <see cref="TraceEvent.From"/> or <see cref="TraceEvent.To"/> of any event is listed; the duration is the latest event
/// time. The cost is <c>BytesSent / 1024³ × PricePerGb</c>, scaled to an hour by <c>1 h / Duration</c>.
/// </para>
/// <para>Keep running totals: <see cref="Observe"/> must not rescan the events seen before.</para>
/// </summary>
public sealed class TrafficAnalyzer
{
    private readonly Dictionary<NodeId, NodeCounters> _nodes = [];
    private readonly Dictionary<(NodeId From, NodeId To), LinkCounters> _links = [];
    private readonly Dictionary<string, KindCounters> _kinds = new(StringComparer.Ordinal);
    private long _events;
    private TimeSpan _duration;
    private long _sent;
    private long _delivered;
    private long _dropped;
    private long _duplicated;
    private long _bytes;

    /// <summary>Creates an analyzer that has seen no events.</summary>
    /// <param name="options">Thresholds and price; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A share is outside [0, 1], <see cref="AnalysisOptions.MinRetransmissions"/> is negative, or the price is negative or not finite (the parameter is <c>options</c>).</exception>
    public TrafficAnalyzer(AnalysisOptions? options = null)
    {
        Options = options ?? new AnalysisOptions();
        Share(Options.HotNodeShare, nameof(AnalysisOptions.HotNodeShare));
        Share(Options.HotLinkShare, nameof(AnalysisOptions.HotLinkShare));
        Share(Options.HeartbeatShare, nameof(AnalysisOptions.HeartbeatShare));
        Share(Options.RetransmissionShare, nameof(AnalysisOptions.RetransmissionShare));
        if (Options.MinRetransmissions < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.MinRetransmissions, "MinRetransmissions must be zero or more.");
        }

        if (!double.IsFinite(Options.PricePerGb) || Options.PricePerGb < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.PricePerGb, "PricePerGb must be a finite number, zero or more.");
        }
    }

    /// <summary>The options this analyzer uses.</summary>
    public AnalysisOptions Options { get; }

    /// <summary>The analysis of every event observed so far (a snapshot: later events do not change it).</summary>
    public TrafficAnalysis Current
    {
        get
        {
            NodeTraffic[] nodes = [.. _nodes.OrderBy(n => n.Key).Select(n => n.Value.ToTraffic(n.Key))];
            LinkTraffic[] links = [.. _links.OrderBy(l => l.Key.From).ThenBy(l => l.Key.To).Select(l => l.Value.ToTraffic(l.Key.From, l.Key.To))];
            KindTraffic[] kinds = [.. _kinds.Select(k => new KindTraffic(k.Key, k.Value.Messages, k.Value.Bytes))
                .OrderByDescending(k => k.Messages).ThenBy(k => k.Kind, StringComparer.Ordinal)];
            NodeId[] hotNodes = [.. nodes.Where(n => IsAbove(n.MessagesSent, Options.HotNodeShare)).Select(n => n.Node)];
            LinkTraffic[] hotLinks = [.. links.Where(l => IsAbove(l.MessagesSent, Options.HotLinkShare))];
            double runUsd = _bytes / Pricing.BytesPerGb * Options.PricePerGb;
            double perHour = _duration > TimeSpan.Zero ? runUsd * (TimeSpan.FromHours(1).Ticks / (double)_duration.Ticks) : 0;
            return new TrafficAnalysis(
                Options, _events, _duration, _sent, _delivered, _dropped, _duplicated, _bytes,
                nodes, links, kinds, hotNodes, hotLinks, new RunCost(runUsd, perHour, perHour * Pricing.HoursPerMonth));
        }
    }

    /// <summary>Analyses a whole trace at once.</summary>
    /// <param name="events">The events, in trace order.</param>
    /// <param name="options">Thresholds and price; null for the defaults.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options are invalid (see the constructor).</exception>
    public static TrafficAnalysis Analyze(IEnumerable<TraceEvent> events, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var analyzer = new TrafficAnalyzer(options);
        foreach (TraceEvent e in events)
        {
            analyzer.Observe(e);
        }

        return analyzer.Current;
    }

    /// <summary>Adds one event to the running totals.</summary>
    /// <param name="traceEvent">The next event of the trace.</param>
    /// <exception cref="ArgumentException">A send, deliver, drop or duplicate event has no sender or no receiver (parameter <c>traceEvent</c>).</exception>
    public void Observe(TraceEvent traceEvent)
    {
        bool isMessage = traceEvent.Kind is TraceEventKind.Send or TraceEventKind.Deliver or TraceEventKind.Drop or TraceEventKind.Duplicate;
        if (isMessage && (traceEvent.From is null || traceEvent.To is null))
        {
            throw new ArgumentException($"A {traceEvent.Kind} event needs both a sender and a receiver.", nameof(traceEvent));
        }

        _events++;
        if (traceEvent.Time > _duration)
        {
            _duration = traceEvent.Time;
        }

        NodeCounters? from = traceEvent.From is { } f ? Node(f) : null;
        NodeCounters? to = traceEvent.To is { } t ? Node(t) : null;
        if (!isMessage)
        {
            return;
        }

        LinkCounters link = Link(traceEvent.From!.Value, traceEvent.To!.Value);
        switch (traceEvent.Kind)
        {
            case TraceEventKind.Send:
                _sent++;
                _bytes += traceEvent.SizeBytes;
                from!.Sent++;
                from.BytesSent += traceEvent.SizeBytes;
                link.Sent++;
                link.Bytes += traceEvent.SizeBytes;
                if (!link.Texts.Add(traceEvent.Description))
                {
                    link.Retransmissions++;
                }

                string kind = KindOf(traceEvent.Description);
                if (!_kinds.TryGetValue(kind, out KindCounters? counters))
                {
                    counters = new KindCounters();
                    _kinds.Add(kind, counters);
                }

                counters.Messages++;
                counters.Bytes += traceEvent.SizeBytes;
                break;
            case TraceEventKind.Deliver:
                _delivered++;
                to!.Received++;
                to.BytesReceived += traceEvent.SizeBytes;
                link.Delivered++;
                break;
            case TraceEventKind.Drop:
                _dropped++;
                from!.Dropped++;
                link.Dropped++;
                break;
            default:
                _duplicated++;
                link.Duplicated++;
                break;
        }
    }

    /// <summary>
    /// Follows a running simulation: observes every event already in its trace, then every event as it is recorded
    /// (through <see cref="SimulationTrace.Subscribe"/>), so that <see cref="Current"/> is up to date after each step.
    /// </summary>
    /// <param name="simulation">A simulation that records its trace.</param>
    /// <returns>Dispose it to stop following.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The simulation does not record its trace.</exception>
    public IDisposable Attach(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (!simulation.Trace.IsRecording)
        {
            throw new InvalidOperationException("The simulation does not record its trace (SimulationOptions.RecordTrace is off), so there is nothing to analyse.");
        }

        foreach (TraceEvent e in simulation.Trace)
        {
            Observe(e);
        }

        return simulation.Trace.Subscribe(Observe);
    }

    /// <summary>The kind of a message: its text up to the first space, '{' or '('.</summary>
    /// <param name="text">A message's text.</param>
    /// <returns>The kind; the whole text when it has none of those characters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string KindOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int end = text.AsSpan().IndexOfAny(' ', '{', '(');
        return end < 0 ? text : text[..end];
    }

    private bool IsAbove(long messages, double share) => _sent > 0 && messages > share * _sent;

    private NodeCounters Node(NodeId id)
    {
        if (!_nodes.TryGetValue(id, out NodeCounters? counters))
        {
            counters = new NodeCounters();
            _nodes.Add(id, counters);
        }

        return counters;
    }

    private LinkCounters Link(NodeId from, NodeId to)
    {
        if (!_links.TryGetValue((from, to), out LinkCounters? counters))
        {
            counters = new LinkCounters();
            _links.Add((from, to), counters);
        }

        return counters;
    }

    private static void Share(double value, string name)
    {
        if (!(value is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException("options", value, $"{name} must be a share between 0 and 1.");
        }
    }

    private sealed class NodeCounters
    {
        public long Sent;
        public long Received;
        public long Dropped;
        public long BytesSent;
        public long BytesReceived;

        public NodeTraffic ToTraffic(NodeId id) => new(id, Sent, Received, Dropped, BytesSent, BytesReceived);
    }

    private sealed class LinkCounters
    {
        public readonly HashSet<string> Texts = new(StringComparer.Ordinal);
        public long Sent;
        public long Delivered;
        public long Dropped;
        public long Duplicated;
        public long Retransmissions;
        public long Bytes;

        public LinkTraffic ToTraffic(NodeId from, NodeId to) => new(from, to, Sent, Delivered, Dropped, Duplicated, Retransmissions, Bytes);
    }

    private sealed class KindCounters
    {
        public long Messages;
        public long Bytes;
    }
}
