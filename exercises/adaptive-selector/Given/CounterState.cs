using System.Collections.Immutable;

namespace DistSys.AdaptiveSelector;

/// <summary>
/// An immutable grow-only counter (a G-Counter): one slot per node, merged by taking the larger value of each slot.
/// Both protocols keep the count in this form, which is what makes switching safe: merging is idempotent, so a
/// state sent twice, late or through the leader never counts an increment twice or loses one. Given (the CRDT itself
/// is the subject of the <c>crdts</c> exercise); safe to put in messages because it never changes.
/// </summary>
public sealed class CounterState
{
    private readonly ImmutableSortedDictionary<string, long> _slots;

    private CounterState(ImmutableSortedDictionary<string, long> slots) => _slots = slots;

    /// <summary>The counter with no increments.</summary>
    public static CounterState Empty { get; } = new(ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal));

    /// <summary>The sum of all slots.</summary>
    public long Value => _slots.Values.Sum();

    /// <summary>Every node's slot.</summary>
    public IReadOnlyDictionary<string, long> Slots => _slots;

    /// <summary>A counter with <paramref name="amount"/> added to <paramref name="node"/>'s slot.</summary>
    /// <param name="node">The node whose slot grows (only ever the node that owns the state).</param>
    /// <param name="amount">How much; more than zero.</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is zero or negative.</exception>
    public CounterState Increment(string node, long amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return new CounterState(_slots.SetItem(node, _slots.GetValueOrDefault(node) + amount));
    }

    /// <summary>The slot-wise maximum of this counter and <paramref name="other"/>.</summary>
    /// <param name="other">The other counter.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public CounterState Merge(CounterState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var slots = _slots;
        foreach (var (node, count) in other._slots)
        {
            if (count > slots.GetValueOrDefault(node))
            {
                slots = slots.SetItem(node, count);
            }
        }

        return ReferenceEquals(slots, _slots) ? this : new CounterState(slots);
    }

    /// <summary>The slots as <c>{n1=3, n2=5}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", _slots.Select(s => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Key}={s.Value}"))) + "}";
}
