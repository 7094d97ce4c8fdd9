using DistSys.Runtime;

namespace DistSys.KvStore;

/// <summary>
/// How a <see cref="KvNode"/> runs. <see cref="KvNode"/>'s constructor checks the values (see its documentation for
/// the valid ranges and the exceptions); this record only carries them.
/// </summary>
public sealed record KvSettings
{
    /// <summary>The initial membership of the ring (this node included). Every node of a cluster gets the same list.</summary>
    public required IReadOnlyList<NodeId> Members { get; init; }

    /// <summary>Replicas per key: the first N distinct nodes clockwise from the key on the ring (its home replicas).</summary>
    public int N { get; init; } = 3;

    /// <summary>Replies a read waits for before it completes.</summary>
    public int R { get; init; } = 2;

    /// <summary>Acknowledgements (the coordinator's own included) a write waits for before it completes.</summary>
    public int W { get; init; } = 2;

    /// <summary>Positions each node takes on the ring.</summary>
    public int VirtualNodesPerNode { get; init; } = 64;

    /// <summary>How long a read or write may take before it fails.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an unanswered request is sent again (messages get lost).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>How long a write waits for a silent home replica before it asks a fallback node to hold a hint for it.</summary>
    public TimeSpan HandoffAfter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a node offers the hints it holds to their home replicas.</summary>
    public TimeSpan HandoffInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether writes may use fallback nodes (sloppy quorum and hinted handoff). Tests turn it off to watch read repair alone.</summary>
    public bool HintedHandoff { get; init; } = true;
}
