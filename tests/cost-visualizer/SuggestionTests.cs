namespace DistSys.CostVisualizer.Tests;

/// <summary>Each rule fires on a trace built to trigger it, with its subject and share; a balanced trace gets none.</summary>
public class SuggestionTests
{
    /// <summary>n1 sends 3 messages to each of n2 and n3 (6); n2 and n3 send one each to n1: n1 sends 75%.</summary>
    private static Traces Leader() => new Traces()
        .Message(0, "n1", "n2", "Append { Index = 1 }").Message(1, "n1", "n3", "Append { Index = 1 }")
        .Message(2, "n1", "n2", "Append { Index = 2 }").Message(3, "n1", "n3", "Append { Index = 2 }")
        .Message(4, "n1", "n2", "Append { Index = 3 }").Message(5, "n1", "n3", "Append { Index = 3 }")
        .Message(6, "n2", "n1", "Ack(3)").Message(7, "n3", "n1", "Ack(3)");

    [Test]
    [Category("behaviour")]
    public void A_balanced_run_gets_no_suggestion() =>
        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(Traces.Balanced().Events)), Is.Empty);

    [Test]
    [Category("behaviour")]
    public void An_empty_run_gets_no_suggestion() =>
        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze([])), Is.Empty);

    [Test]
    [Category("behaviour")]
    public void A_node_sending_most_messages_is_a_leader_bottleneck() =>
        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(Leader().Events)),
            Is.EqualTo(new[] { new Suggestion(SuggestionRule.LeaderBottleneck, "n1", 0.75) }));

    [Test]
    [Category("behaviour")]
    public void Two_nodes_talking_are_not_a_leader_bottleneck()
    {
        var pair = new Traces().Message(0, "a", "b", "Put(1)").Message(1, "a", "b", "Put(2)").Message(2, "b", "a", "Ok(2)");
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(pair.Events);

        Assert.That(analysis.HotNodes, Has.Member(new DistSys.Runtime.NodeId("a")), "a is a hot spot…");
        Assert.That(Advisor.Suggest(analysis), Is.Empty, "…but with two nodes there is nobody to shard to");
    }

    [Test]
    [Category("behaviour")]
    public void Heartbeats_that_dominate_call_for_a_longer_interval()
    {
        Traces trace = Traces.Balanced(nodes: 3, rounds: 1);
        for (int i = 0; i < 4; i++)
        {
            trace.Message(20 + i, "n1", "n2", $"Heartbeat {{ Seq = {i} }}").Message(20 + i, "n2", "n3", $"HEARTBEAT({i})").Message(20 + i, "n3", "n1", $"HeartbeatReply({i})");
        }

        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(trace.Events)),
            Is.EqualTo(new[] { new Suggestion(SuggestionRule.HeartbeatsDominate, "all", 12.0 / 18) }),
            "12 of 18 messages are heartbeats of some kind (the kind contains 'heartbeat', ignoring case)");
    }

    [Test]
    [Category("behaviour")]
    public void Heartbeats_at_exactly_the_threshold_do_not_dominate()
    {
        var trace = new Traces().Message(0, "a", "b", "Heartbeat(1)").Message(1, "b", "a", "Data(1)");
        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(trace.Events, new AnalysisOptions { HotNodeShare = 1 })), Is.Empty, "1 of 2 is not more than 50%");
    }

    [Test]
    [Category("behaviour")]
    public void Many_retransmissions_on_one_link_mark_it_lossy()
    {
        Traces trace = Traces.Balanced(nodes: 3, rounds: 2);
        for (int i = 0; i < 3; i++)
        {
            trace.Lost(30 + i, "n2", "n3", "Update { Id = 7 }");
        }

        trace.Message(40, "n2", "n3", "Update { Id = 7 }");

        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(trace.Events, new AnalysisOptions { HotNodeShare = 1 })),
            Is.EqualTo(new[] { new Suggestion(SuggestionRule.LossyLink, "n2 -> n3", 3.0 / 6) }),
            "n2 -> n3 carried 6 sends, 3 of them repeats of an earlier text");
    }

    [Test]
    [Category("behaviour")]
    public void A_link_whose_retransmissions_are_exactly_at_the_share_is_not_lossy()
    {
        var trace = new Traces();
        for (int i = 0; i < 8; i++)
        {
            trace.Message(i, "a", "b", $"Put({i})");
        }

        for (int i = 0; i < 4; i++)
        {
            trace.Lost(10 + i, "a", "b", "Get(1)");
        }

        var options = new AnalysisOptions { HotNodeShare = 1, RetransmissionShare = 0.25 };
        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(trace.Events, options)), Is.Empty,
            "a -> b carried 12 sends, 3 of them repeats: exactly 25% of 12 is not more than the share");
        trace.Lost(14, "a", "b", "Get(1)");
        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(trace.Events, options)).Select(s => s.Subject), Is.EqualTo(new[] { "a -> b" }),
            "a -> b carried 13 sends, 4 of them repeats: more than 25% of 13 (3.25)");
    }

    [Test]
    [Category("behaviour")]
    public void Fewer_retransmissions_than_the_minimum_are_not_a_pattern()
    {
        var trace = new Traces().Lost(0, "a", "b", "Put(1)").Lost(1, "a", "b", "Put(1)").Message(2, "a", "b", "Put(1)").Message(3, "b", "a", "Ok(1)");
        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(trace.Events)), Is.Empty, "2 retransmissions (50% of the link) are below the minimum of 3");
        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(trace.Events, new AnalysisOptions { MinRetransmissions = 2 })).Select(s => s.Subject),
            Is.EqualTo(new[] { "a -> b" }), "with a minimum of 2 they are");
    }

    [Test]
    [Category("behaviour")]
    public void Rules_are_reported_in_order_leader_then_heartbeats_then_links()
    {
        Traces trace = Leader();
        for (int i = 0; i < 20; i++)
        {
            trace.Message(10 + i, "n1", "n2", "Heartbeat");
        }

        trace.Message(30, "n3", "n2", "Sync(1)").Message(31, "n3", "n2", "Sync(1)").Message(32, "n3", "n2", "Sync(1)").Message(33, "n3", "n2", "Sync(1)");

        Assert.That(Advisor.Suggest(TrafficAnalyzer.Analyze(trace.Events)).Select(s => (s.Rule, s.Subject)), Is.EqualTo(new[]
        {
            (SuggestionRule.LeaderBottleneck, "n1"),
            (SuggestionRule.HeartbeatsDominate, "all"),
            (SuggestionRule.LossyLink, "n1 -> n2"),
            (SuggestionRule.LossyLink, "n3 -> n2"),
        }), "identical heartbeats on n1 -> n2 count as retransmissions too: 19 of its 23 sends");
    }
}
