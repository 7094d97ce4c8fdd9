using System.Globalization;

namespace DistSys.Runtime;

/// <summary>What happened in a <see cref="TraceEvent"/>.</summary>
public enum TraceEventKind
{
    /// <summary>A node (or <see cref="Simulation.SendFrom"/>) handed a message to the network.</summary>
    Send,

    /// <summary>The network delivered a message and the receiver's <see cref="INode.OnMessage"/> ran.</summary>
    Deliver,

    /// <summary>A message was lost: at random, by a network cut, or because the receiver was down. The description says which.</summary>
    Drop,

    /// <summary>The network made an extra copy of a message; both copies are delivered separately.</summary>
    Duplicate,

    /// <summary>A node's timer fired.</summary>
    Timer,

    /// <summary>A node crashed.</summary>
    Crash,

    /// <summary>A node restarted.</summary>
    Restart,

    /// <summary>Links were cut (partition, isolation or a one-way cut).</summary>
    Partition,

    /// <summary>All cuts were removed.</summary>
    Heal,

    /// <summary>A node called <see cref="INodeContext.Log"/>.</summary>
    Log,

    /// <summary>An action scheduled with <see cref="Simulation.Schedule"/> (or a scenario-level timer) ran.</summary>
    External,
}

/// <summary>One entry of the <see cref="SimulationTrace"/>.</summary>
/// <param name="Time">Virtual time of the event.</param>
/// <param name="Kind">What happened.</param>
/// <param name="From">The sender, or the node the event concerns; null for events of the whole simulation.</param>
/// <param name="To">The receiver of a message; null otherwise.</param>
/// <param name="Description">The message's <c>ToString()</c> (formatted culture-invariantly), timer label or other detail.</param>
/// <param name="SizeBytes">The message size for message events; zero otherwise.</param>
public readonly record struct TraceEvent(TimeSpan Time, TraceEventKind Kind, NodeId? From, NodeId? To, string Description, int SizeBytes)
{
    /// <summary>
    /// The event as one culture-invariant line, for example
    /// <c>"     12.3456 ms  deliver    n1 -> n2  Ping { Round = 1 }  64 B"</c>.
    /// </summary>
    /// <returns>The formatted line, without a line break.</returns>
    public override string ToString()
    {
        string nodes = (From, To) switch
        {
            ({ } from, { } to) => $"{from.Name} -> {to.Name}",
            ({ } from, null) => from.Name,
            (null, { } to) => "-> " + to.Name,
            _ => "-",
        };
        string size = SizeBytes > 0 ? string.Create(CultureInfo.InvariantCulture, $"  {SizeBytes} B") : "";
        return string.Concat(
            TimeText.Format(Time.Ticks).PadLeft(12), " ms  ", KindName(Kind).PadRight(9), "  ", nodes, "  ", Description, size);
    }

    internal static string KindName(TraceEventKind kind) => kind switch
    {
        TraceEventKind.Send => "send",
        TraceEventKind.Deliver => "deliver",
        TraceEventKind.Drop => "drop",
        TraceEventKind.Duplicate => "duplicate",
        TraceEventKind.Timer => "timer",
        TraceEventKind.Crash => "crash",
        TraceEventKind.Restart => "restart",
        TraceEventKind.Partition => "partition",
        TraceEventKind.Heal => "heal",
        TraceEventKind.Log => "log",
        TraceEventKind.External => "external",
        _ => kind.ToString(),
    };
}
