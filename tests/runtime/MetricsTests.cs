namespace DistSys.Runtime.Tests;

public class MetricsTests
{
    private static int Seed => Scenario.Seed(31);

    private static (Simulation Simulation, NodeId[] Nodes) LossyChatter()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed, LinkProfile.Unreliable with { DuplicateRate = 0.05 }));
        NodeId[] nodes = Scenario.AddNodes(simulation, 4,
            onStart: node => node.Context.Broadcast(new Blob(100)),
            onMessage: (node, from, message) =>
            {
                if (message is Blob { Length: > 10 } blob)
                {
                    node.Context.Send(from, new Blob(blob.Length - 10));
                }
            });
        simulation.Schedule(TimeSpan.FromMilliseconds(30), () => simulation.Crash(nodes[3]));
        simulation.RunFor(TimeSpan.FromSeconds(10));
        return (simulation, nodes);
    }

    [Test]
    public void Every_message_sent_or_duplicated_is_eventually_delivered_or_dropped()
    {
        (Simulation simulation, _) = LossyChatter();
        SimulationMetrics m = simulation.Metrics;

        Assert.That(m.MessagesDropped, Is.GreaterThan(0), "the scenario should lose messages");
        Assert.That(m.MessagesDuplicated, Is.GreaterThan(0), "the scenario should duplicate messages");
        Assert.That(m.MessagesDelivered + m.MessagesDropped, Is.EqualTo(m.MessagesSent + m.MessagesDuplicated), m.Format());
    }

    [Test]
    public void Per_node_counters_add_up_to_the_totals()
    {
        (Simulation simulation, NodeId[] nodes) = LossyChatter();
        SimulationMetrics m = simulation.Metrics;
        NodeMetrics[] perNode = [.. nodes.Select(m.ForNode)];

        Assert.That(perNode.Sum(n => n.MessagesSent), Is.EqualTo(m.MessagesSent), m.Format());
        Assert.That(perNode.Sum(n => n.MessagesReceived), Is.EqualTo(m.MessagesDelivered), m.Format());
        Assert.That(perNode.Sum(n => n.MessagesDropped), Is.EqualTo(m.MessagesDropped), m.Format());
        Assert.That(perNode.Sum(n => n.BytesSent), Is.EqualTo(m.BytesSent), m.Format());
    }

    [Test]
    public void Per_link_counters_add_up_to_the_totals()
    {
        (Simulation simulation, NodeId[] nodes) = LossyChatter();
        SimulationMetrics m = simulation.Metrics;
        LinkMetrics[] links = [.. nodes.SelectMany(from => nodes.Select(to => m.ForLink(from, to)))];

        Assert.That(links.Sum(l => l.MessagesSent), Is.EqualTo(m.MessagesSent), m.Format());
        Assert.That(links.Sum(l => l.MessagesReceived), Is.EqualTo(m.MessagesDelivered), m.Format());
        Assert.That(links.Sum(l => l.BytesReceived), Is.EqualTo(nodes.Sum(n => m.ForNode(n).BytesReceived)), m.Format());
        Assert.That(links.Sum(l => l.MessagesDropped), Is.EqualTo(m.MessagesDropped), m.Format());
        Assert.That(links.Sum(l => l.MessagesDuplicated), Is.EqualTo(m.MessagesDuplicated), m.Format());
        Assert.That(links.Sum(l => l.BytesSent), Is.EqualTo(m.BytesSent), m.Format());
    }

    [Test]
    public void Sizes_come_from_sized_messages_or_the_default()
    {
        var simulation = new Simulation(Seed, new SimulationOptions { DefaultMessageSizeBytes = 10 });
        NodeId[] n = Scenario.AddNodes(simulation, 2);

        simulation.SendFrom(n[0], n[1], new Blob(1500));
        simulation.SendFrom(n[0], n[1], new Ping(1));
        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Metrics.ForLink(n[0], n[1]).BytesSent, Is.EqualTo(1510));
        Assert.That(simulation.Metrics.ForNode(n[1]).BytesReceived, Is.EqualTo(1510));
        Assert.That(simulation.Trace.First(e => e.Kind == TraceEventKind.Deliver).SizeBytes, Is.EqualTo(1500));
    }

    [Test]
    public void Metrics_are_counted_even_when_the_trace_is_off()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed, recordTrace: false));
        Scenario.AddNodes(simulation, 3, onStart: node => node.Context.Broadcast(new Ping(1)));

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Trace, Is.Empty);
        Assert.That(simulation.Metrics.MessagesDelivered, Is.EqualTo(6));
    }

    [Test]
    public void The_metrics_report_lists_totals_nodes_and_busy_links()
    {
        var simulation = new Simulation(Seed);
        NodeId[] n = Scenario.AddNodes(simulation, 2);
        simulation.SendFrom(n[0], n[1], new Blob(1234));
        simulation.RunFor(TimeSpan.FromSeconds(1));

        string report = simulation.Metrics.Format();

        Assert.That(report, Does.StartWith("messages: sent 1, delivered 1, dropped 0, duplicated 0; bytes sent 1234; timers fired 0\n"));
        Assert.That(report, Does.Contain("n1 -> n2"));
        Assert.That(report, Does.Not.Contain("n2 -> n1"), "links without traffic are left out");
    }
}
