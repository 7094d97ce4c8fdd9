using DistSys.Runtime;

namespace DistSys.KvStore;

// The ToString overrides below describe the messages in the simulator's trace (and so in this suite's failure
// messages); their format is no part of the exercise, whose students define their own messages. Stryker's comments
// apply to the declaration that follows them, hence one per override.

internal static class Show
{
    // Stryker disable once String : trace text only, out of contract
    public static string Siblings(IReadOnlyList<Sibling> siblings) => "[" + string.Join(", ", siblings) + "]";
}

/// <summary>A coordinator's versions of a key for a home replica, or for a fallback to keep as a hint for <see cref="HintFor"/>.</summary>
internal sealed record Replicate(long Request, string Key, IReadOnlyList<Sibling> Siblings, NodeId? HintFor)
{
    // Stryker disable once String : trace text only, out of contract
    public override string ToString() => $"Replicate #{Request} {Key} {Show.Siblings(Siblings)}{(HintFor is { } home ? " hint for " + home : "")}";
}

internal sealed record ReplicateAck(long Request)
{
    // Stryker disable once String : trace text only, out of contract
    public override string ToString() => $"ReplicateAck #{Request}";
}

internal sealed record ReadRequest(long Request, string Key)
{
    // Stryker disable once String : trace text only, out of contract
    public override string ToString() => $"Read #{Request} {Key}";
}

internal sealed record ReadReply(long Request, IReadOnlyList<Sibling> Siblings)
{
    // Stryker disable once String : trace text only, out of contract
    public override string ToString() => $"ReadReply #{Request} {Show.Siblings(Siblings)}";
}

internal sealed record Repair(string Key, IReadOnlyList<Sibling> Siblings)
{
    // Stryker disable once String : trace text only, out of contract
    public override string ToString() => $"Repair {Key} {Show.Siblings(Siblings)}";
}

/// <summary>A hint (or a key moving to a new home replica) offered to its home replica.</summary>
internal sealed record Handoff(string Key, IReadOnlyList<Sibling> Siblings)
{
    // Stryker disable once String : trace text only, out of contract
    public override string ToString() => $"Handoff {Key} {Show.Siblings(Siblings)}";
}

internal sealed record HandoffAck(string Key, IReadOnlyList<Dot> Dots)
{
    // Stryker disable once String : trace text only, out of contract
    public override string ToString() => $"HandoffAck {Key} [{string.Join(", ", Dots)}]";
}

/// <summary>Versions held durably for another node until it confirms it has merged them.</summary>
internal sealed record Hint(NodeId Home, string Key, IReadOnlyList<Sibling> Siblings);
