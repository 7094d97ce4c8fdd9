namespace DistSys.Runtime.Tests;

public class CrashRestartTests
{
    private static int Seed => Scenario.Seed(11);

    [Test]
    public void A_crash_loses_volatile_state_but_storage_survives_the_restart()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId node = Scenario.AddNodes(simulation, 1)[0];
        simulation.RunFor(TimeSpan.FromMilliseconds(1));
        ScriptedNode before = simulation.Node<ScriptedNode>(node);
        before.VolatileCounter = 42;
        before.Context.Storage.Put("term", 3);

        simulation.Crash(node);
        simulation.Restart(node);

        ScriptedNode after = simulation.Node<ScriptedNode>(node);
        Assert.That(after, Is.Not.SameAs(before), "a restart builds a new instance from the factory");
        Assert.That(after.VolatileCounter, Is.Zero, "fields are volatile state");
        Assert.That(after.Context.Storage.TryGet("term", out int term), Is.True);
        Assert.That(term, Is.EqualTo(3));
    }

    [Test]
    public void Restart_calls_OnStart_on_the_new_instance()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId node = Scenario.AddNodes(simulation, 1)[0];
        simulation.RunFor(TimeSpan.FromMilliseconds(1));

        simulation.Restart(node);

        Assert.That(simulation.Node<ScriptedNode>(node).Starts, Is.EqualTo(1));
        Assert.That(simulation.Trace.Select(e => e.Kind), Is.EqualTo(new[] { TraceEventKind.Crash, TraceEventKind.Restart }),
            "restarting a running node crashes it first");
    }

    [Test]
    public void A_crashed_node_loses_its_pending_timers()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId node = Scenario.AddNodes(simulation, 1, onStart: n =>
        {
            if (!n.Context.Storage.TryGet("started", out bool _))
            {
                n.Context.Storage.Put("started", true);
                n.Context.SetTimer(TimeSpan.FromMilliseconds(100), () => n.Context.Log("old timer fired"), "old");
            }
        })[0];
        simulation.Schedule(TimeSpan.FromMilliseconds(50), () => simulation.Crash(node));
        simulation.Schedule(TimeSpan.FromMilliseconds(60), () => simulation.Restart(node));

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Trace.Where(e => e.Kind is TraceEventKind.Timer or TraceEventKind.Log), Is.Empty, Scenario.Evidence(simulation));
    }

    [Test]
    public void Messages_arriving_while_a_node_is_down_are_dropped_and_traced()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId[] n = Scenario.AddNodes(simulation, 2);
        simulation.Crash(n[1]);
        simulation.SendFrom(n[0], n[1], new Ping(1));
        simulation.Schedule(TimeSpan.FromMilliseconds(5), () => simulation.Restart(n[1]));

        simulation.RunFor(TimeSpan.FromMilliseconds(10));

        Assert.That(simulation.Node<ScriptedNode>(n[1]).Inbox, Is.Empty);
        TraceEvent drop = simulation.Trace.Single(e => e.Kind == TraceEventKind.Drop);
        Assert.That(drop.Description, Is.EqualTo("Ping { Number = 1 }  [receiver down]"));
        Assert.That(simulation.Metrics.ForNode(n[0]).MessagesDropped, Is.EqualTo(1));
    }

    [Test]
    public void Asking_for_a_crashed_node_explains_that_it_is_crashed()
    {
        var simulation = new Simulation(Seed);
        NodeId node = Scenario.AddNodes(simulation, 1)[0];
        simulation.Crash(node);

        Assert.That(simulation.IsUp(node), Is.False);
        Assert.That(() => simulation.Node<ScriptedNode>(node),
            Throws.InvalidOperationException.With.Message.Contains("Node n1 is crashed").And.Message.Contains("Restart"));
    }

    [Test]
    public void Asking_for_a_node_as_the_wrong_type_names_both_types()
    {
        var simulation = new Simulation(Seed);
        NodeId node = Scenario.AddNodes(simulation, 1)[0];

        Assert.That(() => simulation.Node<OtherNode>(node),
            Throws.InvalidOperationException.With.Message.EqualTo("Node n1 is a ScriptedNode, not a OtherNode."));
    }

    [Test]
    public void The_context_of_a_crashed_instance_has_no_effect()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId[] n = Scenario.AddNodes(simulation, 2);
        INodeContext stale = simulation.Node<ScriptedNode>(n[0]).Context;
        simulation.Restart(n[0]);

        stale.Send(n[1], new Ping(1));
        stale.Broadcast(new Ping(2));
        stale.SetTimer(TimeSpan.Zero, () => Assert.Fail("a stale timer must not fire"));
        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Node<ScriptedNode>(n[1]).Inbox, Is.Empty, Scenario.Evidence(simulation));
    }

    [Test]
    public void Nodes_added_after_the_start_start_immediately()
    {
        var simulation = new Simulation(Seed);
        simulation.RunFor(TimeSpan.FromSeconds(1));

        NodeId late = simulation.AddNode("late", context => new ScriptedNode(context));

        Assert.That(simulation.Node<ScriptedNode>(late).Starts, Is.EqualTo(1));
    }

    [Test]
    public void Nodes_added_before_the_start_start_with_the_first_step_and_see_all_their_peers()
    {
        var simulation = new Simulation(Seed);
        int peersSeenAtStart = -1;
        NodeId first = simulation.AddNode("a", context => new ScriptedNode(context, node => peersSeenAtStart = node.Context.Peers.Count));
        simulation.AddNode("b", context => new ScriptedNode(context));
        Assert.That(simulation.Node<ScriptedNode>(first).Starts, Is.Zero, "nothing runs before the simulation starts");

        simulation.Step();

        Assert.That(simulation.Node<ScriptedNode>(first).Starts, Is.EqualTo(1));
        Assert.That(peersSeenAtStart, Is.EqualTo(1));
    }

    [Test]
    public void Storage_rejects_reading_a_value_as_the_wrong_type_with_a_clear_message()
    {
        var simulation = new Simulation(Seed);
        NodeId node = Scenario.AddNodes(simulation, 1)[0];
        IPersistentStore storage = simulation.Node<ScriptedNode>(node).Context.Storage;
        storage.Put("b", "text");
        storage.Put("a", 1);

        Assert.That(() => storage.TryGet("b", out int _),
            Throws.TypeOf<InvalidCastException>().With.Message.Contains("key 'b' holds a String, not a Int32"));
        Assert.That(storage.Keys, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(storage.Remove("a"), Is.True);
        Assert.That(storage.TryGet("a", out int _), Is.False);
    }

    private sealed class OtherNode : INode
    {
        public void OnStart()
        {
        }

        public void OnMessage(NodeId from, object message)
        {
        }
    }
}
