using DistSys.Runtime;

namespace DistSys.BasicPaxos;

/// <summary>
/// A Paxos ballot (proposal number): a round number and the node that owns it. Ballots are unique because each node
/// only ever uses its own id, and totally ordered: by <see cref="Round"/> first, then by <see cref="Node"/> (ordinal
/// order of the node names) to break ties between proposers that picked the same round.
/// </summary>
public readonly record struct Ballot : IComparable<Ballot>
{
    /// <summary>Creates a ballot.</summary>
    /// <param name="round">The round, zero or more (proposers start at 1).</param>
    /// <param name="node">The proposer that owns the ballot.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="round"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="node"/> has no name (a default <see cref="NodeId"/>).</exception>
    public Ballot(int round, NodeId node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        if (string.IsNullOrEmpty(node.Name))
        {
            throw new ArgumentException("A ballot needs the id of the node that owns it.", nameof(node));
        }

        Round = round;
        Node = node;
    }

    /// <summary>The round number.</summary>
    public int Round { get; }

    /// <summary>The proposer that owns this ballot.</summary>
    public NodeId Node { get; }

    /// <summary>
    /// Negative if this ballot is lower than <paramref name="other"/>, zero if equal, positive if higher: by round, then
    /// by node. Must be a total order (antisymmetric, transitive, consistent with equality).
    /// </summary>
    public int CompareTo(Ballot other) =>
        Round != other.Round ? Round.CompareTo(other.Round) : Node.CompareTo(other.Node);

    /// <summary>True if <paramref name="left"/> is lower than <paramref name="right"/>.</summary>
    public static bool operator <(Ballot left, Ballot right) => left.CompareTo(right) < 0;

    /// <summary>True if <paramref name="left"/> is higher than <paramref name="right"/>.</summary>
    public static bool operator >(Ballot left, Ballot right) => left.CompareTo(right) > 0;

    /// <summary>True if <paramref name="left"/> is lower than or equal to <paramref name="right"/>.</summary>
    public static bool operator <=(Ballot left, Ballot right) => left.CompareTo(right) <= 0;

    /// <summary>True if <paramref name="left"/> is higher than or equal to <paramref name="right"/>.</summary>
    public static bool operator >=(Ballot left, Ballot right) => left.CompareTo(right) >= 0;

    /// <summary>"round.node", for example <c>3.n2</c>.</summary>
    public override string ToString() => $"{Round}.{Node}";
}
