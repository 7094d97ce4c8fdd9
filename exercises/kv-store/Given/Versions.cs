namespace DistSys.KvStore;

/// <summary>The identity of one write: the coordinator that accepted it and that coordinator's counter for the key.</summary>
/// <param name="Node">The coordinating node's name.</param>
/// <param name="Counter">1, 2, 3… per key and coordinator.</param>
public readonly record struct Dot(string Node, long Counter) : IComparable<Dot>
{
    /// <summary>Orders by node (ordinal), then counter.</summary>
    /// <param name="other">The dot to compare with.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(Dot other)
    {
        var byNode = string.CompareOrdinal(Node, other.Node);
        return byNode != 0 ? byNode : Counter.CompareTo(other.Counter);
    }

    /// <summary>The dot as <c>n1:3</c>.</summary>
    /// <returns>Node and counter.</returns>
    public override string ToString() => $"{Node}:{Counter}";
}

/// <summary>
/// One version of a key's value: the value, the <see cref="Dot"/> of the write that made it, and the
/// <see cref="Context"/> its writer had read (the writes it knowingly replaces).
/// </summary>
/// <param name="Value">The value written.</param>
/// <param name="Dot">The write's identity.</param>
/// <param name="Context">The causal context the client passed to the write.</param>
public sealed record Sibling(string Value, Dot Dot, VectorClock Context)
{
    /// <summary>The sibling as <c>value@n1:3</c>.</summary>
    /// <returns>Value and dot.</returns>
    public override string ToString() => $"{Value}@{Dot}";
}

/// <summary>
/// Versioning with <em>dotted</em> vector clocks (as in Riak's dotted version vectors), given so that you can focus
/// on the distribution. A key's state on a replica is a list of <see cref="Sibling"/>s: the writes that no other write
/// in the list has seen. A sibling is obsolete as soon as another sibling's context covers its dot; concurrent writes
/// (neither saw the other) stay side by side until a client reads both and writes with the merged context.
/// </summary>
/// <remarks>
/// Why dots and not a plain vector clock per value: two writes coordinated by the same node from the same context
/// would get clocks where one dominates the other, and the older would vanish although no client ever saw it. With a
/// dot per write and the context kept separately, "seen" means exactly "in the context the client sent".
/// All lists returned here are new arrays, sorted by dot; treat them as immutable.
/// </remarks>
public static class Versions
{
    /// <summary>No versions: a key that was never written.</summary>
    public static IReadOnlyList<Sibling> None { get; } = [];

    /// <summary>
    /// Combines two replicas' versions of the same key: the union, without duplicates, minus every sibling whose dot is
    /// covered by another sibling's context. Commutative, associative and idempotent, so replicas may exchange versions
    /// in any order, any number of times.
    /// </summary>
    /// <param name="left">One replica's siblings.</param>
    /// <param name="right">The other's.</param>
    /// <returns>The surviving siblings, sorted by dot.</returns>
    /// <exception cref="ArgumentNullException">Either list is null.</exception>
    public static IReadOnlyList<Sibling> Merge(IReadOnlyList<Sibling> left, IReadOnlyList<Sibling> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var all = new SortedDictionary<Dot, Sibling>();
        foreach (var sibling in left.Concat(right))
        {
            all.TryAdd(sibling.Dot, sibling);
        }

        return [.. all.Values.Where(s => !all.Values.Any(other => other.Dot != s.Dot && other.Context.Covers(s.Dot)))];
    }

    /// <summary>
    /// A new write on the coordinator <paramref name="writer"/>: gives it the next dot of that writer for this key
    /// (one more than any counter of <paramref name="writer"/> in <paramref name="local"/> or <paramref name="context"/>)
    /// and merges it into the coordinator's local versions, which drops every local sibling the context covers.
    /// The coordinator must hold every write it ever coordinated for the key (it stores its own writes durably), so that
    /// its dots are never reused.
    /// </summary>
    /// <param name="local">The coordinator's stored siblings for the key.</param>
    /// <param name="value">The new value.</param>
    /// <param name="context">The context the client read (<see cref="VectorClock.Empty"/> for a blind write).</param>
    /// <param name="writer">The coordinator's node name.</param>
    /// <returns>The coordinator's new siblings (to store and replicate) and the new sibling itself.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static (IReadOnlyList<Sibling> Siblings, Sibling Written) Write(IReadOnlyList<Sibling> local, string value, VectorClock context, string writer)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(writer);
        var counter = Math.Max(ContextOf(local)[writer], context[writer]) + 1;
        var written = new Sibling(value, new Dot(writer, counter), context);
        return (Merge(local, [written]), written);
    }

    /// <summary>
    /// The context a client gets from reading these siblings: every sibling's context with its dot added, merged.
    /// Writing with it replaces all of them.
    /// </summary>
    /// <param name="siblings">The siblings read.</param>
    /// <returns>The merged context.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="siblings"/> is null.</exception>
    public static VectorClock ContextOf(IEnumerable<Sibling> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        var context = VectorClock.Empty;
        foreach (var sibling in siblings)
        {
            context = context.Merge(sibling.Context).With(sibling.Dot);
        }

        return context;
    }

    /// <summary>Whether two lists hold the same writes (the same dots), for example to see that a replica is stale.</summary>
    /// <param name="left">One list.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when the sets of dots are equal.</returns>
    public static bool SameWrites(IReadOnlyList<Sibling> left, IReadOnlyList<Sibling> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return left.Select(s => s.Dot).ToHashSet().SetEquals(right.Select(s => s.Dot));
    }
}
