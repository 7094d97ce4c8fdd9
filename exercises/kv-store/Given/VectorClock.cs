namespace DistSys.KvStore;

/// <summary>
/// An immutable vector clock: one counter per node id, a missing id counting as zero. In this store it is the
/// <em>causal context</em> of a value — which writes its writer had seen. It is given (it lives in Given/ and is shared
/// with the reference); the vector-clocks exercise is where you build one yourself.
/// </summary>
public sealed class VectorClock
{
    private readonly SortedDictionary<string, long> _entries;

    /// <summary>Creates a clock with the given entries; zero entries are dropped.</summary>
    /// <param name="entries">Counters by node id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    /// <exception cref="ArgumentException">A node id is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A counter is negative.</exception>
    public VectorClock(IReadOnlyDictionary<string, long> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (node, counter) in entries)
        {
            if (string.IsNullOrWhiteSpace(node))
            {
                throw new ArgumentException("A vector clock entry needs a non-blank node id.", nameof(entries));
            }

            ArgumentOutOfRangeException.ThrowIfNegative(counter, nameof(entries));
            if (counter > 0)
            {
                _entries[node] = counter;
            }
        }
    }

    private VectorClock(SortedDictionary<string, long> owned, bool _) => _entries = owned;

    /// <summary>The empty clock: a write made without reading first (no context).</summary>
    public static VectorClock Empty { get; } = new(new SortedDictionary<string, long>(StringComparer.Ordinal), true);

    /// <summary>The non-zero entries, in ordinal order of the node ids.</summary>
    public IReadOnlyDictionary<string, long> Entries => _entries;

    /// <summary>The counter of <paramref name="node"/>; zero when there is no entry.</summary>
    /// <param name="node">A node id.</param>
    public long this[string node] => _entries.GetValueOrDefault(node);

    /// <summary>The entry-wise maximum of the two clocks.</summary>
    /// <param name="other">The other clock.</param>
    /// <returns>A new clock; neither input changes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public VectorClock Merge(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = new SortedDictionary<string, long>(_entries, StringComparer.Ordinal);
        foreach (var (node, counter) in other._entries)
        {
            merged[node] = Math.Max(merged.GetValueOrDefault(node), counter);
        }

        return new VectorClock(merged, true);
    }

    /// <summary>Whether the write <paramref name="dot"/> is in this context (this clock has seen it).</summary>
    /// <param name="dot">A write's dot.</param>
    /// <returns>True when this clock's counter for the dot's node is at least the dot's counter.</returns>
    public bool Covers(Dot dot) => this[dot.Node] >= dot.Counter;

    /// <summary>This clock with the dot's entry raised to the dot's counter (the context after seeing that write).</summary>
    /// <param name="dot">A write's dot.</param>
    /// <returns>A new clock.</returns>
    public VectorClock With(Dot dot)
    {
        if (Covers(dot))
        {
            return this;
        }

        var next = new SortedDictionary<string, long>(_entries, StringComparer.Ordinal) { [dot.Node] = dot.Counter };
        return new VectorClock(next, true);
    }

    /// <summary>The clock as <c>{n1:2, n3:1}</c>.</summary>
    /// <returns>The entries in ordinal order.</returns>
    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}:{e.Value}")) + "}";
}
