using System.Text.Json;
using AngleSharp.Html.Parser;
using DistSys.Runtime;

namespace DistSys.Testing.Tests;

/// <summary>A failing simulation test leaves a timeline page behind, and the failure message says where.</summary>
public class TimelineTests
{
    private sealed record State(int Value);

    /// <summary>A deliberately broken CRDT-style replica: it gossips its state but never merges what it receives.</summary>
    private sealed class NeverMerges(INodeContext context) : INode
    {
        public int Value { get; private set; }

        public void OnStart()
        {
            Value = context.Random.Next(1, 100);
            Tick();
        }

        public void OnMessage(NodeId from, object message)
        {
            // The bug under test: the received state is ignored instead of merged.
        }

        private void Tick()
        {
            context.Broadcast(new State(Value));
            context.SetTimer(TimeSpan.FromMilliseconds(10), Tick, "gossip");
        }
    }

    private static void BrokenReplication(Simulation simulation)
    {
        NodeId[] nodes = [.. Enumerable.Range(1, 3).Select(i => simulation.AddNode($"r{i}", c => new NeverMerges(c)))];
        simulation.RunFor(TimeSpan.FromMilliseconds(200));
        int[] values = [.. nodes.Select(n => simulation.Node<NeverMerges>(n).Value)];
        Assert.That(values.Distinct().Count(), Is.EqualTo(1), $"replicas must converge, but hold {string.Join(", ", values)}");
    }

    private static string FailureOf(Action test) => Assert.Throws<AssertionException>(() => test())!.Message;

    private static string TimelinePath(string message)
    {
        string? line = message.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(Timelines.LinePrefix, StringComparison.Ordinal));
        Assert.That(line, Is.Not.Null, $"the failure message names the timeline page:\n{message}");
        return line![Timelines.LinePrefix.Length..];
    }

    [Test]
    [Category("behaviour")]
    public void A_failing_simulated_test_names_its_timeline_page_in_the_failure_message()
    {
        string message = FailureOf(() => Replay.Simulate(11, BrokenReplication, new SimulationOptions { Network = LinkProfile.Lan }));
        string path = TimelinePath(message);

        Assert.Multiple(() =>
        {
            Assert.That(message, Does.Contain("replicas must converge"), "the original failure comes first");
            Assert.That(message, Does.Contain("Seed 11. Replay: "), "then the seed and the replay command");
            Assert.That(File.Exists(path), Is.True, $"the page exists: {path}");
            Assert.That(Path.GetFileName(path), Does.EndWith(".seed11.html"));
        });
    }

    [Test]
    [Category("behaviour")]
    public void The_timeline_shows_the_same_run_every_lane_every_delivery_and_the_failure()
    {
        string path = TimelinePath(FailureOf(() => Replay.Simulate(11, BrokenReplication, new SimulationOptions { Network = LinkProfile.Lan with { DropRate = 0.1 } })));
        var replay = new Simulation(11, new SimulationOptions { Network = LinkProfile.Lan with { DropRate = 0.1 } });
        Assert.Throws<AssertionException>(() => BrokenReplication(replay));
        var page = new HtmlParser().ParseDocument(File.ReadAllText(path));

        Assert.Multiple(() =>
        {
            Assert.That(page.QuerySelectorAll("#timeline .lane").Select(l => l.GetAttribute("data-node")), Is.EqualTo(new[] { "r1", "r2", "r3" }));
            Assert.That(page.QuerySelectorAll("#timeline line.m").Length, Is.EqualTo(replay.Trace.Count(e => e.Kind == TraceEventKind.Deliver)), "an arrow per delivery of the same seed's run");
            Assert.That(page.QuerySelectorAll("#timeline path.x").Length, Is.EqualTo(replay.Trace.Count(e => e.Kind == TraceEventKind.Drop)), "a cross per drop");
            Assert.That(page.QuerySelector("#failure")?.TextContent, Does.Contain("replicas must converge"));
            Assert.That(page.QuerySelectorAll("script, link, img, iframe"), Is.Empty, "self-contained");
        });
    }

    [Test]
    [Category("behaviour")]
    public void Under_the_grader_a_long_failure_is_shortened_so_that_seed_replay_and_timeline_survive_its_message_limit()
    {
        string longFailure = new('x', 5_000);
        Environment.SetEnvironmentVariable("DISTSYS_TARGET", "solutions");
        string message;
        try
        {
            message = FailureOf(() => Replay.Simulate(11, simulation =>
            {
                BrokenReplicationRun(simulation);
                Assert.Fail(longFailure);
            }));
        }
        finally
        {
            Environment.SetEnvironmentVariable("DISTSYS_TARGET", null);
        }

        Assert.Multiple(() =>
        {
            Assert.That(message.Length, Is.LessThanOrEqualTo(Hosting.HostProtocol.MessageLimit), "the grader keeps this much");
            Assert.That(message, Does.StartWith("xxxx").And.Contain("more characters left out"));
            Assert.That(message, Does.Contain("Seed 11. Replay: "));
            Assert.That(File.Exists(TimelinePath(message)), Is.True);
        });
    }

    private static void BrokenReplicationRun(Simulation simulation)
    {
        _ = Enumerable.Range(1, 3).Select(i => simulation.AddNode($"r{i}", c => new NeverMerges(c))).ToList();
        simulation.RunFor(TimeSpan.FromMilliseconds(50));
    }

    [Test]
    [Category("behaviour")]
    public void A_passing_simulated_test_writes_no_page()
    {
        string folder = Timelines.Folder;
        int before = Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
        Replay.Simulate(5, simulation => simulation.RunFor(TimeSpan.FromMilliseconds(1)));
        Assert.That(Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0, Is.EqualTo(before));
    }

    [Test]
    [Category("behaviour")]
    public void A_trace_longer_than_the_limit_keeps_the_window_before_the_failure()
    {
        var events = Enumerable.Range(0, 500).Select(i => new TraceEvent(TimeSpan.FromMilliseconds(i), TraceEventKind.Log, new NodeId("a"), null, $"step {i}", 0)).ToList();
        string html = TimelinePage.Render(new TraceDocument(1, [new NodeId("a")], events), "window", "boom", maxEvents: 100);
        var page = new HtmlParser().ParseDocument(html);
        var svg = page.QuerySelector("#timeline")!;

        Assert.That((svg.GetAttribute("data-events"), svg.GetAttribute("data-omitted")), Is.EqualTo(("100", "400")));
        Assert.That(page.QuerySelectorAll("circle.l title").Select(t => t.TextContent).Last(), Does.Contain("step 499"), "the window ends at the failure");
    }

    [Test]
    [Category("behaviour")]
    public void A_history_page_marks_the_longest_linearizable_prefix_and_the_operation_that_breaks_it()
    {
        HistoryOperation[] history =
        [
            new("c1", TimeSpan.FromMilliseconds(0), TimeSpan.FromMilliseconds(5), "put(x, 1) → ok"),
            new("c2", TimeSpan.FromMilliseconds(6), TimeSpan.FromMilliseconds(9), "get(x) → 1"),
            new("c1", TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(12), "get(x) → 0"),
            new("c2", TimeSpan.FromMilliseconds(11), null, "put(x, 2)"),
        ];
        var page = new HtmlParser().ParseDocument(HistoryPage.Render(history, linearizablePrefix: 2, "history"));

        Assert.That(page.QuerySelectorAll("#history rect.op").Select(r => r.ClassList.Last()), Is.EqualTo(new[] { "ok", "ok", "bad", "rest" }));
        Assert.That(page.QuerySelectorAll("#history .client").Select(c => c.GetAttribute("data-client")), Is.EqualTo(new[] { "c1", "c2" }));
    }

    [Test]
    [Category("behaviour")]
    public void In_chromium_the_failure_timeline_opens_and_draws_every_arrow()
    {
        Chromium.Require();
        string path = TimelinePath(FailureOf(() => Replay.Simulate(11, BrokenReplication, new SimulationOptions { Network = LinkProfile.Lan })));
        string probed = Path.ChangeExtension(path, ".probe.html");
        string html = File.ReadAllText(path);
        File.WriteAllText(probed, html.Replace("</body>", """
            <script>
            var drawn = 0, all = document.querySelectorAll('#timeline line.m');
            all.forEach(function (e) { var b = e.getBoundingClientRect(); if (b.width > 0 || b.height > 0) drawn++; });
            var out = document.createElement('pre'); out.id = 'probe'; out.textContent = JSON.stringify({ arrows: all.length, drawn: drawn }); document.body.appendChild(out);
            </script></body>
            """, StringComparison.Ordinal));

        ChromiumResult run = Chromium.DumpDom(probed);
        string? probe = new HtmlParser().ParseDocument(run.Dom).QuerySelector("#probe")?.TextContent;
        Assert.That(probe, Is.Not.Null, $"the browser ran the page; its log:\n{run.Log}");
        using JsonDocument result = JsonDocument.Parse(probe!);
        int arrows = result.RootElement.GetProperty("arrows").GetInt32();

        Assert.That(run.ConsoleMessages, Is.Empty, "no console errors");
        Assert.That((arrows, result.RootElement.GetProperty("drawn").GetInt32()), Is.EqualTo((arrows, arrows)));
        Assert.That(arrows, Is.GreaterThan(0));
        Chromium.Screenshot(path, Path.ChangeExtension(path, ".png"), 900, 700);
    }
}

/// <summary>How big a 100,000-event timeline gets and how long Chromium takes to open it (figures for the README).</summary>
public class TimelineSizeMeasurement
{
    private sealed record Beat(int Seq);

    private sealed class Beating(INodeContext context) : INode
    {
        private int _seq;

        public void OnStart() => Tick();

        public void OnMessage(NodeId from, object message)
        {
        }

        private void Tick()
        {
            context.Broadcast(new Beat(++_seq));
            context.SetTimer(TimeSpan.FromMilliseconds(10), Tick, "heartbeat");
        }
    }

    [Test]
    [Explicit("A measurement, not a check: run it by name to refresh the README figures.")]
    public void Measure_a_100000_event_timeline()
    {
        var simulation = new Simulation(1, new SimulationOptions { Network = LinkProfile.Lan with { DropRate = 0.02 } });
        for (int i = 1; i <= 5; i++)
        {
            simulation.AddNode($"n{i}", c => new Beating(c));
        }

        simulation.RunUntil(() => simulation.Trace.Count >= 100_000, TimeSpan.FromMinutes(10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string html = TimelinePage.Render(TraceDocument.From(simulation), "100,000 events", "measured failure");
        TimeSpan render = clock.Elapsed;
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "timeline-100k.html");
        File.WriteAllText(path, html);
        ChromiumResult empty = Chromium.DumpDom(WriteEmpty());
        ChromiumResult run = Chromium.DumpDom(path);
        ChromiumResult shot = Chromium.Screenshot(path, Path.ChangeExtension(path, ".png"), 1000, 800);
        TestContext.Out.WriteLine(
            $"events {simulation.Trace.Count}, page {new FileInfo(path).Length:N0} bytes, render {render.TotalMilliseconds:F0} ms, " +
            $"chromium --dump-dom {run.Elapsed.TotalSeconds:F2} s (empty page {empty.Elapsed.TotalSeconds:F2} s), screenshot {shot.Elapsed.TotalSeconds:F2} s, console {run.ConsoleMessages.Count}");
        Assert.That(new FileInfo(path).Length, Is.LessThan(10_000_000));
    }

    private static string WriteEmpty()
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "empty.html");
        File.WriteAllText(path, "<!DOCTYPE html><title>empty</title>");
        return path;
    }
}
