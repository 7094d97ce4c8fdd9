namespace DistSys.Runtime.Tests;

public class PartitionTests
{
    private static int Seed => Scenario.Seed(7);

    private static (Simulation Simulation, NodeId[] Nodes) Cluster(int size = 4)
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        return (simulation, Scenario.AddNodes(simulation, size));
    }

    /// <summary>Sends one ping from every node to every other node and lets them arrive; returns "from->to" for each delivery.</summary>
    private static HashSet<string> DeliveriesOfAllToAll(Simulation simulation, NodeId[] nodes)
    {
        foreach (NodeId id in nodes)
        {
            simulation.Node<ScriptedNode>(id).Inbox.Clear();
        }

        foreach (NodeId from in nodes)
        {
            foreach (NodeId to in nodes.Where(n => n != from))
            {
                simulation.SendFrom(from, to, new Ping(0));
            }
        }

        simulation.RunFor(TimeSpan.FromMilliseconds(10));
        return [.. nodes.SelectMany(to => simulation.Node<ScriptedNode>(to).Inbox.Select(r => $"{r.From}->{to}"))];
    }

    [Test]
    public void A_partition_cuts_both_directions_between_the_groups_and_nothing_within_them()
    {
        (Simulation simulation, NodeId[] n) = Cluster();
        simulation.Network.Partition([n[0], n[1]], [n[2], n[3]]);

        HashSet<string> delivered = DeliveriesOfAllToAll(simulation, n);

        Assert.That(delivered, Is.EquivalentTo(new[] { "n1->n2", "n2->n1", "n3->n4", "n4->n3" }), Scenario.Evidence(simulation));
        Assert.That(simulation.Network.IsConnected(n[0], n[2]), Is.False);
        Assert.That(simulation.Network.IsConnected(n[2], n[0]), Is.False);
    }

    [Test]
    public void A_one_way_cut_drops_messages_in_that_direction_only()
    {
        (Simulation simulation, NodeId[] n) = Cluster(2);
        simulation.Network.CutOneWay(n[0], n[1]);

        HashSet<string> delivered = DeliveriesOfAllToAll(simulation, n);

        Assert.That(delivered, Is.EquivalentTo(new[] { "n2->n1" }), Scenario.Evidence(simulation));
    }

    [Test]
    public void An_isolated_node_neither_sends_nor_receives_but_can_still_message_itself()
    {
        (Simulation simulation, NodeId[] n) = Cluster(3);
        simulation.Network.Isolate(n[0]);
        simulation.SendFrom(n[0], n[0], new Ping(99));

        HashSet<string> delivered = DeliveriesOfAllToAll(simulation, n);

        Assert.That(delivered, Is.EquivalentTo(new[] { "n1->n1", "n2->n3", "n3->n2" }), Scenario.Evidence(simulation));
    }

    [Test]
    public void Heal_removes_every_cut_and_isolation()
    {
        (Simulation simulation, NodeId[] n) = Cluster();
        simulation.Network.Partition([n[0]], [n[1], n[2]]);
        simulation.Network.CutOneWay(n[2], n[3]);
        simulation.Network.Isolate(n[3]);

        simulation.Network.Heal();
        HashSet<string> delivered = DeliveriesOfAllToAll(simulation, n);

        Assert.That(delivered, Has.Count.EqualTo(12), Scenario.Evidence(simulation));
    }

    [Test]
    public void A_message_in_flight_when_its_link_is_cut_is_dropped_on_arrival()
    {
        (Simulation simulation, NodeId[] n) = Cluster(2);
        simulation.Network.DefaultProfile = new LinkProfile(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        simulation.SendFrom(n[0], n[1], new Ping(1));
        simulation.Schedule(TimeSpan.FromMilliseconds(50), () => simulation.Network.Partition([n[0]], [n[1]]), "cut");

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Node<ScriptedNode>(n[1]).Inbox, Is.Empty, Scenario.Evidence(simulation));
        TraceEvent drop = simulation.Trace.Single(e => e.Kind == TraceEventKind.Drop);
        Assert.That(drop.Time, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(drop.Description, Does.Contain("link cut"));
    }

    [Test]
    public void A_node_cannot_be_on_both_sides_of_a_partition()
    {
        (Simulation simulation, NodeId[] n) = Cluster(3);

        Assert.That(() => simulation.Network.Partition([n[0], n[1]], [n[1], n[2]]),
            Throws.ArgumentException.With.Message.Contains("n2 is on both sides"));
    }

    [Test]
    public void Partitions_and_heals_appear_in_the_trace()
    {
        (Simulation simulation, NodeId[] n) = Cluster(3);

        simulation.Network.Partition([n[0]], [n[1], n[2]]);
        simulation.Network.Heal();

        Assert.That(simulation.Trace.Select(e => (e.Kind, e.Description)), Is.EqualTo(new[]
        {
            (TraceEventKind.Partition, "partition {n1} | {n2, n3}"),
            (TraceEventKind.Heal, "heal all cuts"),
        }));
    }
}
