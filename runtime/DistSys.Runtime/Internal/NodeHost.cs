namespace DistSys.Runtime;

/// <summary>
/// Everything the simulation keeps about one node across its lives: the factory, the durable store, the random stream,
/// the current instance and counters. <see cref="Incarnation"/> grows at every crash, which is how timers and contexts of
/// a dead instance are recognised.
/// </summary>
internal sealed class NodeHost(NodeId id, int index, Func<INodeContext, INode> factory, Random random)
{
    public NodeId Id { get; } = id;
    public int Index { get; } = index;
    public Func<INodeContext, INode> Factory { get; } = factory;
    public Random Random { get; } = random;
    public PersistentStore Storage { get; } = new(id);

    public INode? Instance { get; set; }
    public bool IsUp { get; set; }
    public int Incarnation { get; set; }
    public TimeSpan CrashedAt { get; set; }
    public bool IsIsolated { get; set; }

    /// <summary>Other nodes in NodeId order, and their indexes in the same order (broadcast uses the indexes).</summary>
    public IReadOnlyList<NodeId> Peers { get; set; } = [];
    public int[] PeerIndexes { get; set; } = [];

    public long MessagesSent;
    public long MessagesReceived;
    public long MessagesDropped;
    public long BytesSent;
    public long BytesReceived;
    public long TimersFired;

    public NodeMetrics Metrics() =>
        new(Id, MessagesSent, MessagesReceived, MessagesDropped, BytesSent, BytesReceived, TimersFired);
}

/// <summary>One direction of a link: its profile override, cut, FIFO watermark and counters.</summary>
internal sealed class LinkState
{
    public LinkProfile? Profile;
    public bool IsCut;
    public long LastDeliveryTicks;

    public long MessagesSent;
    public long MessagesReceived;
    public long MessagesDropped;
    public long MessagesDuplicated;
    public long BytesSent;
    public long BytesReceived;

    public LinkMetrics Metrics(NodeId from, NodeId to) =>
        new(from, to, MessagesSent, MessagesReceived, MessagesDropped, MessagesDuplicated, BytesSent, BytesReceived);
}
