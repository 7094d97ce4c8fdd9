namespace DistSys.AdaptiveSelector;

/// <summary>
/// Hysteresis twice over: leaving the leader and returning to it use different thresholds, and either needs
/// <see cref="SelectorOptions.Patience"/> windows in a row.
/// </summary>
public sealed class ProtocolSelector
{
    private readonly List<Decision> _decisions = [];
    private int _streak;
    private TimeSpan? _lastEnd;

    public ProtocolSelector(SelectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Patience, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ContentionLow);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ContentionHigh, options.ContentionLow);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LatencyHigh, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.OperationTimeout, TimeSpan.Zero);
        if (!Enum.IsDefined(options.Initial))
        {
            throw new ArgumentOutOfRangeException("options.Initial", options.Initial, "Initial must be Protocol.Leader or Protocol.Crdt.");
        }

        Options = options;
        Current = options.Initial;
    }

    public SelectorOptions Options { get; }

    public Protocol Current { get; private set; }

    public IReadOnlyList<Decision> Decisions => _decisions;

    public Decision? Observe(WindowStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (_lastEnd is { } last && stats.End <= last)
        {
            throw new ArgumentException($"Windows must arrive in time order: this one ends at {stats.End}, not after the previous one ({last}).", nameof(stats));
        }

        _lastEnd = stats.End;
        var trigger = Current == Protocol.Leader ? Bad(stats) : Calm(stats) ? Trigger.Calm : (Trigger?)null;
        _streak = trigger is null ? 0 : _streak + 1;
        if (trigger is not { } why || _streak < Options.Patience)
        {
            return null;
        }

        var decision = new Decision(stats.End, Current, Current == Protocol.Leader ? Protocol.Crdt : Protocol.Leader, why, stats);
        Current = decision.To;
        _streak = 0;
        _decisions.Add(decision);
        return decision;
    }

    private Trigger? Bad(WindowStats stats) =>
        stats.Unreachable > 0 ? Trigger.Unreachable
        : stats.TimedOut > 0 ? Trigger.Timeouts
        : stats.MeanLatency > Options.LatencyHigh ? Trigger.HighLatency
        : stats.WritesPerSecond > Options.ContentionHigh ? Trigger.Contention
        : null;

    private bool Calm(WindowStats stats) => stats.Unreachable == 0 && stats.WritesPerSecond < Options.ContentionLow;
}
