namespace DistSys.Runtime;

/// <summary>
/// The simulated network between the nodes of a <see cref="Simulation"/>: link profiles (delay, loss, duplication,
/// ordering) per direction, and cuts (partitions). A message crosses a link only if the link is connected both when it
/// is sent and when it arrives; a node can always reach itself.
/// </summary>
public sealed class Network
{
    private readonly Simulation _simulation;
    private LinkProfile _defaultProfile;
    private LinkState[] _links = [];
    private int _stride;

    internal Network(Simulation simulation, LinkProfile defaultProfile)
    {
        _simulation = simulation;
        _defaultProfile = defaultProfile;
    }

    /// <summary>The profile of every link that has none of its own (see <see cref="SetProfile"/>).</summary>
    /// <exception cref="ArgumentException">The profile is inconsistent.</exception>
    public LinkProfile DefaultProfile
    {
        get => _defaultProfile;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate(nameof(value));
            _defaultProfile = value;
        }
    }

    /// <summary>Gives one direction of a link its own profile; messages already in flight keep their delay.</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    /// <param name="profile">The profile for messages from <paramref name="from"/> to <paramref name="to"/>.</param>
    public void SetProfile(NodeId from, NodeId to, LinkProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate(nameof(profile));
        Link(Index(from), Index(to)).Profile = profile;
    }

    /// <summary>The profile in force for one direction of a link.</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    /// <returns>The link's own profile, or <see cref="DefaultProfile"/>.</returns>
    public LinkProfile ProfileOf(NodeId from, NodeId to) => Link(Index(from), Index(to)).Profile ?? _defaultProfile;

    /// <summary>Cuts every link between the two groups, in both directions. Links within a group are unaffected.</summary>
    /// <param name="side">One group of nodes.</param>
    /// <param name="otherSide">The other group; must not share a node with <paramref name="side"/>.</param>
    public void Partition(IEnumerable<NodeId> side, IEnumerable<NodeId> otherSide)
    {
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(otherSide);
        NodeId[] left = [.. side];
        NodeId[] right = [.. otherSide];
        foreach (NodeId node in left)
        {
            if (Array.IndexOf(right, node) >= 0)
            {
                throw new ArgumentException($"Node {node} is on both sides of the partition.", nameof(otherSide));
            }
        }

        foreach (NodeId a in left)
        {
            foreach (NodeId b in right)
            {
                Link(Index(a), Index(b)).IsCut = true;
                Link(Index(b), Index(a)).IsCut = true;
            }
        }

        _simulation.RecordNetworkChange(
            TraceEventKind.Partition, -1, -1, $"partition {{{string.Join(", ", left)}}} | {{{string.Join(", ", right)}}}");
    }

    /// <summary>Cuts every link to and from <paramref name="node"/>, including to nodes added later, until <see cref="Heal"/>.</summary>
    /// <param name="node">The node to isolate.</param>
    public void Isolate(NodeId node)
    {
        _simulation.Host(node).IsIsolated = true;
        _simulation.RecordNetworkChange(TraceEventKind.Partition, Index(node), -1, "isolate");
    }

    /// <summary>Cuts one direction: messages from <paramref name="from"/> to <paramref name="to"/> are dropped, the reverse still flows.</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    public void CutOneWay(NodeId from, NodeId to)
    {
        Link(Index(from), Index(to)).IsCut = true;
        _simulation.RecordNetworkChange(TraceEventKind.Partition, Index(from), Index(to), "cut one way");
    }

    /// <summary>Removes every cut and isolation. Link profiles stay as they are.</summary>
    public void Heal()
    {
        foreach (LinkState link in _links)
        {
            if (link is not null)
            {
                link.IsCut = false;
            }
        }

        foreach (NodeId node in _simulation.Nodes)
        {
            _simulation.Host(node).IsIsolated = false;
        }

        _simulation.RecordNetworkChange(TraceEventKind.Heal, -1, -1, "heal all cuts");
    }

    /// <summary>Whether a message sent now from <paramref name="from"/> could reach <paramref name="to"/> (ignoring random loss).</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    /// <returns>False when the direction is cut or either node is isolated.</returns>
    public bool IsConnected(NodeId from, NodeId to) => IsConnected(Index(from), Index(to));

    internal bool IsConnected(int from, int to)
    {
        if (from == to)
        {
            return true;
        }

        List<NodeHost> hosts = _simulation.Hosts;
        return !hosts[from].IsIsolated && !hosts[to].IsIsolated && !Link(from, to).IsCut;
    }

    internal LinkState Link(int from, int to) => _links[(from * _stride) + to];

    /// <summary>Makes room for the links of a newly added node (node indexes are dense, in order of addition).</summary>
    internal void AddNode(int nodeCount)
    {
        if (nodeCount > _stride)
        {
            int stride = Math.Max(8, _stride * 2);
            var links = new LinkState[stride * stride];
            for (int from = 0; from < _stride; from++)
            {
                Array.Copy(_links, from * _stride, links, from * stride, _stride);
            }

            _links = links;
            _stride = stride;
        }

        for (int from = 0; from < nodeCount; from++)
        {
            for (int to = 0; to < nodeCount; to++)
            {
                _links[(from * _stride) + to] ??= new LinkState();
            }
        }
    }

    private int Index(NodeId node) => _simulation.Host(node).Index;
}
