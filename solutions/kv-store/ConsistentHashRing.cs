using System.Text;
using DistSys.Runtime;

namespace DistSys.KvStore;

/// <summary>Consistent hashing with virtual nodes over a sorted array of (position, node) points.</summary>
public sealed class ConsistentHashRing
{
    private readonly SortedSet<NodeId> _nodes = [];
    private (ulong Position, NodeId Node)[] _points = [];

    public ConsistentHashRing(int virtualNodesPerNode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodesPerNode, 1);
        VirtualNodesPerNode = virtualNodesPerNode;
    }

    public int VirtualNodesPerNode { get; }

    public IReadOnlyList<NodeId> Nodes => [.. _nodes];

    public static ulong Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash;
    }

    public void AddNode(NodeId node)
    {
        if (string.IsNullOrWhiteSpace(node.Name))
        {
            throw new ArgumentException("A node on the ring needs a non-blank name.", nameof(node));
        }

        if (!_nodes.Add(node))
        {
            throw new ArgumentException($"Node {node} is already on the ring.", nameof(node));
        }

        Rebuild();
    }

    public void RemoveNode(NodeId node)
    {
        if (!_nodes.Remove(node))
        {
            throw new ArgumentException($"Node {node} is not on the ring (nodes: {string.Join(", ", _nodes)}).", nameof(node));
        }

        Rebuild();
    }

    public NodeId OwnerOf(string key) => _points[Start(key)].Node;

    public IReadOnlyList<NodeId> PreferenceList(string key, int count)
    {
        var start = Start(key);
        if (count < 1 || count > _nodes.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A preference list holds 1 to {_nodes.Count} nodes (the nodes on the ring).");
        }

        var list = new List<NodeId>(count);
        for (var i = 0; list.Count < count; i++)
        {
            var node = _points[(start + i) % _points.Length].Node;
            if (!list.Contains(node))
            {
                list.Add(node);
            }
        }

        return list;
    }

    private int Start(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_points.Length == 0)
        {
            throw new InvalidOperationException("The ring has no nodes: add a node before placing keys.");
        }

        var hash = Hash(key);
        int low = 0, high = _points.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_points[middle].Position < hash)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low == _points.Length ? 0 : low;
    }

    private void Rebuild()
    {
        // Rebuilt from the member set, never patched, so the points depend only on who is a member, not on the order of joins.
        _points = [.. _nodes.SelectMany(node => Enumerable.Range(0, VirtualNodesPerNode).Select(i => (Hash($"{node.Name}#{i}"), node)))
            .OrderBy(p => p.Item1).ThenBy(p => p.node)];
    }
}
