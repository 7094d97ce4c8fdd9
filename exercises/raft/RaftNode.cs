using DistSys.Runtime;

namespace DistSys.Raft;

/// <summary>
/// One Raft server, running as a node of the kit's simulator: leader election, log replication, persistence and
/// log compaction, as in Figure 2 (and Figure 13 for snapshots) of Ongaro and Ousterhout's
/// "In Search of an Understandable Consensus Algorithm".
/// <para>
/// <b>Talking.</b> Servers talk only through <see cref="INodeContext.Send"/> / <see cref="INodeContext.Broadcast"/>,
/// using the given message records (<see cref="RequestVote"/>, <see cref="RequestVoteReply"/>,
/// <see cref="AppendEntries"/>, <see cref="AppendEntriesReply"/>, <see cref="InstallSnapshot"/>,
/// <see cref="InstallSnapshotReply"/>): the tests count them, read them in the trace and sometimes inject them. There
/// are no RPCs: a request and its reply are two independent messages that may be lost, duplicated, delayed or
/// reordered. The cluster is this node plus <see cref="INodeContext.Peers"/>; a majority is more than half of it.
/// </para>
/// <para>
/// <b>Time.</b> Use <see cref="INodeContext.SetTimer"/> for election timeouts (drawn with
/// <see cref="INodeContext.Random"/> from <see cref="RaftOptions"/>) and heartbeats. Never threads, sleeps or the wall clock.
/// </para>
/// <para>
/// <b>Persistence.</b> <see cref="CurrentTerm"/>, <see cref="VotedFor"/>, the log and the snapshot must be in
/// <see cref="INodeContext.Storage"/> before the node sends any message that depends on them (a vote, a success
/// reply). A crash loses every field; <see cref="OnStart"/> on the new instance reads them back.
/// </para>
/// <para>
/// <b>The application.</b> Every committed command is handed to the apply callback as a <see cref="CommandApplied"/>,
/// once per node instance, in index order with no gaps. When the application calls <see cref="Snapshot"/>, the node
/// discards its log up to that index; a follower that needs discarded entries gets an <see cref="InstallSnapshot"/>
/// instead, and its application a <see cref="SnapshotApplied"/>.
/// </para>
/// </summary>
public sealed class RaftNode : INode
{
    /// <summary>
    /// Creates a server. Keep the arguments; do not send or set timers yet — that starts in <see cref="OnStart"/>.
    /// </summary>
    /// <param name="context">The node's window on the simulator (network, timers, randomness, storage).</param>
    /// <param name="options">Election timeouts and heartbeat interval.</param>
    /// <param name="apply">
    /// Receives committed commands and installed snapshots, in order. Called from inside this node's events; it may
    /// call <see cref="Snapshot"/> (but not <see cref="Start"/>).
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/>, <paramref name="options"/> or <paramref name="apply"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// (parameter <c>options</c>) <see cref="RaftOptions.ElectionTimeoutMin"/> is not above zero,
    /// <see cref="RaftOptions.ElectionTimeoutMax"/> is below it, or <see cref="RaftOptions.HeartbeatInterval"/> is not
    /// above zero and below <see cref="RaftOptions.ElectionTimeoutMin"/>.
    /// </exception>
    public RaftNode(INodeContext context, RaftOptions options, Action<ApplyMessage> apply)
    {
        throw new NotImplementedException(
            "Implement the RaftNode constructor: check the arguments (null checks, RaftOptions ranges) and keep them.");
    }

    /// <summary>The latest term this server has seen: 0 at first, never decreasing, even across a crash (persisted).</summary>
    public long CurrentTerm => throw new NotImplementedException("Implement RaftNode.CurrentTerm.");

    /// <summary>
    /// The candidate this server voted for in <see cref="CurrentTerm"/>, or null if it has not voted in this term
    /// (persisted: a node that crashes after voting must not vote for someone else in the same term).
    /// </summary>
    public NodeId? VotedFor => throw new NotImplementedException("Implement RaftNode.VotedFor.");

    /// <summary>Follower, candidate or leader. Every node starts (and restarts) as a follower.</summary>
    public RaftRole Role => throw new NotImplementedException("Implement RaftNode.Role.");

    /// <summary>
    /// The highest log index this node knows to be committed (0 at first). Never decreases while the node runs; after
    /// a restart it starts again from <see cref="SnapshotIndex"/>.
    /// </summary>
    public long CommitIndex => throw new NotImplementedException("Implement RaftNode.CommitIndex.");

    /// <summary>The highest log index delivered to the application (at most <see cref="CommitIndex"/>).</summary>
    public long LastApplied => throw new NotImplementedException("Implement RaftNode.LastApplied.");

    /// <summary>
    /// The log entries this node still holds, after its snapshot: consecutive indices from <see cref="SnapshotIndex"/> + 1
    /// to the last index. Tests read it after every event, so return your list (or an immutable one), not a copy.
    /// </summary>
    public IReadOnlyList<LogEntry> Log => throw new NotImplementedException("Implement RaftNode.Log.");

    /// <summary>The last index covered by this node's snapshot, or 0 when it has none.</summary>
    public long SnapshotIndex => throw new NotImplementedException("Implement RaftNode.SnapshotIndex.");

    /// <summary>The term of the entry at <see cref="SnapshotIndex"/>, or 0 when there is no snapshot.</summary>
    public long SnapshotTerm => throw new NotImplementedException("Implement RaftNode.SnapshotTerm.");

    /// <summary>
    /// Called when the node starts and after every restart: read term, vote, log and snapshot back from
    /// <see cref="INodeContext.Storage"/>, hand a stored snapshot to the application (<see cref="SnapshotApplied"/>),
    /// become a follower and set the election timer.
    /// </summary>
    public void OnStart() =>
        throw new NotImplementedException("Implement RaftNode.OnStart: restore the persisted state, then start the election timer.");

    /// <summary>
    /// Handles one Raft message. Whatever the message: a term above <see cref="CurrentTerm"/> makes this node adopt
    /// it (and forget its vote) and become a follower; a request from an older term is refused. Unknown messages are ignored.
    /// </summary>
    /// <param name="from">The sender.</param>
    /// <param name="message">One of the given Raft message records.</param>
    public void OnMessage(NodeId from, object message) =>
        throw new NotImplementedException("Implement RaftNode.OnMessage: RequestVote, AppendEntries, InstallSnapshot and their replies.");

    /// <summary>
    /// Asks this node to replicate <paramref name="command"/>. A leader appends it to its log (persisted), starts sending
    /// it to the followers and returns at once; there is no guarantee it will ever be committed (the leader may lose
    /// leadership first). A node that is not the leader does nothing and returns <c>IsLeader = false</c>, index 0.
    /// </summary>
    /// <param name="command">An immutable value; it reaches every node's application unchanged once committed.</param>
    /// <returns>The index the command will have if committed, the current term, and whether this node is the leader.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    public StartResult Start(object command) =>
        throw new NotImplementedException("Implement RaftNode.Start: a leader appends the command and replicates it.");

    /// <summary>
    /// The application's <paramref name="state"/> includes every command up to <paramref name="index"/>: keep it as the
    /// snapshot (persisted) and discard the log entries up to and including <paramref name="index"/>. An index at or below
    /// the current <see cref="SnapshotIndex"/> does nothing.
    /// </summary>
    /// <param name="index">The last applied index the state includes: from 1 to <see cref="LastApplied"/>.</param>
    /// <param name="state">The application's state, immutable; sent as is in <see cref="InstallSnapshot"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is below 1 or above <see cref="LastApplied"/>.</exception>
    public void Snapshot(long index, object state) =>
        throw new NotImplementedException("Implement RaftNode.Snapshot: remember the state and trim the log up to the index.");
}
