using DistSys.Runtime;

namespace DistSys.ZeroCoordinationDb;

/// <summary>
/// A database node: client operations touch only the local state and return at once; a timer pushes a copy of the
/// state to one random peer now and then, and received states are merged.
/// </summary>
public sealed class DbReplica : INode
{
    private readonly INodeContext _context;
    private readonly TimeSpan _gossipInterval;

    public static TimeSpan DefaultGossipInterval { get; } = TimeSpan.FromMilliseconds(25);

    public DbReplica(INodeContext context)
        : this(context, DefaultGossipInterval)
    {
    }

    public DbReplica(INodeContext context, TimeSpan gossipInterval)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gossipInterval, TimeSpan.Zero);
        _context = context;
        _gossipInterval = gossipInterval;
        State = new ReplicaState(context.Id.Name);
    }

    public ReplicaState State { get; }

    public bool Create(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (State.Contains(key))
        {
            return false;
        }

        State.Put(key, value);
        return true;
    }

    public string? Read(string key) => State.Get(key);

    public bool Update(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!State.Contains(key))
        {
            return false;
        }

        State.Put(key, value);
        return true;
    }

    public bool Delete(string key) => State.Remove(key);

    public void OnStart()
    {
        if (_context.Peers.Count > 0)
        {
            // A random first tick spreads the replicas' rounds over the interval from the start.
            _context.SetTimer(Jitter(0.0, 1.0), Gossip, "gossip");
        }
    }

    public void OnMessage(NodeId from, object message)
    {
        if (message is StateGossip gossip)
        {
            State.Merge(gossip.State);
        }
    }

    private void Gossip()
    {
        var peers = _context.Peers;
        _context.Send(peers[_context.Random.Next(peers.Count)], new StateGossip(State.Copy()));
        _context.SetTimer(Jitter(0.9, 1.1), Gossip, "gossip");
    }

    private TimeSpan Jitter(double low, double high) =>
        _gossipInterval * (low + (_context.Random.NextDouble() * (high - low)));

    private sealed record StateGossip(ReplicaState State);
}
