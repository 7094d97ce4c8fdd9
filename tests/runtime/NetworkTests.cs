namespace DistSys.Runtime.Tests;

public class NetworkTests
{
    private static int Seed => Scenario.Seed(20240601);

    /// <summary>n1 sends <paramref name="count"/> numbered pings to n2 at time zero; returns what n2 received.</summary>
    private static (Simulation Simulation, List<Received> Inbox) SendBurst(LinkProfile profile, int count)
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed, profile));
        NodeId[] nodes = Scenario.AddNodes(simulation, 2, onStart: node =>
        {
            if (node.Context.Id.Name == "n1")
            {
                for (int i = 0; i < count; i++)
                {
                    node.Context.Send(new NodeId("n2"), new Ping(i));
                }
            }
        });
        simulation.RunFor(TimeSpan.FromMinutes(1));
        return (simulation, simulation.Node<ScriptedNode>(nodes[1]).Inbox);
    }

    [Test]
    public void Every_delivery_delay_lies_within_the_profile_bounds()
    {
        var profile = new LinkProfile(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80));

        (Simulation simulation, List<Received> inbox) = SendBurst(profile, 2000);

        Assert.That(inbox, Has.Count.EqualTo(2000), "no loss configured, so every message arrives" + Scenario.Evidence(simulation));
        Assert.That(inbox.Select(r => r.At), Is.All.InRange(profile.MinDelay, profile.MaxDelay), simulation.ReplayHint);
        Assert.That(inbox.Min(r => r.At), Is.LessThan(TimeSpan.FromMilliseconds(25)), "delays should spread over the whole range");
        Assert.That(inbox.Max(r => r.At), Is.GreaterThan(TimeSpan.FromMilliseconds(75)), "delays should spread over the whole range");
    }

    [Test]
    public void Long_delays_exceed_the_ordinary_maximum_but_not_the_long_delay_maximum()
    {
        LinkProfile profile = LinkProfile.Lan with { LongDelayRate = 0.2, LongDelayMax = TimeSpan.FromSeconds(2) };

        (Simulation simulation, List<Received> inbox) = SendBurst(profile, 2000);

        List<TimeSpan> longOnes = [.. inbox.Select(r => r.At).Where(at => at > profile.MaxDelay)];
        Assert.That(longOnes, Is.All.LessThanOrEqualTo(profile.LongDelayMax), simulation.ReplayHint);
        Assert.That(longOnes.Count / 2000.0, Is.InRange(0.17, 0.23), $"about 20% should take a long delay; {simulation.ReplayHint}");
    }

    [TestCase(0.1)]
    [TestCase(0.3)]
    public void The_fraction_of_dropped_messages_is_close_to_the_drop_rate(double dropRate)
    {
        const int count = 20_000;
        LinkProfile profile = LinkProfile.Lan with { DropRate = dropRate };

        (Simulation simulation, List<Received> inbox) = SendBurst(profile, count);

        double dropped = 1.0 - (inbox.Count / (double)count);
        Assert.That(dropped, Is.EqualTo(dropRate).Within(0.01), $"{count - inbox.Count} of {count} dropped; {simulation.ReplayHint}");
        Assert.That(simulation.Metrics.MessagesDropped, Is.EqualTo(count - inbox.Count));
    }

    [Test]
    public void The_fraction_of_duplicated_messages_is_close_to_the_duplicate_rate_and_each_copy_arrives()
    {
        const int count = 20_000;
        LinkProfile profile = LinkProfile.Lan with { DuplicateRate = 0.05 };

        (Simulation simulation, List<Received> inbox) = SendBurst(profile, count);

        int extraCopies = inbox.Count - count;
        Assert.That(extraCopies / (double)count, Is.EqualTo(0.05).Within(0.005), simulation.ReplayHint);
        Assert.That(inbox.Select(r => ((Ping)r.Message).Number).Distinct().Count(), Is.EqualTo(count), "no message is lost");
        Assert.That(simulation.Metrics.MessagesDuplicated, Is.EqualTo(extraCopies));
    }

    [Test]
    public void A_link_that_preserves_order_delivers_in_sending_order_even_with_random_delays()
    {
        LinkProfile profile = LinkProfile.Wan with { PreserveOrder = true, LongDelayRate = 0.05, LongDelayMax = TimeSpan.FromSeconds(1) };

        (Simulation simulation, List<Received> inbox) = SendBurst(profile, 1000);

        Assert.That(inbox.Select(r => ((Ping)r.Message).Number), Is.EqualTo(Enumerable.Range(0, 1000)), Scenario.Evidence(simulation));
    }

    [Test]
    public void A_link_that_does_not_preserve_order_reorders_messages_with_random_delays()
    {
        (Simulation simulation, List<Received> inbox) = SendBurst(LinkProfile.Wan, 1000);

        Assert.That(inbox.Select(r => ((Ping)r.Message).Number), Is.Not.Ordered, simulation.ReplayHint);
    }

    [Test]
    public void A_profile_set_for_one_direction_applies_to_that_direction_only()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId[] nodes = Scenario.AddNodes(simulation, 2);
        var slow = new LinkProfile(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
        simulation.Network.SetProfile(nodes[0], nodes[1], slow);

        simulation.SendFrom(nodes[0], nodes[1], new Ping(1));
        simulation.SendFrom(nodes[1], nodes[0], new Ping(2));
        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Node<ScriptedNode>(nodes[1]).Inbox.Single().At, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(simulation.Node<ScriptedNode>(nodes[0]).Inbox.Single().At, Is.EqualTo(TimeSpan.FromMilliseconds(1)));
        Assert.That(simulation.Network.ProfileOf(nodes[1], nodes[0]), Is.SameAs(LinkProfile.Reliable));
    }

    [Test]
    public void Broadcast_sends_to_every_peer_but_not_to_the_sender()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId[] nodes = Scenario.AddNodes(simulation, 4, onStart: node =>
        {
            if (node.Context.Id.Name == "n2")
            {
                node.Context.Broadcast(new Ping(7));
            }
        });

        simulation.RunFor(TimeSpan.FromMilliseconds(10));

        int[] received = [.. nodes.Select(id => simulation.Node<ScriptedNode>(id).Inbox.Count)];
        Assert.That(received, Is.EqualTo(new[] { 1, 0, 1, 1 }), Scenario.Evidence(simulation));
    }

    [Test]
    public void Peers_lists_every_other_node_in_id_order_including_nodes_added_later()
    {
        var simulation = new Simulation(Seed);
        NodeId c = simulation.AddNode("c", context => new ScriptedNode(context));
        simulation.AddNode("a", context => new ScriptedNode(context));
        simulation.AddNode("b", context => new ScriptedNode(context));

        IReadOnlyList<NodeId> peers = simulation.Node<ScriptedNode>(c).Context.Peers;

        Assert.That(peers, Is.EqualTo(new[] { new NodeId("a"), new NodeId("b") }));
        Assert.That(simulation.Nodes, Is.EqualTo(new[] { new NodeId("a"), new NodeId("b"), new NodeId("c") }));
    }

    [Test]
    public void Sending_to_an_unknown_node_names_the_known_ones()
    {
        var simulation = new Simulation(Seed);
        NodeId[] nodes = Scenario.AddNodes(simulation, 2);

        Assert.That(() => simulation.SendFrom(nodes[0], new NodeId("n9"), new Ping(1)),
            Throws.ArgumentException.With.Message.Contains("no node 'n9'").And.Message.Contains("n1, n2"));
    }
}
