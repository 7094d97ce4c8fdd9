namespace DistSys.ZeroCoordinationDb;

/// <summary>
/// The name of one write: the replica that made it and a counter. It is given (it lives in Given/ and is shared with
/// the reference); you do not need to change it.
/// <para>
/// Dots are totally ordered: by <see cref="Counter"/> first, then by <see cref="Replica"/> (ordinal). Because a replica
/// always picks a counter greater than every counter it has seen (a Lamport clock), a write made after observing
/// another write always orders after it; only concurrent writes are ordered by the arbitrary but deterministic
/// tie-break.
/// </para>
/// </summary>
/// <param name="Replica">The id of the replica that made the write.</param>
/// <param name="Counter">The write's counter, at least 1.</param>
public readonly record struct Dot(string Replica, long Counter) : IComparable<Dot>
{
    /// <summary>Orders by counter, then by replica id (ordinal).</summary>
    public int CompareTo(Dot other)
    {
        var byCounter = Counter.CompareTo(other.Counter);
        return byCounter != 0 ? byCounter : string.CompareOrdinal(Replica, other.Replica);
    }

    /// <summary>True when <paramref name="left"/> orders before <paramref name="right"/>.</summary>
    public static bool operator <(Dot left, Dot right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> orders after <paramref name="right"/>.</summary>
    public static bool operator >(Dot left, Dot right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> does not order after <paramref name="right"/>.</summary>
    public static bool operator <=(Dot left, Dot right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> does not order before <paramref name="right"/>.</summary>
    public static bool operator >=(Dot left, Dot right) => left.CompareTo(right) >= 0;

    /// <summary>The dot as <c>replica:counter</c>, for example <c>n2:7</c>.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Replica}:{Counter}");
}

/// <summary>One surviving write of a key: its dot and the value it wrote. Given, like <see cref="Dot"/>.</summary>
/// <param name="Dot">The write's dot.</param>
/// <param name="Value">The value written.</param>
public sealed record VersionedValue(Dot Dot, string Value);
