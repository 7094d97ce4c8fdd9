namespace DistSys.Crdts;

/// <summary>
/// An observed-remove set (OR-Set): a set that replicas can add to and remove from concurrently.
/// <para>
/// Each <see cref="Add"/> attaches a fresh, globally unique tag to the element (for example this replica's id plus a
/// counter it increments). <see cref="Remove"/> marks as removed only the tags this replica has <em>observed</em> for
/// the element. An element is in the set while at least one of its tags is not removed. So when one replica removes
/// "x" while another concurrently adds "x" again, the new add has a tag the remover never saw, and "x" stays: add wins.
/// </para>
/// <para>Merge takes the union of the tags and the union of the removed tags.</para>
/// </summary>
/// <typeparam name="T">The element type; compared with its default equality.</typeparam>
public sealed class ORSet<T>
    where T : notnull
{
    /// <summary>Creates an empty set replica named <paramref name="replicaId"/>.</summary>
    /// <exception cref="ArgumentException">The id is null, empty or white space.</exception>
    public ORSet(string replicaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        ReplicaId = replicaId;
        // TODO: create the element-to-tags map and the set of removed tags.
    }

    /// <summary>The id this replica puts in the tags it creates.</summary>
    public string ReplicaId { get; }

    /// <summary>The elements currently in the set (each has at least one tag that is not removed).</summary>
    public IReadOnlySet<T> Elements =>
        throw new NotImplementedException("Implement ORSet.Elements: every element that has a live (not removed) tag.");

    /// <summary>Adds <paramref name="element"/> with a new unique tag, even if it is already present.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="element"/> is null.</exception>
    public void Add(T element) =>
        throw new NotImplementedException("Implement ORSet.Add: attach a fresh unique tag (replica id + counter) to the element.");

    /// <summary>Removes <paramref name="element"/> by marking every tag this replica has observed for it as removed.
    /// Removing an element that is not present does nothing.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="element"/> is null.</exception>
    public void Remove(T element) =>
        throw new NotImplementedException("Implement ORSet.Remove: mark the element's observed tags as removed.");

    /// <summary>Whether <paramref name="element"/> has at least one tag that is not removed.</summary>
    public bool Contains(T element) =>
        throw new NotImplementedException("Implement ORSet.Contains: true when some tag of the element is not removed.");

    /// <summary>Folds <paramref name="other"/>'s state into this one: union of tags, union of removed tags.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void Merge(ORSet<T> other) =>
        throw new NotImplementedException("Implement ORSet.Merge: union the tags per element and union the removed tags.");

    /// <summary>
    /// A deep copy with the same replica id: the snapshot to send to peers. Only the original should go on adding
    /// (two live replicas with one id could mint the same tag twice).
    /// </summary>
    public ORSet<T> Copy() =>
        throw new NotImplementedException("Implement ORSet.Copy: a deep copy of the tags, the removed tags and the tag counter.");
}
