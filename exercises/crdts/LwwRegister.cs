namespace DistSys.Crdts;

/// <summary>
/// A last-writer-wins register: holds one value; when replicas disagree, the write with the greatest
/// <see cref="LwwTimestamp"/> wins.
/// <para>
/// Timestamps come from the injected <see cref="TimeProvider"/>, never from <see cref="DateTime.Now"/>: tests drive the
/// clock, and in a real system each replica's clock may be skewed. A write must also beat every write this replica has
/// already seen, even if its clock has not moved or lags behind a peer's: when the clock reading is not greater than
/// the current timestamp's ticks, use those ticks + 1.
/// </para>
/// <para>
/// The tie-break uses the id of the replica that <em>wrote</em> the value, which travels with the value through merges —
/// not the id of the replica doing the merge.
/// </para>
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class LwwRegister<T>
{
    /// <summary>Creates an empty register replica.</summary>
    /// <param name="replicaId">This replica's id, used as the writer id of its writes.</param>
    /// <param name="clock">Where write times come from.</param>
    /// <exception cref="ArgumentException">The id is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public LwwRegister(string replicaId, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        ArgumentNullException.ThrowIfNull(clock);
        ReplicaId = replicaId;
        // TODO: keep the clock for Set.
    }

    /// <summary>This replica's id.</summary>
    public string ReplicaId { get; }

    /// <summary>The winning value, or default when nothing was ever written.</summary>
    public T? Value => throw new NotImplementedException("Implement LwwRegister.Value: the value of the winning write.");

    /// <summary>The winning write's timestamp, or null when nothing was ever written.</summary>
    public LwwTimestamp? Timestamp =>
        throw new NotImplementedException("Implement LwwRegister.Timestamp: the timestamp of the winning write.");

    /// <summary>Writes <paramref name="value"/> with a timestamp from the clock that beats every write seen so far.</summary>
    public void Set(T value) =>
        throw new NotImplementedException("Implement LwwRegister.Set: timestamp the write from the injected clock (ticks + writer id).");

    /// <summary>Keeps whichever of the two writes has the greater timestamp.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void Merge(LwwRegister<T> other) =>
        throw new NotImplementedException("Implement LwwRegister.Merge: adopt the other value when its timestamp is greater.");

    /// <summary>A copy with the same replica id, value, timestamp and clock.</summary>
    public LwwRegister<T> Copy() =>
        throw new NotImplementedException("Implement LwwRegister.Copy: a copy with the same id, clock, value and timestamp.");
}
