using DistSys.Runtime;

namespace DistSys.CostVisualizer.Tests;

/// <summary>The batch analysis on small hand-made traces whose answers were worked out on paper.</summary>
public class AnalysisTests
{
    private static readonly NodeId N1 = new("n1");
    private static readonly NodeId N2 = new("n2");
    private static readonly NodeId N3 = new("n3");
    private static readonly NodeId N4 = new("n4");

    /// <summary>
    /// n1 pings n2; pings n3, which is lost; pings n3 again (a retransmission), duplicated and delivered twice; n2
    /// answers n1; then a timer on n3, a log line on n4 and an external action at 10 ms. 13 events.
    /// </summary>
    private static IReadOnlyList<TraceEvent> Worked() => new Traces()
        .Message(0, "n1", "n2", "Ping { Round = 1 }", 100)
        .Lost(2, "n1", "n3", "Ping { Round = 1 }", 100)
        .Send(3, "n1", "n3", "Ping { Round = 1 }", 100)
        .Add(3, TraceEventKind.Duplicate, "n1", "n3", "Ping { Round = 1 }", 100)
        .Add(4, TraceEventKind.Deliver, "n1", "n3", "Ping { Round = 1 }", 100)
        .Add(5, TraceEventKind.Deliver, "n1", "n3", "Ping { Round = 1 }", 100)
        .Message(6, "n2", "n1", "Pong(1)", 50)
        .Add(8, TraceEventKind.Timer, "n3", null, "timer 1 tick")
        .Add(9, TraceEventKind.Log, "n4", null, "hello")
        .Add(10, TraceEventKind.External, null, null, "scheduled action")
        .Events;

    [Test]
    [Category("behaviour")]
    public void Totals_count_each_kind_of_message_event_and_the_bytes_sent()
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(Worked());

        Assert.That(
            (analysis.Events, analysis.Duration, analysis.MessagesSent, analysis.MessagesDelivered, analysis.MessagesDropped, analysis.MessagesDuplicated, analysis.BytesSent),
            Is.EqualTo((13L, Traces.Ms(10), 4L, 4L, 1L, 1L, 350L)),
            "(events, duration = time of the last event, sent, delivered, dropped, duplicated, bytes of the sends only)");
    }

    [Test]
    [Category("behaviour")]
    public void Each_node_named_by_any_event_gets_its_sends_receipts_drops_and_bytes()
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(Worked());

        Assert.That(analysis.Nodes, Is.EqualTo(new[]
        {
            new NodeTraffic(N1, MessagesSent: 3, MessagesReceived: 1, MessagesDropped: 1, BytesSent: 300, BytesReceived: 50),
            new NodeTraffic(N2, 1, 1, 0, 50, 100),
            new NodeTraffic(N3, 0, 2, 0, 0, 200),
            new NodeTraffic(N4, 0, 0, 0, 0, 0),
        }), "n1's lost ping is its drop; n3 received both copies of the duplicate; n4 only logged, and is listed all the same");
    }

    [Test]
    [Category("behaviour")]
    public void Each_link_counts_its_own_sends_deliveries_drops_duplicates_and_retransmissions()
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(Worked());

        Assert.That(analysis.Links, Is.EqualTo(new[]
        {
            new LinkTraffic(N1, N2, MessagesSent: 1, MessagesDelivered: 1, MessagesDropped: 0, MessagesDuplicated: 0, Retransmissions: 0, BytesSent: 100),
            new LinkTraffic(N1, N3, 2, 2, 1, 1, 1, 200),
            new LinkTraffic(N2, N1, 1, 1, 0, 0, 0, 50),
        }), "the second identical ping on n1 -> n3 is a retransmission; the same text on n1 -> n2 is not (another link)");
    }

    [Test]
    [Category("behaviour")]
    public void Message_kinds_are_ranked_by_messages_then_by_name()
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(new Traces()
            .Message(0, "a", "b", "Vote(1)", 10)
            .Message(1, "a", "b", "Append { Index = 1 }", 30)
            .Message(2, "b", "a", "Ack", 5)
            .Message(3, "b", "a", "Append { Index = 2 }", 30)
            .Events);

        Assert.That(analysis.Kinds, Is.EqualTo(new[] { new KindTraffic("Append", 2, 60), new KindTraffic("Ack", 1, 5), new KindTraffic("Vote", 1, 10) }));
    }

    [TestCase("Ping { Round = 1 }", "Ping")]
    [TestCase("Vote(3)", "Vote")]
    [TestCase("Heartbeat", "Heartbeat")]
    [TestCase("hello world", "hello")]
    [TestCase("", "")]
    [TestCase("{ Round = 1 }", "")]
    [TestCase("(3)", "")]
    [Category("behaviour")]
    public void The_kind_is_the_text_up_to_the_first_space_brace_or_parenthesis(string text, string kind) =>
        Assert.That(TrafficAnalyzer.KindOf(text), Is.EqualTo(kind));

    [Test]
    [Category("behaviour")]
    public void Hot_spots_are_the_nodes_and_links_strictly_above_their_share()
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(Worked());

        Assert.Multiple(() =>
        {
            Assert.That(analysis.HotNodes, Is.EqualTo(new[] { N1 }), "n1 sends 3 of 4 messages (> 40%), n2 1 of 4 (not > 40%)");
            Assert.That(analysis.HotLinks.Select(l => (l.From, l.To)), Is.EqualTo(new[] { (N1, N2), (N1, N3), (N2, N1) }), "every link carries at least 25% (> 20%)");
        });

        TrafficAnalysis strict = TrafficAnalyzer.Analyze(Worked(), new AnalysisOptions { HotNodeShare = 0.75, HotLinkShare = 0.25 });
        Assert.Multiple(() =>
        {
            Assert.That(strict.HotNodes, Is.Empty, "exactly at the threshold (3 of 4 = 75%) is not above it");
            Assert.That(strict.HotLinks.Select(l => (l.From, l.To)), Is.EqualTo(new[] { (N1, N3) }), "only n1 -> n3 carries more than 25%");
        });
    }

    [Test]
    [Category("behaviour")]
    public void A_gigabyte_costs_two_cents_and_is_projected_to_an_hour_and_a_month()
    {
        const int gigabyte = 1024 * 1024 * 1024;
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(new Traces().Message(0, "a", "b", "Snapshot", gigabyte, delay: 30 * 60 * 1000).Events);

        Assert.Multiple(() =>
        {
            Assert.That(analysis.Cost.RunUsd, Is.EqualTo(0.02).Within(1e-12), "1 GB at $0.02 per GB");
            Assert.That(analysis.Cost.UsdPerHour, Is.EqualTo(0.04).Within(1e-12), "the run lasted half an hour, so an hour costs twice as much");
            Assert.That(analysis.Cost.UsdPerMonth, Is.EqualTo(0.04 * 730).Within(1e-9), "730 hours in a month");
        });
    }

    [Test]
    [Category("behaviour")]
    public void The_price_per_gigabyte_comes_from_the_options()
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(new Traces().Message(0, "a", "b", "Block", 512 * 1024 * 1024, delay: 60 * 60 * 1000).Events,
            new AnalysisOptions { PricePerGb = 0.09 });

        Assert.That((analysis.Cost.RunUsd, analysis.Cost.UsdPerHour), Is.EqualTo((0.045, 0.045)).Using<(double, double)>((x, y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-12 && Math.Abs(x.Item2 - y.Item2) < 1e-12), "half a GB at $0.09, over exactly one hour");
    }

    [Test]
    [Category("behaviour")]
    public void A_run_that_lasted_no_time_has_no_hourly_rate()
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(new Traces().Send(0, "a", "b", "Ping", 1024).Events);

        Assert.That((analysis.Duration, analysis.Cost.UsdPerHour, analysis.Cost.UsdPerMonth), Is.EqualTo((TimeSpan.Zero, 0.0, 0.0)));
        Assert.That(analysis.Cost.RunUsd, Is.GreaterThan(0), "the bytes still cost something");
    }

    [Test]
    [Category("behaviour")]
    public void An_empty_trace_is_an_empty_analysis()
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze([]);

        Assert.That((analysis.Events, analysis.MessagesSent, analysis.Nodes.Count, analysis.Links.Count, analysis.HotNodes.Count, analysis.Cost),
            Is.EqualTo((0L, 0L, 0, 0, 0, new RunCost(0, 0, 0))));
    }

    [Test]
    [Category("behaviour")]
    public void The_options_are_kept_with_the_analysis()
    {
        var options = new AnalysisOptions { HotNodeShare = 0.6 };
        Assert.That(TrafficAnalyzer.Analyze(Worked(), options).Options, Is.SameAs(options));
        Assert.That(TrafficAnalyzer.Analyze(Worked()).Options, Is.EqualTo(new AnalysisOptions()), "null means the defaults");
    }
}
