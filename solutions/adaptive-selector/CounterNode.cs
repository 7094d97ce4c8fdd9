using DistSys.Runtime;

namespace DistSys.AdaptiveSelector;

/// <summary>
/// One node of the counter service. Every increment lands in the node's own G-Counter slot first, in both
/// protocols, so switching never has to move or replay operations: only the moment of acknowledgement changes.
/// </summary>
internal sealed class CounterNode : INode
{
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_retry = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan s_writeService = TimeSpan.FromMilliseconds(0.5);
    private static readonly TimeSpan s_readService = TimeSpan.FromMilliseconds(0.1);

    private readonly INodeContext _context;
    private readonly NodeId _leader;
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly Dictionary<NodeId, long> _synced = [];
    private long _nextOperation;
    private TimeSpan _busyUntil;

    public CounterNode(INodeContext context, NodeId leader, Protocol initial)
    {
        _context = context;
        _leader = leader;
        Protocol = initial;
    }

    public CounterState State { get; private set; } = CounterState.Empty;

    public Protocol Protocol { get; private set; }

    public long Epoch { get; private set; }

    private bool IsLeader => _context.Id == _leader;

    // Every other node has sent a state after adopting this epoch, so every increment acknowledged under an earlier
    // CRDT epoch is already merged here.
    private bool StrongReady => Protocol == Protocol.Leader && _context.Peers.All(p => _synced.GetValueOrDefault(p) >= Epoch);

    public void OnStart()
    {
        if (!IsLeader)
        {
            Beat();
        }
    }

    public void Increment(long amount, Action acknowledged)
    {
        State = State.Increment(_context.Id.Name, amount);
        Submit(new Pending(Write: true, acknowledged, null));
    }

    public void Read(Action<ReadResult> completed) => Submit(new Pending(Write: false, null, completed));

    /// <summary>Leader only: starts a new epoch with <paramref name="protocol"/> and tells everyone.</summary>
    public void Switch(Protocol protocol)
    {
        Epoch++;
        Protocol = protocol;
        _context.Broadcast(new LeaderState(Epoch, Protocol, State));
    }

    public void OnMessage(NodeId from, object message)
    {
        switch (message)
        {
            case Request request when IsLeader:
                Absorb(from, request.Epoch, request.State);
                Serve(request.Write, () => _context.Send(from, new Reply(request.Operation, Epoch, Protocol, State, !request.Write && StrongReady)));
                break;
            case Heartbeat heartbeat when IsLeader:
                Absorb(from, heartbeat.Epoch, heartbeat.State);
                _context.Send(from, new LeaderState(Epoch, Protocol, State));
                break;
            case LeaderState leader when !IsLeader:
                State = State.Merge(leader.State);
                Adopt(leader.Epoch, leader.Protocol);
                break;
            case Reply reply when !IsLeader:
                State = State.Merge(reply.State);
                Adopt(reply.Epoch, reply.Protocol);
                if (_pending.Remove(reply.Operation, out var pending))
                {
                    Complete(pending, reply.Strong);
                }

                break;
        }
    }

    private void Submit(Pending operation)
    {
        if (Protocol == Protocol.Crdt)
        {
            Complete(operation, strong: false);
        }
        else if (IsLeader)
        {
            Serve(operation.Write, () => Complete(operation, !operation.Write && StrongReady));
        }
        else
        {
            var id = ++_nextOperation;
            _pending[id] = operation;
            Ask(id);
        }
    }

    private void Ask(long id)
    {
        if (!_pending.TryGetValue(id, out var operation))
        {
            return;
        }

        _context.Send(_leader, new Request(id, operation.Write, Epoch, State));
        _context.SetTimer(s_retry, () => Ask(id), "retry");
    }

    // The leader is one server: requests wait for the ones before them.
    private void Serve(bool write, Action done)
    {
        var start = _busyUntil > _context.Now ? _busyUntil : _context.Now;
        _busyUntil = start + (write ? s_writeService : s_readService);
        _context.SetTimer(_busyUntil - _context.Now, done, write ? "serve increment" : "serve read");
    }

    private void Absorb(NodeId from, long epoch, CounterState state)
    {
        State = State.Merge(state);
        if (epoch > _synced.GetValueOrDefault(from))
        {
            _synced[from] = epoch;
        }
    }

    private void Adopt(long epoch, Protocol protocol)
    {
        if (epoch <= Epoch)
        {
            return;
        }

        Epoch = epoch;
        Protocol = protocol;
        if (protocol == Protocol.Crdt)
        {
            foreach (var id in _pending.Keys.Order().ToList())
            {
                _pending.Remove(id, out var operation);
                Complete(operation!, strong: false);
            }
        }
        else
        {
            // Sync at once rather than at the next heartbeat, so strong reads resume sooner.
            _context.Send(_leader, new Heartbeat(Epoch, State));
        }
    }

    private void Complete(Pending operation, bool strong)
    {
        if (operation.Write)
        {
            operation.Acknowledged!();
        }
        else
        {
            operation.Completed!(new ReadResult(State.Value, strong));
        }
    }

    private void Beat()
    {
        _context.Send(_leader, new Heartbeat(Epoch, State));
        _context.SetTimer(s_heartbeat, Beat, "heartbeat");
    }

    private sealed record Pending(bool Write, Action? Acknowledged, Action<ReadResult>? Completed);

    private sealed record Request(long Operation, bool Write, long Epoch, CounterState State);

    private sealed record Reply(long Operation, long Epoch, Protocol Protocol, CounterState State, bool Strong);

    private sealed record Heartbeat(long Epoch, CounterState State);

    private sealed record LeaderState(long Epoch, Protocol Protocol, CounterState State);
}
