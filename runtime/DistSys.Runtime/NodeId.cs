namespace DistSys.Runtime;

/// <summary>
/// The name of a node in a <see cref="Simulation"/>. Node ids compare by ordinal string order, which is the order
/// of <see cref="Simulation.Nodes"/> and <see cref="INodeContext.Peers"/>.
/// </summary>
/// <param name="Name">The node's unique name, for example <c>"n1"</c>.</param>
public readonly record struct NodeId(string Name) : IComparable<NodeId>
{
    /// <summary>Compares two ids by ordinal order of their names.</summary>
    /// <param name="other">The id to compare with.</param>
    /// <returns>Negative, zero or positive, like <see cref="string.CompareOrdinal(string, string)"/>.</returns>
    public int CompareTo(NodeId other) => string.CompareOrdinal(Name, other.Name);

    /// <summary>The node's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name ?? string.Empty;

    /// <summary>True when <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    public static bool operator <(NodeId left, NodeId right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    public static bool operator >(NodeId left, NodeId right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> sorts before or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    public static bool operator <=(NodeId left, NodeId right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> sorts after or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    public static bool operator >=(NodeId left, NodeId right) => left.CompareTo(right) >= 0;
}
