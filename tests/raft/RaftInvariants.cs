using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>
/// The safety properties of Figure 3 of the Raft paper, plus monotonic terms and commit indices, checked after every
/// simulator event. A violation stops the run with an <see cref="InvariantViolationException"/> that names the
/// property, the seed, the replay command and the last trace events.
/// </summary>
/// <remarks>
/// The checks are incremental so that they stay cheap with long logs: a node's log is rescanned only when its length,
/// first or last entry changed, and then only entries that are new objects (or follow one) are checked.
/// "Committed" is what some node's <see cref="RaftNode.CommitIndex"/> covered or what some application received; an
/// entry's commit term is the smallest term of a node seen holding it as committed, which is never below the term in
/// which it really was committed, so Leader Completeness is checked only where it must hold.
/// </remarks>
internal sealed class RaftInvariants
{
    public const string ElectionSafety = "Election Safety";
    public const string OneVotePerTerm = "One vote per term";
    public const string LogMatching = "Log Matching";
    public const string LeaderCompleteness = "Leader Completeness";
    public const string StateMachineSafety = "State Machine Safety";
    public const string MonotonicTerms = "Monotonic terms";
    public const string MonotonicCommit = "Monotonic commit index";

    private readonly Simulation _simulation;
    private readonly IReadOnlyList<NodeId> _nodes;
    private readonly Func<NodeId, RaftNode?> _raft;
    private readonly Dictionary<long, NodeId> _leaderOfTerm = [];
    private readonly Dictionary<NodeId, (long Term, NodeId? Vote)> _lastVote = [];
    private readonly Dictionary<NodeId, NodeView> _views = [];
    private readonly Dictionary<(long Index, long Term), (object Command, long PrevTerm)> _entries = [];
    private readonly Dictionary<long, Committed> _committed = [];
    private readonly HashSet<(NodeId Node, long Term)> _leadersChecked = [];
    private readonly Dictionary<NodeId, long> _applyCursor = [];
    private readonly Dictionary<string, string> _pending = [];
    private RaftNode?[] _current = [];

    public RaftInvariants(Simulation simulation, IReadOnlyList<NodeId> nodes, Func<NodeId, RaftNode?> raft)
    {
        _simulation = simulation;
        _nodes = nodes;
        _raft = raft;
        simulation.AddInvariant(ElectionSafety, () =>
        {
            // The first invariant looks every node up once per event; the others reuse what it found.
            _current = [.. nodes.Select(raft)];
            return CheckElectionSafety();
        });
        simulation.AddInvariant(OneVotePerTerm, CheckVotes);
        simulation.AddInvariant(MonotonicTerms, CheckTerms);
        simulation.AddInvariant(MonotonicCommit, CheckCommit);
        // The log scan also finds State Machine Safety and Leader Completeness violations; they are reported under
        // their own names by the two invariants registered after it, in the same event.
        simulation.AddInvariant(LogMatching, CheckLogs);
        simulation.AddInvariant(StateMachineSafety, () => Pending(StateMachineSafety));
        simulation.AddInvariant(LeaderCompleteness, () => Pending(LeaderCompleteness) ?? CheckNewLeaders());
    }

    /// <summary>Highest committed index seen so far (0 if none).</summary>
    public long HighestCommitted { get; private set; }

    /// <summary>The command committed at <paramref name="index"/>, if known.</summary>
    public bool TryGetCommitted(long index, out object command)
    {
        bool known = _committed.TryGetValue(index, out Committed? entry);
        command = known ? entry!.Command : null!;
        return known;
    }

    /// <summary>A new instance of <paramref name="node"/> was created: it applies from scratch (or from its snapshot).</summary>
    public void NewInstance(NodeId node) => _applyCursor[node] = 0;

    /// <summary>
    /// Checks one apply callback: in order, no gaps, and the same command at an index on every node. Violations are
    /// reported after the event (an exception thrown here would blame the node's code).
    /// </summary>
    public void Applied(NodeId node, ApplyMessage message, long applierTerm)
    {
        _current = []; // Inside an event the nodes found after the previous one may be stale.
        long cursor = _applyCursor.GetValueOrDefault(node);
        switch (message)
        {
            case CommandApplied command:
                if (command.Index != cursor + 1)
                {
                    ReportApply($"{node} applied index {command.Index} right after {cursor}: committed entries must be applied in order, with no gaps and no repeats");
                    return;
                }

                RecordCommitted(node, command.Index, command.Term, command.Command, applierTerm, "applied");
                break;
            case SnapshotApplied snapshot:
                if (snapshot.Index <= cursor)
                {
                    ReportApply($"{node} installed a snapshot up to {snapshot.Index} after already applying up to {cursor}: a snapshot must move the application forward");
                    return;
                }

                break;
        }

        _applyCursor[node] = message.Index;
    }

    /// <summary>For the application's own consistency checks (snapshot contents).</summary>
    public void ReportApply(string violation) => Fail(StateMachineSafety, violation);

    private string? CheckElectionSafety()
    {
        foreach (NodeId node in _nodes)
        {
            if (Current(node) is { Role: RaftRole.Leader } raft)
            {
                if (!_leaderOfTerm.TryAdd(raft.CurrentTerm, node) && _leaderOfTerm[raft.CurrentTerm] != node)
                {
                    return $"{_leaderOfTerm[raft.CurrentTerm]} and {node} were both leader in term {raft.CurrentTerm}";
                }
            }
        }

        return null;
    }

    private string? CheckVotes()
    {
        foreach (NodeId node in _nodes)
        {
            if (Current(node) is not { } raft)
            {
                continue;
            }

            if (_lastVote.TryGetValue(node, out var last) && last.Term == raft.CurrentTerm && last.Vote is { } earlier
                && raft.VotedFor != earlier)
            {
                return $"{node} voted for {earlier} in term {raft.CurrentTerm} and then {Describe(raft.VotedFor)} in the same term (is the vote persisted before answering?)";
            }

            _lastVote[node] = (raft.CurrentTerm, raft.VotedFor);
        }

        return null;
    }

    private string? CheckTerms()
    {
        foreach (NodeId node in _nodes)
        {
            if (Current(node) is not { } raft)
            {
                continue;
            }

            NodeView view = View(node);
            if (raft.CurrentTerm < view.Term)
            {
                return $"{node}'s term went from {view.Term} down to {raft.CurrentTerm} (a term must never decrease, not even across a crash: persist it)";
            }

            view.Term = raft.CurrentTerm;
        }

        return null;
    }

    private string? CheckCommit()
    {
        foreach (NodeId node in _nodes)
        {
            if (Current(node) is not { } raft)
            {
                continue;
            }

            NodeView view = View(node);
            if (ReferenceEquals(view.CommitInstance, raft) && raft.CommitIndex < view.Commit)
            {
                return $"{node}'s commit index went from {view.Commit} down to {raft.CommitIndex}";
            }

            long lastIndex = raft.Log.Count > 0 ? raft.Log[^1].Index : raft.SnapshotIndex;
            if (raft.CommitIndex > lastIndex)
            {
                return $"{node}'s commit index {raft.CommitIndex} is beyond its last log index {lastIndex}";
            }

            if (raft.LastApplied > raft.CommitIndex)
            {
                return $"{node} applied up to {raft.LastApplied} but has committed only up to {raft.CommitIndex}";
            }

            view.CommitInstance = raft;
            view.Commit = raft.CommitIndex;
        }

        return null;
    }

    private string? CheckLogs()
    {
        foreach (NodeId node in _nodes)
        {
            if (Current(node) is { } raft && CheckLog(node, raft) is { } violation)
            {
                return violation;
            }
        }

        return null;
    }

    private string? CheckLog(NodeId node, RaftNode raft)
    {
        NodeView view = View(node);
        IReadOnlyList<LogEntry> log = raft.Log;
        int count = log.Count;
        LogEntry? first = count > 0 ? log[0] : null;
        LogEntry? last = count > 0 ? log[^1] : null;
        bool sameInstance = ReferenceEquals(view.LogInstance, raft);
        bool unchanged = sameInstance && count == view.Entries.Length && raft.SnapshotIndex == view.SnapshotIndex
            && (count == 0 || (ReferenceEquals(first, view.Entries[0]) && ReferenceEquals(last, view.Entries[^1])));
        bool leaderSinceLastLook = sameInstance && view.LeaderTerm is { } term && raft.Role == RaftRole.Leader && raft.CurrentTerm == term;
        if (!unchanged)
        {
            // Usually entries were only appended: walk back from the end to the first entry already checked. Every
            // so often (and after a restart, a snapshot or a shrink) check the whole log instead.
            bool whole = !sameInstance || raft.SnapshotIndex != view.SnapshotIndex || count < view.Entries.Length
                || ++view.PartialScans % 32 == 0;
            int start = 0;
            if (!whole)
            {
                start = count;
                while (start > 0)
                {
                    LogEntry entry = log[start - 1];
                    long cached = entry.Index - view.FirstIndex;
                    if (cached >= 0 && cached < view.Entries.Length && ReferenceEquals(view.Entries[cached], entry))
                    {
                        break;
                    }

                    start--;
                }
            }

            var entries = new LogEntry[count];
            Array.Copy(view.Entries, entries, Math.Min(start, view.Entries.Length));
            long expectedIndex = raft.SnapshotIndex + 1 + start;
            long prevTerm = start == 0 ? raft.SnapshotTerm : entries[start - 1].Term;
            bool previousChanged = false;
            for (int position = start; position < count; position++)
            {
                LogEntry entry = log[position];
                entries[position] = entry;
                if (entry is null || entry.Index != expectedIndex)
                {
                    return Fail(LogMatching, $"{node}'s log holds {(entry is null ? "null" : "index " + entry.Index)} where index {expectedIndex} belongs (snapshot index {raft.SnapshotIndex}): Log must list consecutive indices after the snapshot");
                }

                long cached = entry.Index - view.FirstIndex;
                bool known = sameInstance && cached >= 0 && cached < view.Entries.Length && ReferenceEquals(view.Entries[cached], entry);
                if (!known || previousChanged)
                {
                    if (leaderSinceLastLook && !known && cached >= 0 && cached < view.Entries.Length)
                    {
                        return Fail(LeaderCompleteness, $"{node}, leader of term {view.LeaderTerm}, replaced its own entry {view.Entries[cached]} with {entry}: a leader never overwrites or deletes entries in its log");
                    }

                    if (entry.Command is null)
                    {
                        return Fail(LogMatching, $"{node}'s log holds an entry with a null command at index {entry.Index}");
                    }

                    if (entry.Index <= raft.CommitIndex && _committed.TryGetValue(entry.Index, out Committed? committed)
                        && (committed.Term != entry.Term || !Equals(committed.Command, entry.Command)))
                    {
                        return Fail(StateMachineSafety, $"{node} replaced committed entry {entry.Index}@{committed.Term}:{committed.Command} with {entry}");
                    }

                    if (_entries.TryGetValue((entry.Index, entry.Term), out var seen))
                    {
                        if (!Equals(seen.Command, entry.Command) || seen.PrevTerm != prevTerm)
                        {
                            return Fail(LogMatching, $"two logs hold index {entry.Index} in term {entry.Term} but differ: '{seen.Command}' after an entry of term {seen.PrevTerm}, versus {node}'s '{entry.Command}' after an entry of term {prevTerm}");
                        }
                    }
                    else
                    {
                        _entries[(entry.Index, entry.Term)] = (entry.Command, prevTerm);
                    }
                }

                previousChanged = !known;
                prevTerm = entry.Term;
                expectedIndex++;
            }

            long lastIndex = count > 0 ? log[^1].Index : raft.SnapshotIndex;
            if (leaderSinceLastLook && view.Entries.Length > 0 && lastIndex < view.Entries[^1].Index)
            {
                return Fail(LeaderCompleteness, $"{node}, leader of term {view.LeaderTerm}, dropped entries up to {view.Entries[^1]} from its log: a leader never deletes entries");
            }

            view.Entries = entries;
            view.FirstIndex = raft.SnapshotIndex + 1;
            view.SnapshotIndex = raft.SnapshotIndex;
            view.LogInstance = raft;
            view.RecordedCommit = sameInstance ? view.RecordedCommit : 0;
        }

        view.LeaderTerm = raft.Role == RaftRole.Leader ? raft.CurrentTerm : null;

        // Whatever the node holds as committed joins the committed record (and must agree with it).
        long from = Math.Max(view.RecordedCommit, raft.SnapshotIndex) + 1;
        long to = Math.Min(raft.CommitIndex, raft.SnapshotIndex + view.Entries.Length);
        for (long index = from; index <= to; index++)
        {
            LogEntry entry = view.Entries[index - view.FirstIndex];
            RecordCommitted(node, index, entry.Term, entry.Command, raft.CurrentTerm, "holds as committed");
        }

        view.RecordedCommit = Math.Max(view.RecordedCommit, to);
        return null;
    }

    private string? CheckNewLeaders()
    {
        foreach (NodeId node in _nodes)
        {
            if (Current(node) is not { Role: RaftRole.Leader } raft || !_leadersChecked.Add((node, raft.CurrentTerm)))
            {
                continue;
            }

            foreach ((long index, Committed committed) in _committed)
            {
                if (committed.CommitTerm < raft.CurrentTerm && Lacks(raft, index, committed) is { } missing)
                {
                    return $"{node} became leader of term {raft.CurrentTerm} without entry {index}@{committed.Term}:{committed.Command}, committed by term {committed.CommitTerm} ({missing})";
                }
            }
        }

        return null;
    }

    private void RecordCommitted(NodeId node, long index, long term, object command, long observerTerm, string how)
    {
        if (_committed.TryGetValue(index, out Committed? known))
        {
            if (known.Term != term || !Equals(known.Command, command))
            {
                Fail(StateMachineSafety, $"{node} {how} {index}@{term}:{command}, but {known.Node} {known.How} {index}@{known.Term}:{known.Command}");
            }
            else if (observerTerm < known.CommitTerm)
            {
                _committed[index] = known with { CommitTerm = observerTerm };
            }

            return;
        }

        _committed[index] = new Committed(term, command, observerTerm, node, how);
        HighestCommitted = Math.Max(HighestCommitted, index);
        foreach (NodeId other in _nodes)
        {
            if (Current(other) is { Role: RaftRole.Leader } leader && leader.CurrentTerm > observerTerm
                && Lacks(leader, index, _committed[index]) is { } missing)
            {
                Fail(LeaderCompleteness, $"entry {index}@{term}:{command} is committed (by term {observerTerm}), but {other}, leader of term {leader.CurrentTerm}, lacks it ({missing})");
            }
        }
    }

    private static string? Lacks(RaftNode leader, long index, Committed committed)
    {
        if (index < leader.SnapshotIndex)
        {
            return null;
        }

        if (index == leader.SnapshotIndex)
        {
            return leader.SnapshotTerm == committed.Term ? null : $"its snapshot ends at {index} in term {leader.SnapshotTerm}";
        }

        IReadOnlyList<LogEntry> log = leader.Log;
        long position = index - leader.SnapshotIndex - 1;
        if (position >= log.Count)
        {
            return $"its log ends at {leader.SnapshotIndex + log.Count}";
        }

        LogEntry entry = log[(int)position];
        return entry.Term == committed.Term && Equals(entry.Command, committed.Command) ? null : $"it holds {entry} there";
    }

    /// <summary>Log Matching violations stop the scan; the others wait for their own invariant (see the constructor).</summary>
    private string? Fail(string invariant, string violation)
    {
        if (invariant == LogMatching)
        {
            return violation;
        }

        _pending.TryAdd(invariant, violation);
        return null;
    }

    private string? Pending(string invariant) => _pending.GetValueOrDefault(invariant);

    private RaftNode? Current(NodeId node)
    {
        for (int i = 0; i < _current.Length; i++)
        {
            if (_nodes[i] == node)
            {
                return _current[i];
            }
        }

        return _raft(node);
    }

    private NodeView View(NodeId node)
    {
        if (!_views.TryGetValue(node, out NodeView? view))
        {
            view = new NodeView();
            _views[node] = view;
        }

        return view;
    }

    private static string Describe(NodeId? node) => node is { } id ? id.ToString() : "nobody";

    private sealed record Committed(long Term, object Command, long CommitTerm, NodeId Node, string How);

    private sealed class NodeView
    {
        public long Term { get; set; }
        public RaftNode? CommitInstance { get; set; }
        public long Commit { get; set; }
        public RaftNode? LogInstance { get; set; }
        public LogEntry[] Entries { get; set; } = [];
        public long FirstIndex { get; set; } = 1;
        public long SnapshotIndex { get; set; }
        public long? LeaderTerm { get; set; }
        public long RecordedCommit { get; set; }
        public int PartialScans { get; set; }
    }
}
