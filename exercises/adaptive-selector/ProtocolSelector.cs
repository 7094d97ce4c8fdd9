namespace DistSys.AdaptiveSelector;

/// <summary>
/// Decides, window by window, which protocol the counter service should run, with hysteresis so that it does not flap.
/// It is a pure state machine: it sees one <see cref="WindowStats"/> per window and never looks at a clock.
/// <para>
/// <b>In <see cref="Protocol.Leader"/></b> a window is <em>bad</em> when any of these holds, and its reason is the first
/// that holds in this order: <see cref="WindowStats.Unreachable"/> &gt; 0 (<see cref="Trigger.Unreachable"/>),
/// <see cref="WindowStats.TimedOut"/> &gt; 0 (<see cref="Trigger.Timeouts"/>), <see cref="WindowStats.MeanLatency"/> &gt;
/// <see cref="SelectorOptions.LatencyHigh"/> (<see cref="Trigger.HighLatency"/>), <see cref="WindowStats.WritesPerSecond"/>
/// &gt; <see cref="SelectorOptions.ContentionHigh"/> (<see cref="Trigger.Contention"/>). After
/// <see cref="SelectorOptions.Patience"/> bad windows in a row the selector switches to <see cref="Protocol.Crdt"/>, with
/// the reason of the last of them.
/// </para>
/// <para>
/// <b>In <see cref="Protocol.Crdt"/></b> a window is <em>calm</em> when <see cref="WindowStats.Unreachable"/> is 0 and
/// <see cref="WindowStats.WritesPerSecond"/> &lt; <see cref="SelectorOptions.ContentionLow"/>. After
/// <see cref="SelectorOptions.Patience"/> calm windows in a row it switches back to <see cref="Protocol.Leader"/>
/// (<see cref="Trigger.Calm"/>).
/// </para>
/// <para>
/// Any window that is not bad (in Leader) or not calm (in CRDT) resets the streak to zero, and so does a switch. The gap
/// between <see cref="SelectorOptions.ContentionHigh"/> and <see cref="SelectorOptions.ContentionLow"/> plus the
/// patience are the hysteresis: a steady workload between the two thresholds, or one that only briefly crosses a
/// threshold, never makes the selector switch.
/// </para>
/// </summary>
public sealed class ProtocolSelector
{
    /// <summary>Creates a selector in <see cref="SelectorOptions.Initial"/> with an empty decision log.</summary>
    /// <param name="options">The thresholds.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A threshold is out of range (the parameter name starts with <c>options</c>, for example <c>options.Patience</c>):
    /// <see cref="SelectorOptions.Window"/>, <see cref="SelectorOptions.LatencyHigh"/> or
    /// <see cref="SelectorOptions.OperationTimeout"/> is zero or negative; <see cref="SelectorOptions.Patience"/> is less
    /// than 1; <see cref="SelectorOptions.ContentionLow"/> is negative; <see cref="SelectorOptions.ContentionHigh"/> is
    /// not greater than <see cref="SelectorOptions.ContentionLow"/> (no hysteresis band); or
    /// <see cref="SelectorOptions.Initial"/> is not a defined protocol.
    /// </exception>
    public ProtocolSelector(SelectorOptions options) =>
        throw new NotImplementedException("Implement the ProtocolSelector constructor: validate the options, start in options.Initial.");

    /// <summary>The thresholds this selector uses.</summary>
    public SelectorOptions Options =>
        throw new NotImplementedException("Implement ProtocolSelector.Options.");

    /// <summary>The protocol currently chosen.</summary>
    public Protocol Current =>
        throw new NotImplementedException("Implement ProtocolSelector.Current.");

    /// <summary>Every switch so far, oldest first.</summary>
    public IReadOnlyList<Decision> Decisions =>
        throw new NotImplementedException("Implement ProtocolSelector.Decisions: the log of switches.");

    /// <summary>
    /// Takes one window's measurements and returns the switch it caused (also appended to <see cref="Decisions"/>), or
    /// null when the protocol stays.
    /// </summary>
    /// <param name="stats">The window; its <see cref="WindowStats.End"/> must be later than the previous window's.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stats"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stats"/> does not end after the previous window (parameter <c>stats</c>).</exception>
    public Decision? Observe(WindowStats stats) =>
        throw new NotImplementedException("Implement ProtocolSelector.Observe: classify the window, count the streak, switch after Patience windows.");
}
