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
    /// <summary>Creates an analyzer that has seen no events.</summary>
    /// <param name="options">Thresholds and price; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A share is outside [0, 1], <see cref="AnalysisOptions.MinRetransmissions"/> is negative, or the price is negative or not finite (the parameter is <c>options</c>).</exception>
    public TrafficAnalyzer(AnalysisOptions? options = null)
    {
        Options = options ?? new AnalysisOptions();
        // TODO: reject invalid options; create the running totals.
        throw new NotImplementedException("Implement the TrafficAnalyzer constructor: validate the options (shares in [0, 1], MinRetransmissions >= 0, a finite price >= 0) and set up running totals.");
    }

    /// <summary>The options this analyzer uses.</summary>
    public AnalysisOptions Options { get; }

    /// <summary>The analysis of every event observed so far (a snapshot: later events do not change it).</summary>
    public TrafficAnalysis Current =>
        throw new NotImplementedException("Implement TrafficAnalyzer.Current: build the analysis (sorted nodes, links, kinds, hot spots, cost) from the running totals.");

    /// <summary>Analyses a whole trace at once.</summary>
    /// <param name="events">The events, in trace order.</param>
    /// <param name="options">Thresholds and price; null for the defaults.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options are invalid (see the constructor).</exception>
    public static TrafficAnalysis Analyze(IEnumerable<TraceEvent> events, AnalysisOptions? options = null) =>
        throw new NotImplementedException("Implement TrafficAnalyzer.Analyze: the analysis of a whole trace at once.");

    /// <summary>Adds one event to the running totals.</summary>
    /// <param name="traceEvent">The next event of the trace.</param>
    /// <exception cref="ArgumentException">A send, deliver, drop or duplicate event has no sender or no receiver (parameter <c>traceEvent</c>).</exception>
    public void Observe(TraceEvent traceEvent) =>
        throw new NotImplementedException("Implement TrafficAnalyzer.Observe: add one event to the running totals.");

    /// <summary>
    /// Follows a running simulation: observes every event already in its trace, then every event as it is recorded
    /// (through <see cref="SimulationTrace.Subscribe"/>), so that <see cref="Current"/> is up to date after each step.
    /// </summary>
    /// <param name="simulation">A simulation that records its trace.</param>
    /// <returns>Dispose it to stop following.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The simulation does not record its trace.</exception>
    public IDisposable Attach(Simulation simulation) =>
        throw new NotImplementedException("Implement TrafficAnalyzer.Attach: observe the events already traced, then subscribe to the trace.");

    /// <summary>The kind of a message: its text up to the first space, '{' or '('.</summary>
    /// <param name="text">A message's text.</param>
    /// <returns>The kind; the whole text when it has none of those characters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string KindOf(string text) =>
        throw new NotImplementedException("Implement TrafficAnalyzer.KindOf: the text up to the first space, '{' or '('.");
}
