using System.Globalization;
using DistSys.Runtime;

namespace DistSys.Raft;

/// <summary>The three roles of a Raft server (Figure 2 of the Raft paper, "Rules for Servers").</summary>
public enum RaftRole
{
    /// <summary>Passive: answers leaders and candidates, and starts an election when it hears from nobody for an election timeout.</summary>
    Follower,

    /// <summary>Asking for votes in its own, freshly incremented term.</summary>
    Candidate,

    /// <summary>Elected by a majority for the current term: accepts commands, replicates its log, decides what is committed.</summary>
    Leader,
}

/// <summary>Timing settings of a <c>RaftNode</c>. All durations are virtual time on the simulator.</summary>
/// <remarks>
/// These are plain values; the <c>RaftNode</c> constructor checks them and throws
/// <see cref="ArgumentOutOfRangeException"/> (parameter <c>options</c>) when they make no sense.
/// </remarks>
public sealed record RaftOptions
{
    /// <summary>
    /// Shortest election timeout (default 150 ms). Each time a node resets its election timer it draws a timeout
    /// uniformly from [<see cref="ElectionTimeoutMin"/>, <see cref="ElectionTimeoutMax"/>] with its own
    /// <see cref="INodeContext.Random"/>. Must be above zero and above <see cref="HeartbeatInterval"/>.
    /// </summary>
    public TimeSpan ElectionTimeoutMin { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Longest election timeout (default 300 ms); at least <see cref="ElectionTimeoutMin"/>.</summary>
    public TimeSpan ElectionTimeoutMax { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How often a leader sends <see cref="AppendEntries"/> to each follower when it has nothing new to say (default 50 ms).
    /// Above zero and below <see cref="ElectionTimeoutMin"/>, or followers would time out between heartbeats.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(50);
}

/// <summary>One entry of a Raft log.</summary>
/// <param name="Index">Its position in the log; the first entry is 1 (index 0 is the empty prefix, term 0).</param>
/// <param name="Term">The leader's term when the entry was created.</param>
/// <param name="Command">The application's command: an immutable value that is never null.</param>
public sealed record LogEntry(long Index, long Term, object Command)
{
    /// <summary>A short, culture-invariant description for traces.</summary>
    /// <returns>For example <c>"3@2:put x"</c> (index 3, term 2).</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}@{Term}:{Command}");
}

/// <summary>What <c>RaftNode.Start</c> answers.</summary>
/// <param name="Index">The index the command will have if it is ever committed; 0 when this node is not the leader.</param>
/// <param name="Term">This node's current term.</param>
/// <param name="IsLeader">Whether this node believed it was the leader and appended the command to its log.</param>
public readonly record struct StartResult(long Index, long Term, bool IsLeader);

/// <summary>
/// What a <c>RaftNode</c> hands to its application through the apply callback, strictly in index order: either one
/// committed command, or a snapshot that replaces the application's state up to an index.
/// </summary>
/// <param name="Index">The log index this message brings the application up to.</param>
/// <param name="Term">The term of the entry at <paramref name="Index"/>.</param>
public abstract record ApplyMessage(long Index, long Term);

/// <summary>A committed command, delivered once per node instance, in index order, with no gaps.</summary>
/// <param name="Index">Its log index.</param>
/// <param name="Term">Its term.</param>
/// <param name="Command">The command passed to <c>Start</c> on the leader that created the entry.</param>
public sealed record CommandApplied(long Index, long Term, object Command) : ApplyMessage(Index, Term);

/// <summary>
/// A snapshot the application must load in place of its state: every command up to <paramref name="Index"/> is in it.
/// Delivered when a node restarts with a snapshot on disk and when a leader's <see cref="InstallSnapshot"/> arrives.
/// </summary>
/// <param name="Index">The last log index the snapshot covers.</param>
/// <param name="Term">The term of that entry.</param>
/// <param name="State">The application state the application once gave to <c>RaftNode.Snapshot</c> (on some node).</param>
public sealed record SnapshotApplied(long Index, long Term, object State) : ApplyMessage(Index, Term);

/// <summary>Sizes of values on the simulated wire, so that the byte counts in <see cref="SimulationMetrics"/> mean something.</summary>
public static class WireSize
{
    /// <summary>
    /// The bytes a command or snapshot state counts for: a string its length, a byte array its length, an
    /// <see cref="ISizedMessage"/> its <see cref="ISizedMessage.SizeBytes"/>, anything else 8.
    /// </summary>
    /// <param name="value">The value (null counts 0).</param>
    /// <returns>Its size in bytes.</returns>
    public static int Of(object? value) => value switch
    {
        null => 0,
        string text => text.Length,
        byte[] bytes => bytes.Length,
        ISizedMessage sized => sized.SizeBytes,
        _ => 8,
    };
}
