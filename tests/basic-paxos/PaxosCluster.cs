using DistSys.Runtime;

namespace DistSys.BasicPaxos.Tests;

/// <summary>
/// A cluster of <see cref="PaxosNode"/>s named n1, n2, … on a simulation, with the <see cref="PaxosObserver"/>'s
/// safety properties registered as an invariant that the simulator checks after every event.
/// </summary>
internal sealed class PaxosCluster
{
    public PaxosCluster(Simulation simulation, int size = 5, PaxosOptions? options = null, bool checkSafety = true)
    {
        Simulation = simulation;
        Observer = new PaxosObserver(size);
        Nodes = [.. Enumerable.Range(1, size).Select(i =>
            simulation.AddNode($"n{i}", context => new PaxosNode(new RecordingContext(context, Observer), options)))];
        if (checkSafety)
        {
            simulation.AddInvariant("Paxos safety", () => Observer.Check(simulation, Nodes));
        }
    }

    public Simulation Simulation { get; }

    public PaxosObserver Observer { get; }

    public NodeId[] Nodes { get; }

    public NodeId this[int number] => Nodes[number - 1];

    public PaxosNode Node(NodeId id) => Simulation.Node<PaxosNode>(id);

    public PaxosNode Node(int number) => Node(this[number]);

    /// <summary>A client asks <paramref name="id"/> to propose <paramref name="value"/> after <paramref name="delay"/>
    /// (if the node is up then).</summary>
    public void Propose(NodeId id, string value, TimeSpan delay = default)
    {
        Observer.Proposed(value);
        Simulation.Schedule(delay, () =>
        {
            if (Simulation.IsUp(id))
            {
                Node(id).Propose(value);
            }
        }, $"client: {id} propose {value}");
    }

    /// <summary>Delivers <paramref name="message"/> to <paramref name="to"/> as if <paramref name="from"/> had sent it.</summary>
    public void Inject(NodeId from, NodeId to, object message)
    {
        if (message is Accept accept)
        {
            Observer.Injected(accept);
        }

        Simulation.SendFrom(from, to, message);
    }

    /// <summary>True once every node in <paramref name="ids"/> is up and has learned a value.</summary>
    public bool Learned(IEnumerable<NodeId> ids) => ids.All(id => Simulation.IsUp(id) && Node(id).LearnedValue is not null);

    /// <summary>The cluster's state and the end of the trace, for failure messages.</summary>
    public string Describe() =>
        $"{PaxosReport.Format(Simulation, Nodes)}{Simulation.ReplayHint}\nLast events:\n{Simulation.Trace.Tail(15)}";
}
