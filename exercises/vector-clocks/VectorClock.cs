namespace DistSys.VectorClocks;

/// <summary>
/// An immutable vector clock: one counter per node id, counting the events of that node that the holder knows about.
/// <para>
/// A node ticks its own entry for each of its events; a receiver merges the clock that came with a message into its own
/// (entry-wise maximum) before ticking. Then, for any two events e and f, e happened before f exactly when e's clock is
/// less than or equal to f's in every entry and different from it: the clocks capture causality, not just an order.
/// </para>
/// <para>
/// A missing entry counts as zero, so <c>{a:1}</c> and <c>{a:1, b:0}</c> are the same clock. Every operation returns
/// a new clock and leaves this one unchanged, so a clock can be put in a message and kept at the same time.
/// </para>
/// </summary>
public sealed class VectorClock
{
    /// <summary>Creates the empty clock: every entry is zero (no event known yet).</summary>
    public VectorClock() =>
        throw new NotImplementedException("Implement VectorClock(): the empty clock, with no entries.");

    /// <summary>Creates a clock with the given entries; zero entries are dropped.</summary>
    /// <param name="entries">Counters by node id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    /// <exception cref="ArgumentException">A node id is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A counter is negative: counters start at zero and only grow.</exception>
    public VectorClock(IReadOnlyDictionary<string, long> entries) =>
        throw new NotImplementedException("Implement VectorClock(entries): validate, drop zero entries and keep a private copy.");

    /// <summary>The non-zero entries, in ordinal order of the node ids.</summary>
    public IReadOnlyDictionary<string, long> Entries =>
        throw new NotImplementedException("Implement VectorClock.Entries: the non-zero counters, sorted by node id (ordinal).");

    /// <summary>The counter of <paramref name="nodeId"/>; zero when the clock has no entry for it.</summary>
    /// <param name="nodeId">A node id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nodeId"/> is null.</exception>
    public long this[string nodeId] =>
        throw new NotImplementedException("Implement the VectorClock indexer: the node's counter, or zero when it has none.");

    /// <summary>A copy of this clock with <paramref name="nodeId"/>'s counter one higher: the stamp of that node's next event.</summary>
    /// <param name="nodeId">The node whose event this is.</param>
    /// <returns>The new clock; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodeId"/> is empty or white space.</exception>
    public VectorClock Increment(string nodeId) =>
        throw new NotImplementedException("Implement VectorClock.Increment: copy, then add one to the node's entry.");

    /// <summary>
    /// The least upper bound of the two clocks: each entry is the larger of the two. It is the smallest clock that is
    /// after-or-equal to both, and merging is commutative, associative and idempotent.
    /// </summary>
    /// <param name="other">The clock to merge with.</param>
    /// <returns>The merged clock; neither input changes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public VectorClock Merge(VectorClock other) =>
        throw new NotImplementedException("Implement VectorClock.Merge: the entry-wise maximum over the ids of both clocks.");

    /// <summary>
    /// How this clock relates to <paramref name="other"/>: <see cref="Causality.Equal"/> when every entry is the same,
    /// <see cref="Causality.Before"/> when no entry is greater and some entry is smaller, <see cref="Causality.After"/>
    /// for the reverse, and <see cref="Causality.Concurrent"/> when each has an entry greater than the other's.
    /// Entries missing from one clock count as zero there.
    /// </summary>
    /// <param name="other">The clock to compare with.</param>
    /// <returns>The relation of this clock to <paramref name="other"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Causality Compare(VectorClock other) =>
        throw new NotImplementedException("Implement VectorClock.Compare: look at every id in either clock; missing entries are zero.");
}
