using System.Globalization;
using DistSys.Runtime;
using DistSys.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DistSys.CostVisualizer.Tests;

/// <summary>
/// Real-time cost: the analysis kept up to date event by event equals, at every step, the batch analysis of the
/// same events, on generated traces (FsCheck) and on a running simulation.
/// </summary>
public class IncrementalTests
{
    private static readonly string[] s_texts = ["Heartbeat", "Append { Index = 1 }", "Append { Index = 2 }", "Vote(1)", "Ack"];
    private static readonly TraceEventKind[] s_kinds =
        [TraceEventKind.Send, TraceEventKind.Send, TraceEventKind.Deliver, TraceEventKind.Drop, TraceEventKind.Duplicate, TraceEventKind.Timer, TraceEventKind.Log, TraceEventKind.External];

    /// <summary>Every field, exactly (costs in round-trip format): equal texts mean equal analyses.</summary>
    internal static string Canonical(TrafficAnalysis analysis) =>
        TrafficReport.Format(analysis, []) +
        string.Create(CultureInfo.InvariantCulture, $"cost {analysis.Cost.RunUsd:R} {analysis.Cost.UsdPerHour:R} {analysis.Cost.UsdPerMonth:R}; duration ticks {analysis.Duration.Ticks}\n");

    /// <summary>Each int encodes one event: its kind, sender, receiver, text, size and how far time moves on.</summary>
    private static List<TraceEvent> Decode(int[] codes)
    {
        var events = new List<TraceEvent>();
        long ticks = 0;
        foreach (int code in codes)
        {
            uint c = unchecked((uint)code);
            TraceEventKind kind = s_kinds[(int)(c % 8)];
            var from = new NodeId($"n{(c / 8) % 4 + 1}");
            var to = new NodeId($"n{(c / 32) % 4 + 1}");
            string text = s_texts[(int)((c / 128) % 5)];
            ticks += (c / 640) % 3 * 5_000;
            bool message = kind is TraceEventKind.Send or TraceEventKind.Deliver or TraceEventKind.Drop or TraceEventKind.Duplicate;
            events.Add(new TraceEvent(new TimeSpan(ticks), kind, kind == TraceEventKind.External ? null : from, message ? to : null,
                message ? text : "something", message ? 16 + (int)((c / 1920) % 100) : 0));
        }

        return events;
    }

    [Test]
    [Category("laws")]
    public void After_every_event_the_running_analysis_equals_the_batch_analysis_of_the_events_so_far() =>
        Properties.Check(Prop.ForAll<int[]>(codes =>
        {
            List<TraceEvent> events = Decode(codes);
            var analyzer = new TrafficAnalyzer();
            for (int i = 0; i < events.Count; i++)
            {
                analyzer.Observe(events[i]);
                string running = Canonical(analyzer.Current);
                string batch = Canonical(TrafficAnalyzer.Analyze(events.Take(i + 1)));
                if (running != batch)
                {
                    return false.Label($"after event {i + 1} ({events[i]}):\nrunning:\n{running}\nbatch:\n{batch}");
                }
            }

            return true.Label("equal at every step");
        }), cases: 60);

    [Test]
    [Category("laws")]
    public void Custom_thresholds_apply_to_the_running_analysis_too() =>
        Properties.Check(Prop.ForAll<int[]>(codes =>
        {
            var options = new AnalysisOptions { HotNodeShare = 0.25, HotLinkShare = 0.05, PricePerGb = 0.09 };
            List<TraceEvent> events = Decode(codes);
            var analyzer = new TrafficAnalyzer(options);
            events.ForEach(analyzer.Observe);
            return (Canonical(analyzer.Current) == Canonical(TrafficAnalyzer.Analyze(events, options))).Label("running == batch with custom options");
        }), cases: 100);

    [Test]
    [Category("laws")]
    public void A_snapshot_does_not_change_when_more_events_arrive()
    {
        var analyzer = new TrafficAnalyzer();
        analyzer.Observe(new TraceEvent(TimeSpan.Zero, TraceEventKind.Send, new NodeId("a"), new NodeId("b"), "Ping", 64));
        TrafficAnalysis before = analyzer.Current;
        string printed = Canonical(before);

        analyzer.Observe(new TraceEvent(TimeSpan.FromMilliseconds(1), TraceEventKind.Send, new NodeId("b"), new NodeId("c"), "Pong", 64));

        Assert.That(Canonical(before), Is.EqualTo(printed), "Current returns a snapshot, not a live view");
        Assert.That(analyzer.Current.MessagesSent, Is.EqualTo(2));
    }

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Few))]
    [Category("laws")]
    public void An_analyzer_attached_to_a_running_simulation_is_up_to_date_after_every_step(int seed) => DistSys.Testing.Replay.Simulate(seed, simulation =>
    {
        Gossip.Start(simulation, nodes: 4, leaderBias: 2);
        simulation.RunFor(TimeSpan.FromMilliseconds(20));
        var analyzer = new TrafficAnalyzer();
        using IDisposable attachment = analyzer.Attach(simulation);
        int steps = 0;
        while (simulation.Now < TimeSpan.FromMilliseconds(400) && simulation.Step())
        {
            if (++steps % 7 == 0 || simulation.Now >= TimeSpan.FromMilliseconds(399))
            {
                Assert.That(Canonical(analyzer.Current), Is.EqualTo(Canonical(TrafficAnalyzer.Analyze(simulation.Trace))),
                    $"after step {steps} at {simulation.Now.TotalMilliseconds} ms the running analysis differs from the batch one");
            }
        }

        Assert.That(analyzer.Current.Events, Is.EqualTo(simulation.Trace.Count), "the events before Attach count too");
    }, Gossip.LossyNetwork);

    [Test]
    [Category("laws")]
    public void A_detached_analyzer_stops_following()
    {
        var simulation = new Simulation(Seeds.ReplaySeed() ?? 3, Gossip.LossyNetwork);
        Gossip.Start(simulation, nodes: 3, leaderBias: 0);
        var analyzer = new TrafficAnalyzer();
        analyzer.Attach(simulation).Dispose();
        long seen = analyzer.Current.Events;

        simulation.RunFor(TimeSpan.FromMilliseconds(100));

        Assert.That(analyzer.Current.Events, Is.EqualTo(seen));
    }
}
