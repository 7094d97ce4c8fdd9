using System.Collections.Immutable;
using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>
/// A cluster of <see cref="RaftNode"/>s on one simulation, in the manner of MIT 6.5840's Raft tester: an application
/// per node that records what it is given (and snapshots every few entries when asked to), connect and disconnect,
/// crash and restart, and helpers that wait for a leader or for agreement on a command. The safety invariants
/// (<see cref="RaftInvariants"/>) are checked after every event.
/// </summary>
internal sealed class RaftCluster
{
    private static readonly TimeSpan s_agreementWait = TimeSpan.FromSeconds(2);
    private readonly List<NodeId> _nodes = [];
    private readonly Dictionary<NodeId, Dictionary<long, object>> _everApplied = [];
    private readonly HashSet<NodeId> _disconnected = [];
    private readonly RaftOptions _options;
    private readonly int _snapshotEvery;
    private readonly Func<INodeContext, Action<ApplyMessage, RaftNode>, IRaftHost>? _host;
    private int _nextStart;

    /// <param name="simulation">The simulation to add the nodes to.</param>
    /// <param name="servers">How many nodes, named n1, n2, ….</param>
    /// <param name="snapshotEvery">When above zero, each application snapshots after every this many applied entries.</param>
    /// <param name="options">Raft timing; the defaults if null.</param>
    /// <param name="host">When given, builds each node around its Raft node (the key-value servers); the callback must see every apply message.</param>
    public RaftCluster(Simulation simulation, int servers, int snapshotEvery = 0, RaftOptions? options = null,
        Func<INodeContext, Action<ApplyMessage, RaftNode>, IRaftHost>? host = null)
    {
        Simulation = simulation;
        _host = host;
        _options = options ?? new RaftOptions();
        _snapshotEvery = snapshotEvery;
        Invariants = new RaftInvariants(simulation, _nodes, Raft);
        for (int i = 1; i <= servers; i++)
        {
            _nodes.Add(simulation.AddNode($"n{i}", CreateNode));
        }
    }

    public Simulation Simulation { get; }

    public IReadOnlyList<NodeId> Nodes => _nodes;

    public RaftInvariants Invariants { get; }

    private readonly Dictionary<NodeId, int> _snapshotsLoaded = [];

    /// <summary>How many <see cref="SnapshotApplied"/> messages <paramref name="node"/>'s applications received (all instances).</summary>
    public int SnapshotsLoaded(NodeId node) => _snapshotsLoaded.GetValueOrDefault(node);

    /// <summary>The running instance of <paramref name="node"/>, or null while it is crashed.</summary>
    public RaftNode? Raft(NodeId node) => Simulation.IsUp(node) ? ((IRaftHost)Simulation.Node<INode>(node)).Raft : null;

    /// <summary>AppendEntries rejections (replies with Success = false) delivered so far.</summary>
    public long RejectedAppends { get; private set; }

    /// <summary>Up and not disconnected.</summary>
    public IEnumerable<NodeId> Connected => _nodes.Where(node => !_disconnected.Contains(node) && Simulation.IsUp(node));

    public void Disconnect(NodeId node)
    {
        _disconnected.Add(node);
        Simulation.Network.Isolate(node);
    }

    public void Connect(NodeId node)
    {
        _disconnected.Remove(node);
        Simulation.Network.Heal();
        foreach (NodeId cut in _disconnected)
        {
            Simulation.Network.Isolate(cut);
        }
    }

    public void Crash(NodeId node) => Simulation.Crash(node);

    public void Restart(NodeId node) => Simulation.Restart(node);

    /// <summary>A connected leader whose term no connected node exceeds, if there is one now.</summary>
    public NodeId? CurrentLeader()
    {
        long highest = Connected.Select(node => Raft(node)!.CurrentTerm).DefaultIfEmpty().Max();
        foreach (NodeId node in Connected)
        {
            if (Raft(node) is { Role: RaftRole.Leader } raft && raft.CurrentTerm == highest)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>Runs until there is a <see cref="CurrentLeader"/>; fails the test if none appears within <paramref name="limit"/>.</summary>
    public NodeId WaitForLeader(TimeSpan limit, string situation)
    {
        bool elected = Simulation.RunUntil(() => CurrentLeader() is not null, limit);
        Assert.That(elected, Is.True, $"no leader was elected within {limit.TotalSeconds:0.#} s of virtual time {situation}.\n{Tail()}");
        return CurrentLeader()!.Value;
    }

    /// <summary>Every connected node that is leader right now.</summary>
    public IReadOnlyList<NodeId> Leaders() => [.. Connected.Where(node => Raft(node)!.Role == RaftRole.Leader)];

    /// <summary>How many nodes' applications have received <paramref name="command"/> at <paramref name="index"/>.</summary>
    public int CountApplied(long index, object command) =>
        _everApplied.Values.Count(applied => applied.TryGetValue(index, out object? there) && Equals(there, command));

    /// <summary>Whether any node's application received anything at <paramref name="index"/>.</summary>
    public bool AnyApplied(long index) => _everApplied.Values.Any(applied => applied.ContainsKey(index));

    /// <summary>What <paramref name="node"/>'s applications (all its instances) received, by index.</summary>
    public IReadOnlyDictionary<long, object> Applied(NodeId node) => _everApplied.GetValueOrDefault(node) ?? [];

    /// <summary>
    /// MIT's <c>one()</c>: offers <paramref name="command"/> to connected nodes until a leader takes it, then waits for
    /// <paramref name="expectedServers"/> applications to receive it; with <paramref name="retry"/> it offers it again
    /// if that does not happen within 2 s. Fails the test after 10 s of virtual time. Returns the command's index.
    /// </summary>
    public long One(object command, int expectedServers, bool retry)
    {
        TimeSpan deadline = Simulation.Now + TimeSpan.FromSeconds(10);
        while (Simulation.Now < deadline)
        {
            long index = 0;
            for (int tried = 0; tried < _nodes.Count && index == 0; tried++)
            {
                _nextStart = (_nextStart + 1) % _nodes.Count;
                NodeId node = _nodes[_nextStart];
                if (Connected.Contains(node) && Raft(node)!.Start(command) is { IsLeader: true } started)
                {
                    index = started.Index;
                }
            }

            if (index == 0)
            {
                Simulation.RunFor(TimeSpan.FromMilliseconds(50));
                continue;
            }

            if (Simulation.RunUntil(() => CountApplied(index, command) >= expectedServers, s_agreementWait))
            {
                return index;
            }

            if (!retry)
            {
                Assert.Fail($"command '{command}' was accepted at index {index} but only {CountApplied(index, command)} of the {expectedServers} expected nodes applied it within 2 s.\n{Tail()}");
            }
        }

        Assert.Fail($"command '{command}' did not reach agreement on {expectedServers} nodes within 10 s of virtual time.\n{Tail()}");
        return 0;
    }

    /// <summary>The last trace events and the nodes' states, for failure messages.</summary>
    public string Tail() =>
        "Nodes: " + string.Join("; ", _nodes.Select(Describe)) + "\nLast trace events:\n" + Simulation.Trace.Tail(15);

    public string Describe(NodeId node) => Raft(node) is { } raft
        ? $"{node} {raft.Role} term {raft.CurrentTerm} log {raft.SnapshotIndex}+{raft.Log.Count} commit {raft.CommitIndex}{(_disconnected.Contains(node) ? " (disconnected)" : "")}"
        : $"{node} crashed";

    private INode CreateNode(INodeContext context)
    {
        NodeId id = context.Id;
        Invariants.NewInstance(id);
        if (!_everApplied.TryGetValue(id, out Dictionary<long, object>? everApplied))
        {
            everApplied = [];
            _everApplied[id] = everApplied;
        }

        if (_host is not null)
        {
            return _host(context, (message, raft) =>
            {
                Invariants.Applied(id, message, raft.CurrentTerm);
                if (message is CommandApplied applied)
                {
                    everApplied[applied.Index] = applied.Command;
                }
            });
        }

        ImmutableList<object> state = [];
        RaftNode? raft = null;
        raft = new RaftNode(context, _options, message =>
        {
            Invariants.Applied(id, message, raft!.CurrentTerm);
            switch (message)
            {
                case CommandApplied applied:
                    state = state.Add(applied.Command);
                    everApplied[applied.Index] = applied.Command;
                    if (_snapshotEvery > 0 && applied.Index % _snapshotEvery == 0 && state.Count == applied.Index)
                    {
                        raft.Snapshot(applied.Index, state);
                    }

                    break;
                case SnapshotApplied snapshot:
                    state = Load(id, snapshot);
                    for (int i = 0; i < state.Count; i++)
                    {
                        everApplied[i + 1] = state[i];
                    }

                    _snapshotsLoaded[id] = SnapshotsLoaded(id) + 1;
                    break;
            }
        });
        return new RaftHost(raft, Observe);
    }

    private void Observe(object message)
    {
        if (message is AppendEntriesReply { Success: false })
        {
            RejectedAppends++;
        }
    }

    private ImmutableList<object> Load(NodeId node, SnapshotApplied snapshot)
    {
        if (snapshot.State is not ImmutableList<object> commands || commands.Count != snapshot.Index)
        {
            Invariants.ReportApply($"{node} was given a snapshot up to {snapshot.Index} whose state is not the one an application snapshotted at that index");
            return [];
        }

        for (int i = 0; i < commands.Count; i++)
        {
            if (Invariants.TryGetCommitted(i + 1, out object committed) && !Equals(committed, commands[i]))
            {
                Invariants.ReportApply($"{node} installed a snapshot holding '{commands[i]}' at {i + 1}, where '{committed}' was committed");
                break;
            }
        }

        return commands;
    }
}

/// <summary>A simulation node built around a <see cref="RaftNode"/>.</summary>
internal interface IRaftHost : INode
{
    RaftNode Raft { get; }
}

/// <summary>Hosts a <see cref="RaftNode"/> in the simulation and lets the cluster see the messages it receives.</summary>
internal sealed class RaftHost(RaftNode raft, Action<object> observe) : IRaftHost
{
    public RaftNode Raft => raft;

    public void OnStart() => raft.OnStart();

    public void OnMessage(NodeId from, object message)
    {
        observe(message);
        raft.OnMessage(from, message);
    }
}
