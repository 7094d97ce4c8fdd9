namespace DistSys.ZeroCoordinationDb;

/// <summary>
/// One replica's copy of the whole database: a state-based CRDT map from string keys to string values, in which every
/// key holds a multi-value register. Writes never wait for anyone; <see cref="Merge"/> folds in another replica's
/// state and is commutative, associative and idempotent, so replicas that have exchanged states agree.
/// <para>
/// <b>The state.</b> For every key, the set of writes that are still alive (each a <see cref="VersionedValue"/>: a
/// <see cref="Dot"/> and a value), plus one <em>causal context</em> for the whole replica: a version vector (replica id
/// → highest dot counter seen from it). A dot <c>(r, c)</c> is <em>covered</em> by a context when the context's entry
/// for <c>r</c> is at least <c>c</c>.
/// </para>
/// <para>
/// <b>Writing.</b> <see cref="Put"/> mints a new dot <c>(ReplicaId, m + 1)</c> where <c>m</c> is the largest counter in
/// the context (so a write orders after everything this replica has seen), records it in the context, and makes it
/// the key's only live write: every write of that key this replica had observed is replaced. <see cref="Remove"/>
/// drops the key's observed writes (their dots stay covered by the context, which is what remembers the delete).
/// </para>
/// <para>
/// <b>Merging.</b> For each key, a write survives when both sides have it, or when one side has it and the other
/// side's context does not cover it (the other side never saw it, so it did not delete or overwrite it). A write one
/// side has and the other side's context covers was overwritten or deleted there, and is dropped. The contexts merge
/// by taking, per replica id, the larger counter. A key with no surviving write is absent.
/// </para>
/// <para>
/// <b>What concurrent operations do.</b> Two concurrent puts of one key both survive as siblings
/// (<see cref="Versions"/>); <see cref="Get"/> returns the value of the greatest dot, so every replica picks the same
/// winner, and the next put on any replica that has seen both replaces them. A put concurrent with a delete
/// <b>wins</b>: the delete only removed the writes it had observed (update-wins, like Riak's maps).
/// </para>
/// </summary>
public sealed class ReplicaState
{
    /// <summary>Creates an empty database replica named <paramref name="replicaId"/>.</summary>
    /// <param name="replicaId">The id this replica puts in the dots it mints.</param>
    /// <exception cref="ArgumentNullException"><paramref name="replicaId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="replicaId"/> is empty or white space.</exception>
    public ReplicaState(string replicaId) =>
        throw new NotImplementedException("Implement the ReplicaState constructor: check the id, create the per-key live writes and the causal context (version vector).");

    /// <summary>The id this replica puts in the dots it mints.</summary>
    public string ReplicaId =>
        throw new NotImplementedException("Implement ReplicaState.ReplicaId.");

    /// <summary>The causal context: for every replica id seen, the highest dot counter seen from it (a copy).</summary>
    public IReadOnlyDictionary<string, long> Context =>
        throw new NotImplementedException("Implement ReplicaState.Context: a copy of the version vector (replica id -> highest counter seen).");

    /// <summary>The keys that currently have at least one live write, in ordinal order.</summary>
    public IReadOnlyList<string> Keys =>
        throw new NotImplementedException("Implement ReplicaState.Keys: the keys with a live write, sorted ordinally.");

    /// <summary>Whether <paramref name="key"/> has a live write.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool Contains(string key) =>
        throw new NotImplementedException("Implement ReplicaState.Contains: true when the key has a live write.");

    /// <summary>The key's value: the value of its live write with the greatest <see cref="Dot"/>; null when absent.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public string? Get(string key) =>
        throw new NotImplementedException("Implement ReplicaState.Get: the value of the live write with the greatest dot, or null.");

    /// <summary>The key's live writes (one, or several concurrent siblings), ordered by dot; empty when absent.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public IReadOnlyList<VersionedValue> Versions(string key) =>
        throw new NotImplementedException("Implement ReplicaState.Versions: the key's live writes, ordered by dot.");

    /// <summary>
    /// Writes <paramref name="value"/> under <paramref name="key"/>: mints the dot <c>(ReplicaId, largest counter in the
    /// context + 1)</c>, records it in the context and makes it the key's only live write on this replica.
    /// </summary>
    /// <param name="key">The key; any non-empty string.</param>
    /// <param name="value">The value; may be empty, not null.</param>
    /// <returns>The dot of the new write.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public Dot Put(string key, string value) =>
        throw new NotImplementedException("Implement ReplicaState.Put: mint a dot above everything seen, replace the key's observed writes with it.");

    /// <summary>
    /// Deletes <paramref name="key"/>: drops every live write of it this replica has observed. Writes made concurrently
    /// elsewhere survive the next merge (update wins over a concurrent delete).
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>True if the key had a live write here; false if it was already absent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool Remove(string key) =>
        throw new NotImplementedException("Implement ReplicaState.Remove: drop the key's observed writes (the context remembers them).");

    /// <summary>
    /// Folds <paramref name="other"/> into this replica: per key keep the writes both have and the writes one side has
    /// that the other side's context does not cover; then take the per-replica maximum of the two contexts.
    /// <paramref name="other"/> is not changed.
    /// </summary>
    /// <param name="other">Another replica's state (usually a copy received from the network).</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void Merge(ReplicaState other) =>
        throw new NotImplementedException("Implement ReplicaState.Merge: keep writes the other side has not covered, then max the contexts.");

    /// <summary>
    /// A deep copy with the same replica id: the snapshot to send to peers. Later changes to either do not affect the
    /// other. Only the original should go on writing (two live replicas with one id could mint the same dot).
    /// </summary>
    public ReplicaState Copy() =>
        throw new NotImplementedException("Implement ReplicaState.Copy: a deep copy of the live writes and the context.");
}
