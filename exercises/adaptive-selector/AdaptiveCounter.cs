using DistSys.Runtime;

namespace DistSys.AdaptiveSelector;

/// <summary>
/// A replicated counter service on the simulator that picks its protocol at run time. It adds nodes <c>n1</c> …
/// <c>nN</c> to the simulation; <c>n1</c> is the leader, and the control plane (this object, co-located with the
/// leader) measures every window and feeds a <see cref="ProtocolSelector"/>.
/// <para>
/// <b>State.</b> Every node keeps a <see cref="CounterState"/> (G-Counter). An increment at node X always adds to X's
/// own slot first, in both protocols; the protocols differ only in when the client is answered and who is asked.
/// </para>
/// <para>
/// <b>Leader protocol.</b> A node sends each operation to the leader with its state (and its epoch) and resends every
/// 25 ms until it gets an answer. The leader serves requests one at a time, 0.5 ms per increment and 0.1 ms per read
/// (requests queue behind each other; its own clients' operations too), merges the sender's state when it serves the
/// request and answers with its merged state. The node merges the answer and then completes the operation: an
/// increment is acknowledged; a read returns the node's own value after the merge, marked
/// <see cref="ReadResult.Strong"/> when the leader said so. The leader says "strong" only while it is in Leader mode and
/// every other node has sent it a message stamped with the current epoch (each node's state sent after it adopted the
/// epoch: the sync barrier that carries increments acknowledged under CRDT to the leader).
/// </para>
/// <para>
/// <b>CRDT protocol.</b> A node completes increments and reads at once from its own state, without sending anything.
/// </para>
/// <para>
/// <b>Background, in both protocols.</b> Every other node sends the leader a heartbeat with its epoch and state every
/// 20 ms; the leader merges it and answers with its epoch, protocol and merged state (this is also how states spread
/// under CRDT). Nodes adopt the protocol of a higher epoch than theirs from any message of the leader; on adopting
/// CRDT, a node completes its pending operations from its own state.
/// </para>
/// <para>
/// <b>Switching.</b> Every <see cref="SelectorOptions.Window"/> (scheduled with <see cref="Simulation.Schedule"/>) the
/// control plane builds a <see cref="WindowStats"/> from the operations invoked and completed through this object and
/// the simulator's <see cref="Simulation.Metrics"/>: messages sent in the window, and a node counts as unreachable when
/// <see cref="SimulationMetrics.ForLink"/>(node, leader) shows no message received during the window. When the selector
/// decides, the leader starts a new epoch with the new protocol and sends it to every node at once.
/// </para>
/// <para>
/// <b>The guarantee, across every switch</b> (the tests check it on the recorded history): reads at a node never go
/// backwards; a read returns at least every increment acknowledged at its node before it began; a strong read returns
/// at least every increment acknowledged <em>anywhere</em> before it began; no acknowledged increment is lost or
/// counted twice: once the workload stops and the network heals, every node reads the sum of all increments.
/// </para>
/// </summary>
public sealed class AdaptiveCounter
{
    /// <summary>Adds <paramref name="nodeCount"/> counter nodes to <paramref name="simulation"/> and starts the control loop.</summary>
    /// <param name="simulation">A simulation that has not added nodes named <c>n1</c> … <c>nN</c> yet.</param>
    /// <param name="nodeCount">How many nodes, leader included: 2 to 64 (the leader needs at least one other node).</param>
    /// <param name="options">The selector's thresholds, validated as <see cref="ProtocolSelector"/> does.</param>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nodeCount"/> is below 2 or above 64, or an option is out of range (see <see cref="ProtocolSelector"/>).</exception>
    public AdaptiveCounter(Simulation simulation, int nodeCount, SelectorOptions options) =>
        throw new NotImplementedException("Implement the AdaptiveCounter constructor: add the nodes, create the selector, schedule the first window.");

    /// <summary>The nodes, <c>n1</c> first.</summary>
    public IReadOnlyList<NodeId> Nodes =>
        throw new NotImplementedException("Implement AdaptiveCounter.Nodes.");

    /// <summary>The leader, <c>n1</c>.</summary>
    public NodeId Leader =>
        throw new NotImplementedException("Implement AdaptiveCounter.Leader.");

    /// <summary>The selector the control plane feeds; its <see cref="ProtocolSelector.Decisions"/> is the decision log.</summary>
    public ProtocolSelector Selector =>
        throw new NotImplementedException("Implement AdaptiveCounter.Selector.");

    /// <summary>The protocol <paramref name="node"/> currently runs (it may lag the selector while a switch travels).</summary>
    /// <param name="node">One of <see cref="Nodes"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not one of <see cref="Nodes"/>.</exception>
    public Protocol ProtocolOf(NodeId node) =>
        throw new NotImplementedException("Implement AdaptiveCounter.ProtocolOf.");

    /// <summary>The value of <paramref name="node"/>'s own state right now (no message, no guarantee beyond its own view).</summary>
    /// <param name="node">One of <see cref="Nodes"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not one of <see cref="Nodes"/>.</exception>
    public long LocalValue(NodeId node) =>
        throw new NotImplementedException("Implement AdaptiveCounter.LocalValue.");

    /// <summary>A client increments the counter at <paramref name="node"/>; <paramref name="acknowledged"/> runs when the service acknowledges it.</summary>
    /// <param name="node">One of <see cref="Nodes"/>.</param>
    /// <param name="amount">How much; more than zero.</param>
    /// <param name="acknowledged">Called once, from inside the simulation, when the increment is acknowledged.</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not one of <see cref="Nodes"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is zero or negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="acknowledged"/> is null.</exception>
    public void Increment(NodeId node, long amount, Action acknowledged) =>
        throw new NotImplementedException("Implement AdaptiveCounter.Increment: add to the node's slot, then ack locally (CRDT) or via the leader (Leader).");

    /// <summary>A client reads the counter at <paramref name="node"/>; <paramref name="completed"/> receives the result.</summary>
    /// <param name="node">One of <see cref="Nodes"/>.</param>
    /// <param name="completed">Called once, from inside the simulation, with the value read.</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not one of <see cref="Nodes"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="completed"/> is null.</exception>
    public void Read(NodeId node, Action<ReadResult> completed) =>
        throw new NotImplementedException("Implement AdaptiveCounter.Read: local value (CRDT) or ask the leader (Leader).");
}
