using DistSys.Runtime;

namespace DistSys.KvStore;

// The ToString overrides below describe the messages in the simulator's trace (and so in this suite's failure
// messages); their format is no part of the exercise, whose students define their own messages.
// Stryker disable String : trace text only, out of contract

internal static class Show
{
    public static string Siblings(IReadOnlyList<Sibling> siblings) => "[" + string.Join(", ", siblings) + "]";
}

/// <summary>A coordinator's versions of a key for a home replica, or for a fallback to keep as a hint for <see cref="HintFor"/>.</summary>
internal sealed record Replicate(long Request, string Key, IReadOnlyList<Sibling> Siblings, NodeId? HintFor)
{
    public override string ToString() => $"Replicate #{Request} {Key} {Show.Siblings(Siblings)}{(HintFor is { } home ? " hint for " + home : "")}";
}

internal sealed record ReplicateAck(long Request)
{
    public override string ToString() => $"ReplicateAck #{Request}";
}

internal sealed record ReadRequest(long Request, string Key)
{
    public override string ToString() => $"Read #{Request} {Key}";
}

internal sealed record ReadReply(long Request, IReadOnlyList<Sibling> Siblings)
{
    public override string ToString() => $"ReadReply #{Request} {Show.Siblings(Siblings)}";
}

internal sealed record Repair(string Key, IReadOnlyList<Sibling> Siblings)
{
    public override string ToString() => $"Repair {Key} {Show.Siblings(Siblings)}";
}

/// <summary>A hint (or a key moving to a new home replica) offered to its home replica.</summary>
internal sealed record Handoff(string Key, IReadOnlyList<Sibling> Siblings)
{
    public override string ToString() => $"Handoff {Key} {Show.Siblings(Siblings)}";
}

internal sealed record HandoffAck(string Key, IReadOnlyList<Dot> Dots)
{
    public override string ToString() => $"HandoffAck {Key} [{string.Join(", ", Dots)}]";
}

/// <summary>Versions held durably for another node until it confirms it has merged them.</summary>
internal sealed record Hint(NodeId Home, string Key, IReadOnlyList<Sibling> Siblings);
