namespace DistSys.Crdts;

/// <summary>
/// Observed-remove set: every add creates a unique tag; a remove deletes only the tags it has seen, so an add that
/// happens concurrently with a remove survives the merge.
/// </summary>
public sealed class ORSet<T>
    where T : notnull
{
    private readonly Dictionary<T, HashSet<Tag>> _adds = [];
    private readonly HashSet<Tag> _removed = [];
    private long _nextTag;

    public ORSet(string replicaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        ReplicaId = replicaId;
    }

    public string ReplicaId { get; }

    public IReadOnlySet<T> Elements => _adds.Keys.Where(Contains).ToHashSet();

    public void Add(T element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!_adds.TryGetValue(element, out var tags))
        {
            tags = [];
            _adds[element] = tags;
        }

        tags.Add(new Tag(ReplicaId, ++_nextTag));
    }

    public void Remove(T element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (_adds.TryGetValue(element, out var tags))
        {
            _removed.UnionWith(tags);
        }
    }

    public bool Contains(T element) =>
        _adds.TryGetValue(element, out var tags) && tags.Any(tag => !_removed.Contains(tag));

    public void Merge(ORSet<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (element, tags) in other._adds)
        {
            if (!_adds.TryGetValue(element, out var mine))
            {
                mine = [];
                _adds[element] = mine;
            }

            mine.UnionWith(tags);
        }

        _removed.UnionWith(other._removed);
    }

    public ORSet<T> Copy()
    {
        var copy = new ORSet<T>(ReplicaId) { _nextTag = _nextTag };
        copy.Merge(this);
        return copy;
    }

    // A tag names one add: which replica made it and that replica's add number. Tags are never reused, because only
    // the owning replica mints tags with its own id and its counter only grows.
    private readonly record struct Tag(string Replica, long Sequence);
}
