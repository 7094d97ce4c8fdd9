namespace DistSys.Runtime.Tests;

// The example of runtime/README.md, kept here so that it is known to compile and pass. Change both together.
public sealed record Heartbeat(int Term);

public sealed class Member(INodeContext context) : INode
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly Dictionary<NodeId, TimeSpan> _lastHeard = [];

    public int Term { get; private set; }

    public bool Suspects(NodeId peer) =>
        !_lastHeard.TryGetValue(peer, out TimeSpan heard) || context.Now - heard > 4 * Interval;

    public void OnStart()
    {
        // Fields are lost in a crash; Storage is not.
        Term = context.Storage.TryGet("term", out int term) ? term + 1 : 1;
        context.Storage.Put("term", Term);
        Beat();
    }

    public void OnMessage(NodeId from, object message)
    {
        if (message is Heartbeat)
        {
            _lastHeard[from] = context.Now;
        }
    }

    private void Beat()
    {
        context.Broadcast(new Heartbeat(Term));
        // Jitter from the node's own stream keeps the nodes out of lockstep, deterministically.
        context.SetTimer(Interval + TimeSpan.FromMilliseconds(context.Random.Next(5)), Beat, "heartbeat");
    }
}

public class ReadmeExampleTests
{
    [Test]
    public void A_crashed_member_is_suspected_and_comes_back_with_the_next_term()
    {
        var simulation = new Simulation(seed: 42, new SimulationOptions
        {
            Network = LinkProfile.Unreliable,
            ReplayCommand = "dotnet test --filter Name=A_crashed_member_is_suspected_and_comes_back_with_the_next_term",
        });
        NodeId[] nodes = [.. Enumerable.Range(1, 3).Select(i => simulation.AddNode($"n{i}", context => new Member(context)))];
        simulation.AddInvariant("running members have a term", () =>
            nodes.Any(n => simulation.IsUp(n) && simulation.Node<Member>(n).Term < 1) ? "a running member has no term" : null);
        simulation.RunFor(TimeSpan.FromSeconds(1));

        simulation.Crash(nodes[2]);
        bool suspected = simulation.RunUntil(() => simulation.Node<Member>(nodes[0]).Suspects(nodes[2]), TimeSpan.FromSeconds(5));
        simulation.Restart(nodes[2]);

        Assert.That(suspected, Is.True, $"n1 never suspected the crashed n3; {simulation.ReplayHint}\n{simulation.Trace.Tail(20)}");
        Assert.That(simulation.Node<Member>(nodes[2]).Term, Is.EqualTo(2), "the term survived the crash in Storage");
    }
}
