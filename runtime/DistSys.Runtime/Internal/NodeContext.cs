namespace DistSys.Runtime;

/// <summary>The context of one incarnation of a node; once that incarnation crashes, its calls have no effect.</summary>
internal sealed class NodeContext : INodeContext
{
    private readonly Simulation _simulation;
    private readonly NodeHost _host;
    private readonly int _incarnation;

    public NodeContext(Simulation simulation, NodeHost host)
    {
        _simulation = simulation;
        _host = host;
        _incarnation = host.Incarnation;
        Time = new VirtualTimeProvider(simulation, host, _incarnation);
    }

    public NodeId Id => _host.Id;
    public IReadOnlyList<NodeId> Peers => _host.Peers;
    public TimeSpan Now => _simulation.Now;
    public TimeProvider Time { get; }
    public Random Random => _host.Random;
    public IPersistentStore Storage => _host.Storage;

    private bool IsCurrent => _host.IsUp && _host.Incarnation == _incarnation;

    public void Send(NodeId to, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        int target = _simulation.Host(to).Index;
        if (IsCurrent)
        {
            _simulation.SendMessage(_host.Index, target, message);
        }
    }

    public void Broadcast(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsCurrent)
        {
            return;
        }

        int[] peers = _host.PeerIndexes;
        for (int i = 0; i < peers.Length; i++)
        {
            _simulation.SendMessage(_host.Index, peers[i], message);
        }
    }

    public TimerId SetTimer(TimeSpan delay, Action callback, string? label = null) =>
        _simulation.SetNodeTimer(_host, _incarnation, delay, callback, label);

    public void CancelTimer(TimerId timer) => _simulation.CancelNodeTimer(timer);

    public void Log(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsCurrent)
        {
            _simulation.RecordLog(_host.Index, text);
        }
    }
}
