namespace DistSys.Crdts;

/// <summary>
/// When a register write happened and which replica wrote it. Timestamps are totally ordered: by
/// <see cref="Ticks"/> first, and on a tie by <see cref="Writer"/> (ordinal string comparison), so that every replica
/// breaks ties the same way. It is given (it lives in Given/ and is shared with the reference); you do not need to change it.
/// </summary>
/// <param name="Ticks">The writer's clock reading, in <see cref="DateTimeOffset.UtcTicks"/>.</param>
/// <param name="Writer">The replica id of the writer.</param>
public readonly record struct LwwTimestamp(long Ticks, string Writer) : IComparable<LwwTimestamp>
{
    /// <summary>Orders by ticks, then by writer id (ordinal).</summary>
    public int CompareTo(LwwTimestamp other)
    {
        var byTime = Ticks.CompareTo(other.Ticks);
        return byTime != 0 ? byTime : string.CompareOrdinal(Writer, other.Writer);
    }

    /// <summary>True when <paramref name="left"/> orders before <paramref name="right"/>.</summary>
    public static bool operator <(LwwTimestamp left, LwwTimestamp right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> orders after <paramref name="right"/>.</summary>
    public static bool operator >(LwwTimestamp left, LwwTimestamp right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> does not order after <paramref name="right"/>.</summary>
    public static bool operator <=(LwwTimestamp left, LwwTimestamp right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> does not order before <paramref name="right"/>.</summary>
    public static bool operator >=(LwwTimestamp left, LwwTimestamp right) => left.CompareTo(right) >= 0;
}
