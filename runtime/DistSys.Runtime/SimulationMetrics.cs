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

    internal SimulationMetrics(Simulation simulation) => _simulation = simulation;

    /// <summary>Messages handed to the network (each <see cref="INodeContext.Send"/>, each peer of a broadcast, each <see cref="Simulation.SendFrom"/>).</summary>
    public long MessagesSent { get; internal set; }

    /// <summary>Message copies delivered to a running node (duplicates count separately).</summary>
    public long MessagesDelivered { get; internal set; }

    /// <summary>Message copies lost at random, by a cut, or because the receiver was down.</summary>
    public long MessagesDropped { get; internal set; }

    /// <summary>Extra copies the network made.</summary>
    public long MessagesDuplicated { get; internal set; }

    /// <summary>Total size of the messages sent (duplicates not counted again).</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Node timers (including <see cref="INodeContext.Time"/> timers) that fired.</summary>
    public long TimersFired { get; internal set; }

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
