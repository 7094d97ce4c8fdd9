using System.Globalization;
using DistSys.Runtime;

namespace DistSys.AdaptiveSelector;

/// <summary>
/// The counter service and its control plane: clients go through this object, which is what lets the control plane
/// see invocations, completions and pending operations; messages and reachability come from the simulator's metrics.
/// </summary>
public sealed class AdaptiveCounter
{
    private const int MaxNodes = 64;

    private readonly Simulation _simulation;
    private readonly NodeId[] _nodes;
    private readonly Dictionary<long, TimeSpan> _outstanding = [];
    private readonly long[] _heardFrom;
    private long _nextOperation;
    private int _operations;
    private int _writes;
    private int _completed;
    private TimeSpan _latencySum;
    private long _messagesBefore;

    public AdaptiveCounter(Simulation simulation, int nodeCount, SelectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodeCount, MaxNodes);
        Selector = new ProtocolSelector(options);

        _simulation = simulation;
        Leader = new NodeId("n1");
        _nodes = [.. Enumerable.Range(1, nodeCount).Select(i =>
            simulation.AddNode("n" + i.ToString(CultureInfo.InvariantCulture), context => new CounterNode(context, Leader, options.Initial)))];
        _heardFrom = new long[nodeCount];
        simulation.Schedule(options.Window, Measure, "measure window");
    }

    public IReadOnlyList<NodeId> Nodes => _nodes;

    public NodeId Leader { get; }

    public ProtocolSelector Selector { get; }

    public Protocol ProtocolOf(NodeId node) => Node(node).Protocol;

    public long LocalValue(NodeId node) => Node(node).State.Value;

    public void Increment(NodeId node, long amount, Action acknowledged)
    {
        var target = Node(node);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentNullException.ThrowIfNull(acknowledged);
        var id = Invoked(write: true);
        target.Increment(amount, () =>
        {
            Done(id);
            acknowledged();
        });
    }

    public void Read(NodeId node, Action<ReadResult> completed)
    {
        var target = Node(node);
        ArgumentNullException.ThrowIfNull(completed);
        var id = Invoked(write: false);
        target.Read(result =>
        {
            Done(id);
            completed(result);
        });
    }

    private CounterNode Node(NodeId node) =>
        Array.IndexOf(_nodes, node) >= 0
            ? _simulation.Node<CounterNode>(node)
            : throw new ArgumentException($"{node} is not a node of this service; valid nodes are n1 to n{_nodes.Length}.", nameof(node));

    private long Invoked(bool write)
    {
        _operations++;
        _writes += write ? 1 : 0;
        _outstanding[++_nextOperation] = _simulation.Now;
        return _nextOperation;
    }

    private void Done(long id)
    {
        if (_outstanding.Remove(id, out var invoked))
        {
            _completed++;
            _latencySum += _simulation.Now - invoked;
        }
    }

    private void Measure()
    {
        var options = Selector.Options;
        var now = _simulation.Now;
        var timedOut = _outstanding.Values.Count(invoked => now - invoked > options.OperationTimeout);
        var unreachable = 0;
        for (var i = 1; i < _nodes.Length; i++)
        {
            var heard = _simulation.Metrics.ForLink(_nodes[i], Leader).MessagesReceived;
            unreachable += heard == _heardFrom[i] ? 1 : 0;
            _heardFrom[i] = heard;
        }

        var messages = _simulation.Metrics.MessagesSent - _messagesBefore;
        var stats = new WindowStats(
            now,
            options.Window,
            _operations,
            _writes,
            _completed == 0 ? TimeSpan.Zero : _latencySum / _completed,
            timedOut,
            unreachable,
            (double)messages / Math.Max(1, _operations));

        _messagesBefore = _simulation.Metrics.MessagesSent;
        _operations = _writes = _completed = 0;
        _latencySum = TimeSpan.Zero;

        if (Selector.Observe(stats) is { } decision)
        {
            _simulation.Node<CounterNode>(Leader).Switch(decision.To);
        }

        _simulation.Schedule(options.Window, Measure, "measure window");
    }
}
