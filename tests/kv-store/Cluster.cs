using DistSys.Runtime;

namespace DistSys.KvStore.Tests;

/// <summary>
/// A test driver for a simulated cluster of <see cref="KvNode"/>s: adds the nodes, and runs one client request at a
/// time to completion (the simulation runs until the callback fires), failing with the trace's tail if it never does.
/// </summary>
internal sealed class Cluster
{
    public static readonly SimulationOptions LossyNetwork = new() { Network = LinkProfile.Unreliable with { DuplicateRate = 0.02 } };
    private static readonly TimeSpan s_requestLimit = TimeSpan.FromSeconds(5);

    public Cluster(Simulation simulation, int size, Func<IReadOnlyList<NodeId>, KvSettings> settings)
    {
        Simulation = simulation;
        Nodes = [.. Enumerable.Range(1, size).Select(i => new NodeId($"n{i}"))];
        var members = Nodes.ToArray();
        var shared = settings(members);
        foreach (var node in members)
        {
            simulation.AddNode(node.Name, context => new KvNode(context, shared));
        }

        // Start every node (OnStart) before the first request.
        simulation.RunFor(TimeSpan.FromMilliseconds(1));
    }

    public Simulation Simulation { get; }

    public List<NodeId> Nodes { get; }

    public KvNode this[NodeId node] => Simulation.Node<KvNode>(node);

    public IReadOnlyList<NodeId> Up => [.. Nodes.Where(Simulation.IsUp)];

    public IReadOnlyList<NodeId> HomesOf(string key) => this[Up[0]].HomeReplicas(key);

    public T Pick<T>(IReadOnlyList<T> items) => items[Simulation.Random.Next(items.Count)];

    /// <summary>Adds a node with its own settings (a joining node knows the new membership).</summary>
    public NodeId Join(string name, KvSettings settings)
    {
        var node = Simulation.AddNode(name, context => new KvNode(context, settings));
        Nodes.Add(node);
        return node;
    }

    public PutResult Put(NodeId via, string key, string value, VectorClock context)
    {
        PutResult? result = null;
        this[via].Put(key, value, context, r => result = Once(result, r, "Put"));
        Await(() => result is not null, $"Put({key}, {value}) on {via}");
        // A client operation answered: `grader compare` reads messages per operation from this count.
        Simulation.Metrics.CountOperations();
        return result!;
    }

    public GetResult Get(NodeId via, string key)
    {
        GetResult? result = null;
        this[via].Get(key, r => result = Once(result, r, "Get"));
        Await(() => result is not null, $"Get({key}) on {via}");
        Simulation.Metrics.CountOperations();
        return result!;
    }

    /// <summary>A read via a random live node that must succeed.</summary>
    public GetResult Read(string key)
    {
        var via = Pick(Up);
        var result = Get(via, key);
        if (!result.Succeeded)
        {
            Assert.Fail($"Get({key}) via {via} failed: {result.Error}; {Simulation.ReplayHint}\n{Simulation.Trace.Tail(15)}");
        }

        return result;
    }

    /// <summary>Read, then write with the read's context through a random live home replica; the write must succeed.</summary>
    public PutResult Update(string key, string value)
    {
        var read = Read(key);
        var via = Pick([.. HomesOf(key).Where(Simulation.IsUp)]);
        var result = Put(via, key, value, read.Context);
        if (!result.Succeeded)
        {
            Assert.Fail($"Put({key}, {value}) via {via} failed: {result.Error}; {Simulation.ReplayHint}\n{Simulation.Trace.Tail(15)}");
        }

        return result;
    }

    public void RunUntil(Func<bool> condition, TimeSpan limit, string what)
    {
        if (!Simulation.RunUntil(condition, limit))
        {
            Assert.Fail($"{what} did not happen within {limit.TotalSeconds} s of virtual time; {Simulation.ReplayHint}\n{Simulation.Trace.Tail(20)}");
        }
    }

    public static string Show(IEnumerable<Sibling> siblings) => "[" + string.Join(", ", siblings.Select(s => s.Value)) + "]";

    private static T Once<T>(T? previous, T result, string operation)
        where T : class =>
        previous is null ? result : throw new AssertionException($"{operation}'s callback ran twice: first {previous}, then {result}.");

    private void Await(Func<bool> done, string what) => RunUntil(done, s_requestLimit, $"the callback of {what}");
}
