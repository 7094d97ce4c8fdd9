using System.Collections.Immutable;
using System.Globalization;
using DistSys.Runtime;

namespace DistSys.Raft.Tests.Kv;

/// <summary>The three operations of the replicated key-value store.</summary>
internal enum KvKind
{
    Get,
    Put,
    Append,
}

/// <summary>One client operation, as submitted and as stored in the Raft log. (ClientId, Seq) identifies it across retries.</summary>
internal sealed record KvCommand(int ClientId, long Seq, KvKind Op, string Key, string? Value)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"c{ClientId}#{Seq} {Op} {Key}{(Value is null ? "" : " " + Value)}");
}

/// <summary>A server's answer: Ok with the value (Get) or null (Put, Append); not Ok means "ask another server".</summary>
internal sealed record KvResult(bool Ok, string? Value);

/// <summary>The store's state, also its snapshot: the data, and each client's last applied operation and result.</summary>
internal sealed record KvState(ImmutableDictionary<string, string> Data, ImmutableDictionary<int, (long Seq, string? Value)> Last);

/// <summary>
/// A key-value server on top of a <see cref="RaftNode"/> (the kit's, not the student's: the student's code is the
/// Raft node inside it). Every operation, reads included, goes through the log; a retried operation is recognised by
/// (client, sequence number) and applied once; the application snapshots when the Raft log grows past a threshold.
/// </summary>
internal sealed class KvServer : IRaftHost
{
    private readonly Dictionary<long, (KvCommand Command, Action<KvResult> Reply)> _waiting = [];
    private readonly int _snapshotEvery;
    private KvState _state = new(ImmutableDictionary.Create<string, string>(StringComparer.Ordinal), ImmutableDictionary<int, (long, string?)>.Empty);

    public KvServer(INodeContext context, int snapshotEvery, Action<ApplyMessage, RaftNode> observe)
    {
        _snapshotEvery = snapshotEvery;
        RaftNode? raft = null;
        raft = new RaftNode(context, new RaftOptions(), message =>
        {
            observe(message, raft!);
            Apply(message);
        });
        Raft = raft;
    }

    public RaftNode Raft { get; }

    public void OnStart() => Raft.OnStart();

    public void OnMessage(NodeId from, object message) => Raft.OnMessage(from, message);

    /// <summary>A client's request arrives; <paramref name="reply"/> is called once the operation is applied (or refused).</summary>
    public void Submit(KvCommand command, Action<KvResult> reply)
    {
        if (_state.Last.TryGetValue(command.ClientId, out var last) && last.Seq == command.Seq)
        {
            // Already applied here, so already committed: the stored result is final.
            reply(new KvResult(true, last.Value));
            return;
        }

        StartResult started = Raft.Start(command);
        if (!started.IsLeader)
        {
            reply(new KvResult(false, null));
            return;
        }

        if (_waiting.Remove(started.Index, out var displaced))
        {
            displaced.Reply(new KvResult(false, null));
        }

        _waiting[started.Index] = (command, reply);
    }

    private void Apply(ApplyMessage message)
    {
        switch (message)
        {
            case SnapshotApplied snapshot:
                _state = (KvState)snapshot.State;
                foreach (long index in _waiting.Keys.Where(i => i <= snapshot.Index).ToList())
                {
                    _waiting.Remove(index, out var waiter);
                    waiter.Reply(new KvResult(false, null));
                }

                break;
            case CommandApplied applied:
                var command = (KvCommand)applied.Command;
                string? result = null;
                bool known = _state.Last.TryGetValue(command.ClientId, out var last);
                if (!known || command.Seq > last.Seq)
                {
                    result = Execute(command);
                    _state = _state with { Last = _state.Last.SetItem(command.ClientId, (command.Seq, result)) };
                }
                else if (command.Seq == last.Seq)
                {
                    result = last.Value;
                }

                if (_waiting.Remove(applied.Index, out var waiting))
                {
                    waiting.Reply(waiting.Command == command ? new KvResult(true, result) : new KvResult(false, null));
                }

                if (_snapshotEvery > 0 && Raft.Log.Count >= _snapshotEvery)
                {
                    Raft.Snapshot(applied.Index, _state);
                }

                break;
        }
    }

    private string? Execute(KvCommand command)
    {
        string? current = _state.Data.GetValueOrDefault(command.Key);
        switch (command.Op)
        {
            case KvKind.Get:
                return current ?? "";
            case KvKind.Put:
                _state = _state with { Data = _state.Data.SetItem(command.Key, command.Value!) };
                return null;
            default:
                _state = _state with { Data = _state.Data.SetItem(command.Key, (current ?? "") + command.Value) };
                return null;
        }
    }
}
