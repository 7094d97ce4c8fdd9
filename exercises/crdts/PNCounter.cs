namespace DistSys.Crdts;

/// <summary>
/// A counter that can also go down (PN-Counter), built from two grow-only counters: one collects increments,
/// the other decrements, and the value is their difference.
/// <para>
/// Why not let a G-Counter slot go down? Because merge keeps the larger slot value: a decrement would be silently
/// undone by the next merge with a replica that has not seen it yet.
/// </para>
/// </summary>
public sealed class PNCounter
{
    /// <summary>Creates a counter replica named <paramref name="replicaId"/>.</summary>
    /// <exception cref="ArgumentException">The id is null, empty or white space.</exception>
    public PNCounter(string replicaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        ReplicaId = replicaId;
        // TODO: create the two grow-only counters.
    }

    /// <summary>The id of the slots this replica updates.</summary>
    public string ReplicaId { get; }

    /// <summary>Total increments minus total decrements, over every replica this replica knows about.</summary>
    public long Value => throw new NotImplementedException("Implement PNCounter.Value: total increments minus total decrements.");

    /// <summary>The increment slots, keyed by replica id (ordinal order).</summary>
    public IReadOnlyDictionary<string, long> Increments =>
        throw new NotImplementedException("Implement PNCounter.Increments: the slots of the increment counter.");

    /// <summary>The decrement slots, keyed by replica id (ordinal order).</summary>
    public IReadOnlyDictionary<string, long> Decrements =>
        throw new NotImplementedException("Implement PNCounter.Decrements: the slots of the decrement counter.");

    /// <summary>Adds <paramref name="amount"/> (zero or more) to the value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative; use <see cref="Decrement"/>.</exception>
    public void Increment(long amount = 1) =>
        throw new NotImplementedException("Implement PNCounter.Increment: record the amount in the increment counter.");

    /// <summary>Subtracts <paramref name="amount"/> (zero or more) from the value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative.</exception>
    public void Decrement(long amount = 1) =>
        throw new NotImplementedException("Implement PNCounter.Decrement: record the amount in the decrement counter.");

    /// <summary>Folds <paramref name="other"/>'s state into this one (commutative, associative, idempotent).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void Merge(PNCounter other) =>
        throw new NotImplementedException("Implement PNCounter.Merge: merge both grow-only counters.");

    /// <summary>A deep copy with the same replica id; copy and original change independently.</summary>
    public PNCounter Copy() =>
        throw new NotImplementedException("Implement PNCounter.Copy: a deep copy of both grow-only counters.");
}
