using System.Globalization;
using System.Text;
using DistSys.Runtime;

namespace DistSys.Raft;

/// <summary>RequestVote RPC, sent by a candidate to every other node (Figure 2, "RequestVote RPC").</summary>
/// <param name="Term">The candidate's term.</param>
/// <param name="Candidate">The candidate asking for the vote.</param>
/// <param name="LastLogIndex">Index of the candidate's last log entry (0 if none, or its snapshot's index).</param>
/// <param name="LastLogTerm">Term of that entry (0 if none).</param>
public sealed record RequestVote(long Term, NodeId Candidate, long LastLogIndex, long LastLogTerm) : ISizedMessage
{
    /// <inheritdoc />
    public int SizeBytes => 32;
}

/// <summary>The answer to a <see cref="RequestVote"/>.</summary>
/// <param name="Term">The voter's current term, for the candidate to update itself.</param>
/// <param name="VoteGranted">True when the voter gave its vote for <paramref name="Term"/> to the candidate.</param>
public sealed record RequestVoteReply(long Term, bool VoteGranted) : ISizedMessage
{
    /// <inheritdoc />
    public int SizeBytes => 16;
}

/// <summary>
/// AppendEntries RPC, sent by the leader to replicate entries and, with no entries, as a heartbeat
/// (Figure 2, "AppendEntries RPC").
/// </summary>
/// <param name="Term">The leader's term.</param>
/// <param name="Leader">The leader, so followers know whom clients should talk to.</param>
/// <param name="PrevLogIndex">Index of the entry immediately before <paramref name="Entries"/>.</param>
/// <param name="PrevLogTerm">Term of that entry (0 for index 0).</param>
/// <param name="Entries">Entries to store, in order, starting at <paramref name="PrevLogIndex"/> + 1; empty for a heartbeat.</param>
/// <param name="LeaderCommit">The leader's commit index.</param>
public sealed record AppendEntries(
    long Term, NodeId Leader, long PrevLogIndex, long PrevLogTerm, IReadOnlyList<LogEntry> Entries, long LeaderCommit) : ISizedMessage
{
    /// <summary>40 bytes of header, plus 16 bytes and the command's <see cref="WireSize"/> per entry.</summary>
    public int SizeBytes => 40 + Entries.Sum(entry => 16 + WireSize.Of(entry.Command));

    /// <summary>A culture-invariant description that names the entries' range rather than listing them.</summary>
    /// <returns>For example <c>"AppendEntries { Term = 2, Leader = n1, Prev = 4@1, Entries = 5..7, LeaderCommit = 4 }"</c>.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"AppendEntries {{ Term = {Term}, Leader = {Leader}, Prev = {PrevLogIndex}@{PrevLogTerm}, Entries = ");
        text.Append(Entries.Count switch
        {
            0 => "none",
            1 => Entries[0].Index.ToString(CultureInfo.InvariantCulture),
            _ => string.Create(CultureInfo.InvariantCulture, $"{Entries[0].Index}..{Entries[^1].Index}"),
        });
        text.Append(CultureInfo.InvariantCulture, $", LeaderCommit = {LeaderCommit} }}");
        return text.ToString();
    }
}

/// <summary>The answer to an <see cref="AppendEntries"/>.</summary>
/// <param name="Term">The follower's current term, for the leader to update itself.</param>
/// <param name="Success">True when the follower's log contained an entry matching PrevLogIndex and PrevLogTerm.</param>
/// <param name="MatchIndex">
/// On success, PrevLogIndex + the number of entries in the request: the follower's log now matches the leader's up
/// to there. Replies can arrive late and out of order, so the leader must not assume which request this answers.
/// </param>
/// <param name="ConflictIndex">
/// On failure, where the leader should look next: the first index of <paramref name="ConflictTerm"/> in the
/// follower's log, or the follower's last index + 1 when its log is too short. 0 on success.
/// </param>
/// <param name="ConflictTerm">On failure, the term of the follower's entry at PrevLogIndex; 0 when it has none.</param>
public sealed record AppendEntriesReply(long Term, bool Success, long MatchIndex, long ConflictIndex, long ConflictTerm) : ISizedMessage
{
    /// <inheritdoc />
    public int SizeBytes => 40;
}

/// <summary>
/// InstallSnapshot RPC (Figure 13 of the Raft paper, sent whole): the leader's snapshot, for a follower that needs
/// entries the leader has already discarded.
/// </summary>
/// <param name="Term">The leader's term.</param>
/// <param name="Leader">The leader.</param>
/// <param name="LastIncludedIndex">The snapshot replaces all entries up to and including this index.</param>
/// <param name="LastIncludedTerm">Term of that entry.</param>
/// <param name="State">The application state, as the application gave it to <c>RaftNode.Snapshot</c>.</param>
public sealed record InstallSnapshot(long Term, NodeId Leader, long LastIncludedIndex, long LastIncludedTerm, object State) : ISizedMessage
{
    /// <summary>40 bytes of header plus the state's <see cref="WireSize"/>.</summary>
    public int SizeBytes => 40 + WireSize.Of(State);

    /// <summary>A culture-invariant description that leaves out the state itself.</summary>
    /// <returns>For example <c>"InstallSnapshot { Term = 3, Leader = n2, LastIncluded = 40@2 }"</c>.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"InstallSnapshot {{ Term = {Term}, Leader = {Leader}, LastIncluded = {LastIncludedIndex}@{LastIncludedTerm} }}");
}

/// <summary>The answer to an <see cref="InstallSnapshot"/>.</summary>
/// <param name="Term">The follower's current term.</param>
/// <param name="LastIncludedIndex">The request's LastIncludedIndex: the follower now matches the leader up to there.</param>
public sealed record InstallSnapshotReply(long Term, long LastIncludedIndex) : ISizedMessage
{
    /// <inheritdoc />
    public int SizeBytes => 24;
}
