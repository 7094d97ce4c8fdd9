namespace DistSys.VectorClocks;

/// <summary>Immutable vector clock over ordinal-sorted node ids; absent entries are zero and zero entries are never stored.</summary>
public sealed class VectorClock
{
    private readonly SortedDictionary<string, long> _entries;

    public VectorClock()
        : this(new SortedDictionary<string, long>(StringComparer.Ordinal))
    {
    }

    public VectorClock(IReadOnlyDictionary<string, long> entries)
        : this(Validated(entries))
    {
    }

    private VectorClock(SortedDictionary<string, long> owned) => _entries = owned;

    public IReadOnlyDictionary<string, long> Entries => _entries;

    public long this[string nodeId]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(nodeId);
            return _entries.GetValueOrDefault(nodeId);
        }
    }

    public VectorClock Increment(string nodeId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        var next = new SortedDictionary<string, long>(_entries, StringComparer.Ordinal);
        next[nodeId] = checked(next.GetValueOrDefault(nodeId) + 1);
        return new VectorClock(next);
    }

    public VectorClock Merge(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = new SortedDictionary<string, long>(_entries, StringComparer.Ordinal);
        foreach (var (node, counter) in other._entries)
        {
            merged[node] = Math.Max(merged.GetValueOrDefault(node), counter);
        }

        return new VectorClock(merged);
    }

    public Causality Compare(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var someLess = false;
        var someGreater = false;
        var shared = 0;
        foreach (var (node, mine) in _entries)
        {
            var theirs = other._entries.GetValueOrDefault(node);
            shared += theirs > 0 ? 1 : 0;
            someLess |= mine < theirs;
            someGreater |= mine > theirs;
        }

        // An id only the other clock has counts as zero here, so it is smaller on this side.
        someLess |= other._entries.Count > shared;

        return (someLess, someGreater) switch
        {
            (false, false) => Causality.Equal,
            (true, false) => Causality.Before,
            (false, true) => Causality.After,
            _ => Causality.Concurrent,
        };
    }

    private static SortedDictionary<string, long> Validated(IReadOnlyDictionary<string, long> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var owned = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (node, counter) in entries)
        {
            if (string.IsNullOrWhiteSpace(node))
            {
                throw new ArgumentException("A vector clock entry needs a non-blank node id.", nameof(entries));
            }

            if (counter < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), counter, $"The counter of '{node}' is {counter}; counters must be zero or more.");
            }

            if (counter > 0)
            {
                owned[node] = counter;
            }
        }

        return owned;
    }
}
