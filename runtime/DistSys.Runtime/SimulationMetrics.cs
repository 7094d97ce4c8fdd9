using System.Globalization;
using System.Text;

namespace DistSys.Runtime;

/// <summary>
/// Counters of a simulation, kept whether or not the trace is recorded. They add up: the per-node and per-link
/// figures sum to the totals, and once no message is in flight
/// <c>MessagesSent + MessagesDuplicated == MessagesDelivered + MessagesDropped</c>.
/// </summary>
public sealed class SimulationMetrics
{
    private readonly Simulation _simulation;

    internal SimulationMetrics(Simulation simulation)
    {
        _simulation = simulation;
        // Only the counters, never the simulation: a test that runs hundreds of seeds must not keep their traces alive.
        SimulationTally.Register(Counters);
    }

    /// <summary>Messages handed to the network (each <see cref="INodeContext.Send"/>, each peer of a broadcast, each <see cref="Simulation.SendFrom"/>).</summary>
    public long MessagesSent { get => Counters.MessagesSent; internal set => Counters.MessagesSent = value; }

    /// <summary>Message copies delivered to a running node (duplicates count separately).</summary>
    public long MessagesDelivered { get => Counters.MessagesDelivered; internal set => Counters.MessagesDelivered = value; }

    /// <summary>Message copies lost at random, by a cut, or because the receiver was down.</summary>
    public long MessagesDropped { get => Counters.MessagesDropped; internal set => Counters.MessagesDropped = value; }

    /// <summary>Extra copies the network made.</summary>
    public long MessagesDuplicated { get => Counters.MessagesDuplicated; internal set => Counters.MessagesDuplicated = value; }

    /// <summary>
    /// Total size of the messages sent (duplicates not counted again). Messages are objects, never serialized, so a
    /// message's size is what it declares through <see cref="ISizedMessage"/>, or
    /// <see cref="SimulationOptions.DefaultMessageSizeBytes"/> (64 B unless set) when it declares none.
    /// </summary>
    public long BytesSent { get => Counters.BytesSent; internal set => Counters.BytesSent = value; }

    /// <summary>Node timers (including <see cref="INodeContext.Time"/> timers) that fired.</summary>
    public long TimersFired { get => Counters.TimersFired; internal set => Counters.TimersFired = value; }

    /// <summary>
    /// Client operations completed, as counted by <see cref="CountOperations"/>. The simulator has no notion of a client
    /// operation of its own: the code that drives the scenario (a test) counts each request whose answer it received, so
    /// that messages and bytes can be read per operation.
    /// </summary>
    public long OperationsCompleted => Counters.Operations;

    internal MetricCounters Counters { get; } = new();

    /// <summary>Counts client operations that completed (a put acknowledged, a read answered, a value decided).</summary>
    /// <param name="count">How many completed; one by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void CountOperations(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Counters.Operations += count;
    }

    /// <summary>The totals as plain numbers, for adding up several simulations.</summary>
    /// <returns>A snapshot of this simulation's totals.</returns>
    public SimulationTotals Totals() => Counters.Totals();

    /// <summary>The counters of one node.</summary>
    /// <param name="node">The node.</param>
    /// <returns>A snapshot of the node's counters.</returns>
    public NodeMetrics ForNode(NodeId node) => _simulation.Host(node).Metrics();

    /// <summary>The counters of one direction of a link.</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    /// <returns>A snapshot of the link's counters.</returns>
    public LinkMetrics ForLink(NodeId from, NodeId to) =>
        _simulation.Network.Link(_simulation.Host(from).Index, _simulation.Host(to).Index).Metrics(from, to);

    /// <summary>A culture-invariant table: totals, then one row per node, then one row per link that carried traffic.</summary>
    /// <returns>The report.</returns>
    public string Format()
    {
        var text = new StringBuilder();
        Line(text, $"messages: sent {MessagesSent}, delivered {MessagesDelivered}, dropped {MessagesDropped}, duplicated {MessagesDuplicated}; bytes sent {BytesSent}; timers fired {TimersFired}");
        Line(text, $"{"node",-12} {"sent",10} {"received",10} {"dropped",10} {"bytes out",12} {"bytes in",12} {"timers",10}");
        foreach (NodeId id in _simulation.Nodes)
        {
            NodeMetrics n = ForNode(id);
            Line(text, $"{id.Name,-12} {n.MessagesSent,10} {n.MessagesReceived,10} {n.MessagesDropped,10} {n.BytesSent,12} {n.BytesReceived,12} {n.TimersFired,10}");
        }

        Line(text, $"{"link",-20} {"sent",10} {"received",10} {"dropped",10} {"duplicated",10} {"bytes out",12} {"bytes in",12}");
        foreach (NodeId from in _simulation.Nodes)
        {
            foreach (NodeId to in _simulation.Nodes)
            {
                LinkMetrics l = ForLink(from, to);
                if (l.MessagesSent > 0)
                {
                    Line(text, $"{from.Name + " -> " + to.Name,-20} {l.MessagesSent,10} {l.MessagesReceived,10} {l.MessagesDropped,10} {l.MessagesDuplicated,10} {l.BytesSent,12} {l.BytesReceived,12}");
                }
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, FormattableString line) =>
        text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}

/// <summary>A snapshot of one node's counters.</summary>
/// <param name="Node">The node.</param>
/// <param name="MessagesSent">Messages this node sent.</param>
/// <param name="MessagesReceived">Message copies delivered to this node.</param>
/// <param name="MessagesDropped">Message copies this node sent that were dropped.</param>
/// <param name="BytesSent">Bytes this node sent.</param>
/// <param name="BytesReceived">Bytes delivered to this node.</param>
/// <param name="TimersFired">This node's timers that fired.</param>
public sealed record NodeMetrics(
    NodeId Node, long MessagesSent, long MessagesReceived, long MessagesDropped, long BytesSent, long BytesReceived, long TimersFired);

/// <summary>A snapshot of one direction of a link's counters.</summary>
/// <param name="From">The sending node.</param>
/// <param name="To">The receiving node.</param>
/// <param name="MessagesSent">Messages sent on this link.</param>
/// <param name="MessagesReceived">Message copies delivered on this link.</param>
/// <param name="MessagesDropped">Message copies dropped on this link.</param>
/// <param name="MessagesDuplicated">Extra copies made on this link.</param>
/// <param name="BytesSent">Bytes sent on this link.</param>
/// <param name="BytesReceived">Bytes delivered on this link.</param>
public sealed record LinkMetrics(
    NodeId From, NodeId To, long MessagesSent, long MessagesReceived, long MessagesDropped, long MessagesDuplicated, long BytesSent, long BytesReceived);

/// <summary>
/// The totals of one simulation, or the sum over several (<see cref="Add"/>): what the grader's suite host reports per
/// test and what an instructor's comparison divides by <see cref="Operations"/>.
/// </summary>
/// <param name="Simulations">How many simulations these totals cover.</param>
/// <param name="MessagesSent">Messages handed to the network.</param>
/// <param name="MessagesDelivered">Message copies delivered to a running node.</param>
/// <param name="MessagesDropped">Message copies lost at random, by a cut, or because the receiver was down.</param>
/// <param name="BytesSent">Size of the messages sent (see <see cref="SimulationMetrics.BytesSent"/> for how a message's size is counted).</param>
/// <param name="Operations">Client operations completed (see <see cref="SimulationMetrics.CountOperations"/>); zero when the scenario counts none.</param>
public sealed record SimulationTotals(int Simulations, long MessagesSent, long MessagesDelivered, long MessagesDropped, long BytesSent, long Operations)
{
    /// <summary>No simulation at all.</summary>
    public static SimulationTotals None { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The sum of these totals and <paramref name="other"/>.</summary>
    /// <param name="other">Totals to add.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public SimulationTotals Add(SimulationTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Simulations + other.Simulations,
            MessagesSent + other.MessagesSent,
            MessagesDelivered + other.MessagesDelivered,
            MessagesDropped + other.MessagesDropped,
            BytesSent + other.BytesSent,
            Operations + other.Operations);
    }
}

/// <summary>The mutable counters behind <see cref="SimulationMetrics"/>, kept apart from the simulation so a tally can hold them cheaply.</summary>
internal sealed class MetricCounters
{
    public long MessagesSent;
    public long MessagesDelivered;
    public long MessagesDropped;
    public long MessagesDuplicated;
    public long BytesSent;
    public long TimersFired;
    public long Operations;

    public SimulationTotals Totals() => new(1, MessagesSent, MessagesDelivered, MessagesDropped, BytesSent, Operations);
}
