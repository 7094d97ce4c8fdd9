using DistSys.Runtime;

namespace DistSys.KvStore;

/// <summary>
/// A consistent-hash ring with virtual nodes. Every node takes <see cref="VirtualNodesPerNode"/> positions on a ring
/// of 2^64 points; a key belongs to the first positions clockwise from its own hash. Adding or removing one node of n
/// moves only about 1/n of the keys, and the virtual nodes spread each node's share into many small arcs so that the
/// load evens out.
/// <para>
/// Placement must be a pure function of the key and the membership — the same on every machine, in every process, and
/// whatever order the nodes were added in. So, exactly:
/// </para>
/// <list type="bullet">
/// <item><description>positions and keys are hashed with <see cref="Hash"/> (never <c>string.GetHashCode</c>, which
/// is randomized per process);</description></item>
/// <item><description>virtual node i (0-based) of node <c>n</c> sits at <c>Hash($"{n.Name}#{i}")</c>;</description></item>
/// <item><description>a key's walk starts at the first position at or after <c>Hash(key)</c>, wrapping past the
/// largest position to the smallest; positions that collide are ordered by node name (ordinal).</description></item>
/// </list>
/// </summary>
public sealed class ConsistentHashRing
{
    /// <summary>Creates an empty ring.</summary>
    /// <param name="virtualNodesPerNode">Positions per node, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="virtualNodesPerNode"/> is less than 1.</exception>
    public ConsistentHashRing(int virtualNodesPerNode) =>
        throw new NotImplementedException("Implement ConsistentHashRing(virtualNodesPerNode): validate it and start with no nodes.");

    /// <summary>Positions per node.</summary>
    public int VirtualNodesPerNode => throw new NotImplementedException("Implement ConsistentHashRing.VirtualNodesPerNode.");

    /// <summary>The nodes on the ring, in <see cref="NodeId"/> order.</summary>
    public IReadOnlyList<NodeId> Nodes => throw new NotImplementedException("Implement ConsistentHashRing.Nodes: the members, sorted.");

    /// <summary>
    /// The ring's hash: 64-bit FNV-1a over the UTF-8 bytes of <paramref name="text"/> (offset basis 14695981039346656037,
    /// prime 1099511628211), followed by MurmurHash3's 64-bit finalizer (<c>h ^= h &gt;&gt; 33; h *= 0xff51afd7ed558ccd;
    /// h ^= h &gt;&gt; 33; h *= 0xc4ceb9fe1a85ec53; h ^= h &gt;&gt; 33</c>). FNV-1a alone changes mostly the low bits when
    /// only the last character differs (<c>"n1#1"</c>, <c>"n1#2"</c>…), which would bunch a node's virtual nodes together;
    /// the finalizer spreads every input bit over the whole word.
    /// </summary>
    /// <param name="text">The text to hash.</param>
    /// <returns>The position on the ring.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ulong Hash(string text) =>
        throw new NotImplementedException("Implement ConsistentHashRing.Hash: FNV-1a 64 over UTF-8 bytes, then the fmix64 finalizer.");

    /// <summary>Adds a node and its virtual nodes.</summary>
    /// <param name="node">The node to add.</param>
    /// <exception cref="ArgumentException">The node is already on the ring, or its name is blank.</exception>
    public void AddNode(NodeId node) =>
        throw new NotImplementedException("Implement ConsistentHashRing.AddNode: place its virtual nodes.");

    /// <summary>Removes a node and its virtual nodes.</summary>
    /// <param name="node">The node to remove.</param>
    /// <exception cref="ArgumentException">The node is not on the ring.</exception>
    public void RemoveNode(NodeId node) =>
        throw new NotImplementedException("Implement ConsistentHashRing.RemoveNode: take its virtual nodes off the ring.");

    /// <summary>The node owning <paramref name="key"/>: the node of the first position clockwise from the key's hash.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The owner, which is also the first entry of <see cref="PreferenceList"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The ring has no nodes.</exception>
    public NodeId OwnerOf(string key) =>
        throw new NotImplementedException("Implement ConsistentHashRing.OwnerOf: binary-search the sorted positions, wrapping around.");

    /// <summary>
    /// The first <paramref name="count"/> <em>distinct</em> nodes met walking clockwise from the key (later virtual
    /// nodes of a node already listed are skipped). The list for a smaller count is a prefix of the list for a larger one.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="count">How many nodes, from 1 to the number of nodes on the ring.</param>
    /// <returns>The nodes, in walking order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1 or more than <see cref="Nodes"/> holds.</exception>
    public IReadOnlyList<NodeId> PreferenceList(string key, int count) =>
        throw new NotImplementedException("Implement ConsistentHashRing.PreferenceList: walk clockwise, skipping nodes already listed.");
}
