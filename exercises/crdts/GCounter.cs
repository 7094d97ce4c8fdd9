namespace DistSys.Crdts;

/// <summary>
/// A grow-only counter (G-Counter), the simplest conflict-free replicated data type.
/// <para>
/// Every replica keeps one slot per replica id. A replica only ever adds to its <em>own</em> slot; the counter's value is
/// the sum of all slots. Replicas exchange whole states and <see cref="Merge"/> them, in any order, any number of
/// times, with no coordination, and still agree once they have seen the same updates.
/// </para>
/// <para>
/// For that to hold, merging must be commutative (a⊔b = b⊔a), associative ((a⊔b)⊔c = a⊔(b⊔c)) and idempotent
/// (a⊔a = a). Think about which operation on two slot values has all three properties — and why addition does not.
/// </para>
/// </summary>
public sealed class GCounter
{
    /// <summary>Creates a counter replica whose own slot is named <paramref name="replicaId"/>.</summary>
    /// <param name="replicaId">A non-empty id, unique among the replicas that will merge with each other.</param>
    /// <exception cref="ArgumentException">The id is null, empty or white space.</exception>
    public GCounter(string replicaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        ReplicaId = replicaId;
        // TODO: create the per-replica slots.
    }

    /// <summary>The id of the slot this replica increments.</summary>
    public string ReplicaId { get; }

    /// <summary>The counter's value: the sum of every replica's slot that this replica knows about.</summary>
    public long Value => throw new NotImplementedException("Implement GCounter.Value: the sum of all known slots.");

    /// <summary>
    /// Every slot this replica knows about, keyed by replica id, in ordinal order of the ids. A replica that never
    /// incremented need not appear. Used by reports and tests to inspect the state.
    /// </summary>
    public IReadOnlyDictionary<string, long> Counts =>
        throw new NotImplementedException("Implement GCounter.Counts: expose the per-replica slots, sorted by replica id (ordinal).");

    /// <summary>Adds <paramref name="amount"/> to this replica's own slot.</summary>
    /// <param name="amount">How much to add; zero is allowed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative: a G-Counter never goes down.</exception>
    public void Increment(long amount = 1) =>
        throw new NotImplementedException("Implement GCounter.Increment: add to this replica's own slot; reject negative amounts.");

    /// <summary>
    /// Folds <paramref name="other"/>'s state into this one. Afterwards this replica knows everything either replica
    /// knew. <paramref name="other"/> is not changed. Merging the same state twice changes nothing.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void Merge(GCounter other) =>
        throw new NotImplementedException("Implement GCounter.Merge: combine slot by slot so that merge is commutative, associative and idempotent.");

    /// <summary>
    /// A deep copy of this replica's state, with the same replica id: the snapshot a replica sends to its peers.
    /// Changing the copy must not change the original, and the other way round.
    /// </summary>
    public GCounter Copy() =>
        throw new NotImplementedException("Implement GCounter.Copy: a deep copy that shares no mutable state with the original.");
}
