namespace DistSys.ZeroCoordinationDb;

/// <summary>
/// A CRDT map of multi-value registers with one causal context (a version vector) for the whole replica: the
/// context remembers every write this replica has seen, which is what lets a merge tell "never seen" from "deleted".
/// </summary>
public sealed class ReplicaState
{
    private readonly Dictionary<string, Dictionary<Dot, string>> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _context = new(StringComparer.Ordinal);

    public ReplicaState(string replicaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        ReplicaId = replicaId;
    }

    public string ReplicaId { get; }

    public IReadOnlyDictionary<string, long> Context => new Dictionary<string, long>(_context, StringComparer.Ordinal);

    public IReadOnlyList<string> Keys => [.. _live.Keys.Order(StringComparer.Ordinal)];

    public bool Contains(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _live.ContainsKey(key);
    }

    public string? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _live.TryGetValue(key, out var writes) ? writes.MaxBy(w => w.Key).Value : null;
    }

    public IReadOnlyList<VersionedValue> Versions(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _live.TryGetValue(key, out var writes)
            ? [.. writes.OrderBy(w => w.Key).Select(w => new VersionedValue(w.Key, w.Value))]
            : [];
    }

    public Dot Put(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);

        // Above every counter seen, from any replica: a write that follows another in causal order also follows it
        // in dot order, so Get's "greatest dot wins" never lets an older write beat a newer one it has seen.
        var dot = new Dot(ReplicaId, (_context.Count == 0 ? 0 : _context.Values.Max()) + 1);
        _context[ReplicaId] = dot.Counter;
        _live[key] = new Dictionary<Dot, string> { [dot] = value };
        return dot;
    }

    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _live.Remove(key);
    }

    public void Merge(ReplicaState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var key in _live.Keys.Union(other._live.Keys, StringComparer.Ordinal).ToList())
        {
            var mine = _live.GetValueOrDefault(key);
            var theirs = other._live.GetValueOrDefault(key);
            var kept = new Dictionary<Dot, string>();
            foreach (var (dot, value) in mine ?? [])
            {
                if (theirs?.ContainsKey(dot) == true || !other.Covers(dot))
                {
                    kept[dot] = value;
                }
            }

            foreach (var (dot, value) in theirs ?? [])
            {
                // Checked against this replica's context before it absorbs the other's.
                if (!kept.ContainsKey(dot) && !Covers(dot))
                {
                    kept[dot] = value;
                }
            }

            if (kept.Count == 0)
            {
                _live.Remove(key);
            }
            else
            {
                _live[key] = kept;
            }
        }

        foreach (var (replica, counter) in other._context)
        {
            if (counter > _context.GetValueOrDefault(replica))
            {
                _context[replica] = counter;
            }
        }
    }

    public ReplicaState Copy()
    {
        var copy = new ReplicaState(ReplicaId);
        foreach (var (key, writes) in _live)
        {
            copy._live[key] = new Dictionary<Dot, string>(writes);
        }

        foreach (var (replica, counter) in _context)
        {
            copy._context[replica] = counter;
        }

        return copy;
    }

    private bool Covers(Dot dot) => _context.TryGetValue(dot.Replica, out var counter) && counter >= dot.Counter;
}
