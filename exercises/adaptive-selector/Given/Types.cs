using System.Globalization;

namespace DistSys.AdaptiveSelector;

/// <summary>The two ways the counter service can run. Given (shared with the reference).</summary>
public enum Protocol
{
    /// <summary>
    /// Single leader: every operation goes through the leader node, which serves requests one at a time. Reads are
    /// strong (they see every increment acknowledged anywhere before they began) once every node has synced.
    /// </summary>
    Leader,

    /// <summary>CRDT: every operation is acknowledged by the local replica at once; replicas converge in the background.</summary>
    Crdt,
}

/// <summary>Why the selector switched. Given.</summary>
public enum Trigger
{
    /// <summary>Leader → CRDT: the write rate exceeded <see cref="SelectorOptions.ContentionHigh"/>.</summary>
    Contention,

    /// <summary>Leader → CRDT: the mean latency exceeded <see cref="SelectorOptions.LatencyHigh"/>.</summary>
    HighLatency,

    /// <summary>Leader → CRDT: operations were pending longer than <see cref="SelectorOptions.OperationTimeout"/>.</summary>
    Timeouts,

    /// <summary>Leader → CRDT: the leader heard nothing from some node during the window.</summary>
    Unreachable,

    /// <summary>CRDT → Leader: the write rate was below <see cref="SelectorOptions.ContentionLow"/> and every node was reachable.</summary>
    Calm,
}

/// <summary>
/// What the service measured during one window of virtual time, from its own operations and the simulator's metrics.
/// Given.
/// </summary>
/// <param name="End">Virtual time at the end of the window.</param>
/// <param name="Length">The window's length (more than zero).</param>
/// <param name="Operations">Client operations (increments and reads) invoked during the window.</param>
/// <param name="Writes">Increments invoked during the window.</param>
/// <param name="MeanLatency">Mean time from invocation to completion of the operations completed during the window; zero if none.</param>
/// <param name="TimedOut">Operations still pending at the end of the window that were invoked more than <see cref="SelectorOptions.OperationTimeout"/> earlier.</param>
/// <param name="Unreachable">Nodes (other than the leader) from which the leader received no message during the window.</param>
/// <param name="MessagesPerOperation">Messages the simulator counted as sent during the window, divided by the operations (or by 1 when there were none).</param>
public sealed record WindowStats(
    TimeSpan End, TimeSpan Length, int Operations, int Writes, TimeSpan MeanLatency, int TimedOut, int Unreachable, double MessagesPerOperation)
{
    /// <summary>Increments per second of virtual time during the window.</summary>
    public double WritesPerSecond => Length > TimeSpan.Zero ? Writes / Length.TotalSeconds : 0;
}

/// <summary>One switch: when, from which protocol to which, why, and the window that tipped it. Given.</summary>
/// <param name="Time">The end of the window that completed the streak (<see cref="WindowStats.End"/>).</param>
/// <param name="From">The protocol before the switch.</param>
/// <param name="To">The protocol after it.</param>
/// <param name="Trigger">Why (for Leader → CRDT, the reason of the last window of the streak).</param>
/// <param name="Stats">The last window of the streak.</param>
public sealed record Decision(TimeSpan Time, Protocol From, Protocol To, Trigger Trigger, WindowStats Stats);

/// <summary>A completed read: the value and whether the leader vouched for it being strong. Given.</summary>
/// <param name="Value">The counter's value as this node saw it when the read completed.</param>
/// <param name="Strong">True only when the leader answered it in <see cref="Protocol.Leader"/> mode with every node synced.</param>
public readonly record struct ReadResult(long Value, bool Strong);

/// <summary>
/// The selector's thresholds. Given; <see cref="ProtocolSelector"/> checks them. The two contention thresholds are
/// the hysteresis band: the service leaves the leader above <see cref="ContentionHigh"/> writes per second and only
/// returns below <see cref="ContentionLow"/>, and only after <see cref="Patience"/> windows in a row.
/// </summary>
public sealed record SelectorOptions
{
    /// <summary>Length of one measurement window (default 100 ms).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Consecutive windows a condition must hold before the selector switches (default 3).</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Writes per second above which the leader is contended (default 1,500).</summary>
    public double ContentionHigh { get; init; } = 1500;

    /// <summary>Writes per second below which going back to the leader is safe (default 500; below <see cref="ContentionHigh"/>).</summary>
    public double ContentionLow { get; init; } = 500;

    /// <summary>Mean latency above which the leader is too slow (default 20 ms).</summary>
    public TimeSpan LatencyHigh { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long an operation may be pending before it counts as timed out (default 50 ms).</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The protocol the service starts in (default <see cref="Protocol.Leader"/>).</summary>
    public Protocol Initial { get; init; } = Protocol.Leader;
}

/// <summary>Prints a decision log, one line per switch, culture-invariant. Given: the snapshot tests use it.</summary>
public static class DecisionLog
{
    /// <summary>The decisions as text, for example
    /// <c>"   1.300 s  leader -> crdt    contention     2,600 writes/s, latency 12.3 ms, 0 timed out, 0 unreachable, 1.92 msg/op"</c>.</summary>
    /// <param name="decisions">The decisions, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="decisions"/> is null.</exception>
    public static string Format(IEnumerable<Decision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var lines = decisions.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"{d.Time.TotalSeconds,8:F3} s  {Name(d.From),-6} -> {Name(d.To),-6}  {Name(d.Trigger),-12}  " +
            $"{d.Stats.WritesPerSecond,6:N0} writes/s, latency {d.Stats.MeanLatency.TotalMilliseconds:F1} ms, " +
            $"{d.Stats.TimedOut} timed out, {d.Stats.Unreachable} unreachable, {d.Stats.MessagesPerOperation:F2} msg/op"));
        return string.Join("\n", lines) + "\n";
    }

    private static string Name(Protocol protocol) => protocol == Protocol.Leader ? "leader" : "crdt";

    private static string Name(Trigger trigger) => trigger switch
    {
        Trigger.Contention => "contention",
        Trigger.HighLatency => "high-latency",
        Trigger.Timeouts => "timeouts",
        Trigger.Unreachable => "unreachable",
        _ => "calm",
    };
}
