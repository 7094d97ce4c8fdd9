using System.Collections.Immutable;
using DistSys.Runtime;

namespace DistSys.Raft;

/// <summary>
/// One Raft server on the simulator: leader election, log replication, persistence and log compaction.
/// </summary>
public sealed class RaftNode : INode
{
    private const string TermKey = "raft/term";
    private const string LogKey = "raft/log";
    private const string SnapshotKey = "raft/snapshot";

    private readonly INodeContext _context;
    private readonly RaftOptions _options;
    private readonly Action<ApplyMessage> _apply;
    private readonly Dictionary<NodeId, long> _nextIndex = [];
    private readonly Dictionary<NodeId, long> _matchIndex = [];
    private readonly HashSet<NodeId> _votes = [];

    private ImmutableList<LogEntry> _log = [];
    private StoredSnapshot? _snapshot;
    private TimerId? _electionTimer;
    private TimerId? _heartbeatTimer;

    /// <summary>Creates a server; it restores its durable state in <see cref="OnStart"/>.</summary>
    public RaftNode(INodeContext context, RaftOptions options, Action<ApplyMessage> apply)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(apply);
        if (options.ElectionTimeoutMin <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ElectionTimeoutMin,
                "RaftOptions.ElectionTimeoutMin must be above zero.");
        }

        if (options.ElectionTimeoutMax < options.ElectionTimeoutMin)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ElectionTimeoutMax,
                $"RaftOptions.ElectionTimeoutMax must be at least ElectionTimeoutMin ({options.ElectionTimeoutMin}).");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.HeartbeatInterval >= options.ElectionTimeoutMin)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.HeartbeatInterval,
                $"RaftOptions.HeartbeatInterval must be above zero and below ElectionTimeoutMin ({options.ElectionTimeoutMin}).");
        }

        _context = context;
        _options = options;
        _apply = apply;
    }

    /// <summary>The latest term this server has seen (persisted).</summary>
    public long CurrentTerm { get; private set; }

    /// <summary>The candidate this server voted for in <see cref="CurrentTerm"/>, or null (persisted).</summary>
    public NodeId? VotedFor { get; private set; }

    /// <summary>Follower, candidate or leader.</summary>
    public RaftRole Role { get; private set; }

    /// <summary>The highest log index known to be committed.</summary>
    public long CommitIndex { get; private set; }

    /// <summary>The highest log index delivered to the application.</summary>
    public long LastApplied { get; private set; }

    /// <summary>The log entries after the snapshot, in index order.</summary>
    public IReadOnlyList<LogEntry> Log => _log;

    /// <summary>The last index the snapshot covers (0 when there is none).</summary>
    public long SnapshotIndex => _snapshot?.Index ?? 0;

    /// <summary>The term of the entry at <see cref="SnapshotIndex"/> (0 when there is no snapshot).</summary>
    public long SnapshotTerm => _snapshot?.Term ?? 0;

    private long LastLogIndex => _log.Count > 0 ? _log[^1].Index : SnapshotIndex;

    private long LastLogTerm => _log.Count > 0 ? _log[^1].Term : SnapshotTerm;

    private int ClusterSize => _context.Peers.Count + 1;

    /// <inheritdoc />
    public void OnStart()
    {
        if (_context.Storage.TryGet<TermAndVote>(TermKey, out var termAndVote))
        {
            CurrentTerm = termAndVote.Term;
            VotedFor = termAndVote.VotedFor;
        }

        if (_context.Storage.TryGet<ImmutableList<LogEntry>>(LogKey, out var log))
        {
            _log = log;
        }

        if (_context.Storage.TryGet<StoredSnapshot>(SnapshotKey, out var snapshot))
        {
            _snapshot = snapshot;
            CommitIndex = snapshot.Index;
            LastApplied = snapshot.Index;
            _apply(new SnapshotApplied(snapshot.Index, snapshot.Term, snapshot.State));
        }

        Role = RaftRole.Follower;
        ResetElectionTimer();
    }

    /// <inheritdoc />
    public void OnMessage(NodeId from, object message)
    {
        switch (message)
        {
            case RequestVote request:
                OnRequestVote(from, request);
                break;
            case RequestVoteReply reply:
                OnRequestVoteReply(from, reply);
                break;
            case AppendEntries request:
                OnAppendEntries(from, request);
                break;
            case AppendEntriesReply reply:
                OnAppendEntriesReply(from, reply);
                break;
            case InstallSnapshot request:
                OnInstallSnapshot(from, request);
                break;
            case InstallSnapshotReply reply:
                OnInstallSnapshotReply(from, reply);
                break;
        }
    }

    /// <summary>Appends a command to the leader's log and starts replicating it.</summary>
    public StartResult Start(object command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Role != RaftRole.Leader)
        {
            return new StartResult(0, CurrentTerm, false);
        }

        var entry = new LogEntry(LastLogIndex + 1, CurrentTerm, command);
        _log = _log.Add(entry);
        PersistLog();
        foreach (NodeId peer in _context.Peers)
        {
            Replicate(peer);
        }

        AdvanceCommitIndex();
        return new StartResult(entry.Index, entry.Term, true);
    }

    /// <summary>The application's state includes everything up to <paramref name="index"/>: discard the log up to there.</summary>
    public void Snapshot(long index, object state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (index < 1 || index > LastApplied)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"A snapshot can cover only applied entries: index must be between 1 and LastApplied ({LastApplied}).");
        }

        if (index <= SnapshotIndex)
        {
            return;
        }

        _snapshot = new StoredSnapshot(index, TermAt(index), state);
        _log = _log.RemoveRange(0, (int)(index - _log[0].Index + 1));
        _context.Storage.Put(SnapshotKey, _snapshot);
        PersistLog();
    }

    private void OnRequestVote(NodeId from, RequestVote request)
    {
        ObserveTerm(request.Term);
        bool granted = false;
        if (request.Term == CurrentTerm && (VotedFor is null || VotedFor == request.Candidate) && IsUpToDate(request))
        {
            granted = true;
            if (VotedFor is null)
            {
                VotedFor = request.Candidate;
                PersistTermAndVote();
            }

            ResetElectionTimer();
        }

        _context.Send(from, new RequestVoteReply(CurrentTerm, granted));
    }

    private bool IsUpToDate(RequestVote request) =>
        request.LastLogTerm > LastLogTerm || (request.LastLogTerm == LastLogTerm && request.LastLogIndex >= LastLogIndex);

    private void OnRequestVoteReply(NodeId from, RequestVoteReply reply)
    {
        ObserveTerm(reply.Term);
        if (Role != RaftRole.Candidate || reply.Term != CurrentTerm || !reply.VoteGranted)
        {
            return;
        }

        _votes.Add(from);
        if (IsMajority(_votes.Count))
        {
            BecomeLeader();
        }
    }

    private void OnAppendEntries(NodeId from, AppendEntries request)
    {
        ObserveTerm(request.Term);
        if (request.Term < CurrentTerm)
        {
            _context.Send(from, new AppendEntriesReply(CurrentTerm, false, 0, 0, 0));
            return;
        }

        // A candidate that hears from the leader of its own term has lost the election.
        Role = RaftRole.Follower;
        ResetElectionTimer();

        long prevIndex = request.PrevLogIndex;
        long prevTerm = request.PrevLogTerm;
        IReadOnlyList<LogEntry> entries = request.Entries;
        long matchIndex = prevIndex + entries.Count;
        if (prevIndex < SnapshotIndex)
        {
            // Everything up to the snapshot is committed, so it matches the leader's log: skip that part.
            int skip = (int)Math.Min(entries.Count, SnapshotIndex - prevIndex);
            entries = [.. entries.Skip(skip)];
            prevIndex += skip;
            prevTerm = SnapshotTerm;
            if (prevIndex < SnapshotIndex)
            {
                _context.Send(from, new AppendEntriesReply(CurrentTerm, true, matchIndex, 0, 0));
                return;
            }
        }

        if (prevIndex > LastLogIndex)
        {
            _context.Send(from, new AppendEntriesReply(CurrentTerm, false, 0, LastLogIndex + 1, 0));
            return;
        }

        long termThere = TermAt(prevIndex);
        if (termThere != prevTerm)
        {
            long first = prevIndex;
            while (first - 1 > SnapshotIndex && TermAt(first - 1) == termThere)
            {
                first--;
            }

            _context.Send(from, new AppendEntriesReply(CurrentTerm, false, 0, first, termThere));
            return;
        }

        bool changed = false;
        foreach (LogEntry entry in entries)
        {
            if (entry.Index <= LastLogIndex)
            {
                if (TermAt(entry.Index) == entry.Term)
                {
                    continue;
                }

                // Only a conflicting entry may truncate: a late, shorter request must not cut off newer entries.
                _log = _log.RemoveRange(Position(entry.Index), (int)(LastLogIndex - entry.Index + 1));
            }

            _log = _log.Add(entry);
            changed = true;
        }

        if (changed)
        {
            PersistLog();
        }

        if (request.LeaderCommit > CommitIndex)
        {
            CommitIndex = Math.Max(CommitIndex, Math.Min(request.LeaderCommit, matchIndex));
            ApplyCommitted();
        }

        _context.Send(from, new AppendEntriesReply(CurrentTerm, true, matchIndex, 0, 0));
    }

    private void OnAppendEntriesReply(NodeId from, AppendEntriesReply reply)
    {
        ObserveTerm(reply.Term);
        if (Role != RaftRole.Leader || reply.Term != CurrentTerm)
        {
            return;
        }

        if (reply.Success)
        {
            Matched(from, reply.MatchIndex);
            return;
        }

        long next = reply.ConflictIndex;
        if (reply.ConflictTerm != 0)
        {
            long last = LastIndexOfTerm(reply.ConflictTerm);
            if (last > 0)
            {
                next = last + 1;
            }
        }

        // A late rejection must not send the leader back past what the follower has already confirmed.
        _nextIndex[from] = Math.Max(Math.Max(next, 1), _matchIndex[from] + 1);
        Replicate(from);
    }

    private void OnInstallSnapshot(NodeId from, InstallSnapshot request)
    {
        ObserveTerm(request.Term);
        if (request.Term < CurrentTerm)
        {
            _context.Send(from, new InstallSnapshotReply(CurrentTerm, 0));
            return;
        }

        Role = RaftRole.Follower;
        ResetElectionTimer();
        if (request.LastIncludedIndex > CommitIndex)
        {
            bool keepsSuffix = request.LastIncludedIndex <= LastLogIndex && request.LastIncludedIndex > SnapshotIndex
                && TermAt(request.LastIncludedIndex) == request.LastIncludedTerm;
            _log = keepsSuffix ? _log.RemoveRange(0, Position(request.LastIncludedIndex) + 1) : [];
            _snapshot = new StoredSnapshot(request.LastIncludedIndex, request.LastIncludedTerm, request.State);
            _context.Storage.Put(SnapshotKey, _snapshot);
            PersistLog();
            CommitIndex = request.LastIncludedIndex;
            LastApplied = request.LastIncludedIndex;
            _apply(new SnapshotApplied(_snapshot.Index, _snapshot.Term, _snapshot.State));
        }

        _context.Send(from, new InstallSnapshotReply(CurrentTerm, request.LastIncludedIndex));
    }

    private void OnInstallSnapshotReply(NodeId from, InstallSnapshotReply reply)
    {
        ObserveTerm(reply.Term);
        if (Role == RaftRole.Leader && reply.Term == CurrentTerm)
        {
            Matched(from, reply.LastIncludedIndex);
        }
    }

    private void Matched(NodeId peer, long matchIndex)
    {
        if (matchIndex > _matchIndex[peer])
        {
            _matchIndex[peer] = matchIndex;
        }

        _nextIndex[peer] = Math.Max(_nextIndex[peer], _matchIndex[peer] + 1);
        AdvanceCommitIndex();
        if (_nextIndex[peer] <= LastLogIndex)
        {
            Replicate(peer);
        }
    }

    private void ObserveTerm(long term)
    {
        if (term <= CurrentTerm)
        {
            return;
        }

        CurrentTerm = term;
        VotedFor = null;
        PersistTermAndVote();
        if (Role == RaftRole.Leader)
        {
            StopHeartbeats();
            ResetElectionTimer();
        }

        Role = RaftRole.Follower;
    }

    private void StartElection()
    {
        Role = RaftRole.Candidate;
        CurrentTerm++;
        VotedFor = _context.Id;
        PersistTermAndVote();
        _votes.Clear();
        _votes.Add(_context.Id);
        ResetElectionTimer();
        if (IsMajority(_votes.Count))
        {
            BecomeLeader();
            return;
        }

        _context.Broadcast(new RequestVote(CurrentTerm, _context.Id, LastLogIndex, LastLogTerm));
    }

    private void BecomeLeader()
    {
        Role = RaftRole.Leader;
        if (_electionTimer is { } timer)
        {
            _context.CancelTimer(timer);
            _electionTimer = null;
        }

        foreach (NodeId peer in _context.Peers)
        {
            _nextIndex[peer] = LastLogIndex + 1;
            _matchIndex[peer] = 0;
        }

        Heartbeat();
    }

    private void Heartbeat()
    {
        foreach (NodeId peer in _context.Peers)
        {
            Replicate(peer);
        }

        // Stryker disable once String : the timer label only names the event in the simulator's trace.
        _heartbeatTimer = _context.SetTimer(_options.HeartbeatInterval, Heartbeat, "heartbeat");
    }

    private void StopHeartbeats()
    {
        if (_heartbeatTimer is { } timer)
        {
            _context.CancelTimer(timer);
            _heartbeatTimer = null;
        }
    }

    /// <summary>Sends the peer everything from its next index (or the snapshot), and assumes it will arrive.</summary>
    private void Replicate(NodeId peer)
    {
        long next = _nextIndex[peer];
        if (next <= SnapshotIndex)
        {
            StoredSnapshot snapshot = _snapshot!;
            _context.Send(peer, new InstallSnapshot(CurrentTerm, _context.Id, snapshot.Index, snapshot.Term, snapshot.State));
            _nextIndex[peer] = snapshot.Index + 1;
            return;
        }

        long prev = next - 1;
        LogEntry[] entries = next <= LastLogIndex ? [.. _log.GetRange(Position(next), (int)(LastLogIndex - next + 1))] : [];
        _context.Send(peer, new AppendEntries(CurrentTerm, _context.Id, prev, TermAt(prev), entries, CommitIndex));
        // Optimistic pipelining: the next request carries only newer entries; a rejection moves next back.
        _nextIndex[peer] = LastLogIndex + 1;
    }

    private void AdvanceCommitIndex()
    {
        if (Role != RaftRole.Leader)
        {
            return;
        }

        for (long n = LastLogIndex; n > CommitIndex; n--)
        {
            // Figure 8: only an entry of the leader's own term is committed by counting replicas.
            if (TermAt(n) != CurrentTerm)
            {
                break;
            }

            int replicas = 1 + _matchIndex.Count(pair => pair.Value >= n);
            if (IsMajority(replicas))
            {
                CommitIndex = n;
                ApplyCommitted();
                break;
            }
        }
    }

    private void ApplyCommitted()
    {
        while (LastApplied < CommitIndex)
        {
            LogEntry entry = _log[Position(LastApplied + 1)];
            LastApplied = entry.Index;
            _apply(new CommandApplied(entry.Index, entry.Term, entry.Command));
        }
    }

    private void ResetElectionTimer()
    {
        if (_electionTimer is { } timer)
        {
            _context.CancelTimer(timer);
        }

        long min = _options.ElectionTimeoutMin.Ticks;
        long max = _options.ElectionTimeoutMax.Ticks;
        var timeout = TimeSpan.FromTicks(min + (long)(_context.Random.NextDouble() * (max - min)));
        // Stryker disable once String : the timer label only names the event in the simulator's trace.
        _electionTimer = _context.SetTimer(timeout, StartElection, "election timeout");
    }

    private bool IsMajority(int count) => 2 * count > ClusterSize;

    private int Position(long index) => (int)(index - SnapshotIndex - 1);

    private long TermAt(long index) => index == SnapshotIndex ? SnapshotTerm : _log[Position(index)].Term;

    private long LastIndexOfTerm(long term)
    {
        for (int i = _log.Count - 1; i >= 0; i--)
        {
            if (_log[i].Term == term)
            {
                return _log[i].Index;
            }

            if (_log[i].Term < term)
            {
                break;
            }
        }

        return 0;
    }

    private void PersistTermAndVote() => _context.Storage.Put(TermKey, new TermAndVote(CurrentTerm, VotedFor));

    private void PersistLog() => _context.Storage.Put(LogKey, _log);

    private sealed record TermAndVote(long Term, NodeId? VotedFor);

    private sealed record StoredSnapshot(long Index, long Term, object State);
}
