namespace DistSys.KvStore;

/// <summary>The outcome of <see cref="KvNode.Put"/>.</summary>
/// <param name="Succeeded">True when W nodes (the coordinator included) acknowledged the write in time.</param>
/// <param name="Context">The context after this write (its context plus its dot): pass it to the next write to replace this one.</param>
/// <param name="Error">Why the write failed; null when it succeeded. A failed write may still have reached some replicas.</param>
public sealed record PutResult(bool Succeeded, VectorClock Context, string? Error);

/// <summary>The outcome of <see cref="KvNode.Get"/>.</summary>
/// <param name="Succeeded">True when R home replicas replied in time.</param>
/// <param name="Siblings">The merged versions from the replies, sorted by dot: one for an ordinary key, several after concurrent writes, none for a key never written.</param>
/// <param name="Context">The context to pass to the next write: writing with it replaces every sibling returned.</param>
/// <param name="Error">Why the read failed; null when it succeeded.</param>
public sealed record GetResult(bool Succeeded, IReadOnlyList<Sibling> Siblings, VectorClock Context, string? Error)
{
    /// <summary>The siblings' values, in the siblings' order.</summary>
    public IReadOnlyList<string> Values => [.. Siblings.Select(s => s.Value)];
}
