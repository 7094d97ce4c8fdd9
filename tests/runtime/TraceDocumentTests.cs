namespace DistSys.Runtime.Tests;

/// <summary>The trace's JSON form: versioned, exact round trip, one clear message for every kind of bad input.</summary>
public class TraceDocumentTests
{
    private static int Seed => Scenario.Seed(7);

    private sealed record Note(string Text);

    /// <summary>A run with every kind of event: lost, cut, duplicated and delivered messages, timers, crash, restart, logs.</summary>
    private static Simulation BusyRun()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed, LinkProfile.Unreliable with { DuplicateRate = 0.2 }));
        NodeId[] n = Scenario.AddNodes(
            simulation,
            3,
            onStart: node => node.Context.SetTimer(TimeSpan.FromMilliseconds(5), () => node.Context.Broadcast(new Ping(1)), "tick"),
            onMessage: (node, from, _) => node.Context.Log($"got \"it\" from {from}\nüñí"));
        simulation.Schedule(TimeSpan.FromMilliseconds(20), () => simulation.Network.Isolate(n[2]), "isolate n3");
        simulation.Schedule(TimeSpan.FromMilliseconds(25), () => simulation.SendFrom(n[0], n[2], new Note("across the cut, \"quoted\"")));
        simulation.Schedule(TimeSpan.FromMilliseconds(30), () => simulation.Network.Heal());
        simulation.Schedule(TimeSpan.FromMilliseconds(35), () => simulation.Crash(n[1]));
        simulation.Schedule(TimeSpan.FromMilliseconds(40), () => simulation.Restart(n[1]));
        for (int i = 0; i < 40; i++)
        {
            simulation.Schedule(TimeSpan.FromMilliseconds(i), () => simulation.SendFrom(n[i % 3], n[(i + 1) % 3], new Ping(i)));
        }

        simulation.RunFor(TimeSpan.FromMilliseconds(200));
        return simulation;
    }

    [Test]
    [Category("behaviour")]
    public void A_trace_survives_a_round_trip_through_json_event_for_event()
    {
        Simulation simulation = BusyRun();
        TraceDocument original = TraceDocument.From(simulation);

        TraceDocument read = TraceDocument.Parse(original.ToJson());

        Assert.Multiple(() =>
        {
            Assert.That(original.Events.Select(e => e.Kind).Distinct().Count(), Is.EqualTo(Enum.GetValues<TraceEventKind>().Length),
                $"the scenario covers every event kind{Scenario.Evidence(simulation)}");
            Assert.That(read.Seed, Is.EqualTo(simulation.Seed));
            Assert.That(read.Nodes, Is.EqualTo(simulation.Nodes));
            Assert.That(read.Events, Is.EqualTo(simulation.Trace.ToList()), "every field of every event comes back as it was");
            Assert.That(read.ToJson(), Is.EqualTo(original.ToJson()), "writing the read document gives the same text");
        });
    }

    [Test]
    [Category("behaviour")]
    public void The_json_names_its_format_and_version_and_puts_one_event_on_each_line()
    {
        var simulation = new Simulation(Seed);
        NodeId[] n = Scenario.AddNodes(simulation, 2);
        simulation.SendFrom(n[0], n[1], new Ping(1));
        simulation.RunFor(TimeSpan.FromMilliseconds(5));

        Assert.That(TraceDocument.From(simulation).ToJson(), Is.EqualTo(
            "{\n" +
            "  \"format\": \"distsys-trace\",\n" +
            "  \"version\": 1,\n" +
            $"  \"seed\": {Seed},\n" +
            "  \"nodes\": [\"n1\", \"n2\"],\n" +
            "  \"events\": [\n" +
            "    {\"t\": 0, \"kind\": \"send\", \"from\": \"n1\", \"to\": \"n2\", \"text\": \"Ping { Number = 1 }\", \"bytes\": 64},\n" +
            "    {\"t\": 10000, \"kind\": \"deliver\", \"from\": \"n1\", \"to\": \"n2\", \"text\": \"Ping { Number = 1 }\", \"bytes\": 64}\n" +
            "  ]\n" +
            "}\n"));
    }

    [Test]
    [Category("behaviour")]
    public void Save_and_load_round_trip_through_a_file()
    {
        Simulation simulation = BusyRun();
        string path = Path.Combine(Path.GetTempPath(), $"distsys-trace-{Guid.NewGuid():N}", "run.json");
        try
        {
            TraceDocument.From(simulation).Save(path);
            Assert.That(TraceDocument.Load(path).Events, Is.EqualTo(simulation.Trace.ToList()));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Test]
    [Category("behaviour")]
    public void A_missing_file_is_named_in_one_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-trace-{Guid.NewGuid():N}.json");
        var error = Assert.Throws<TraceFormatException>(() => TraceDocument.Load(path));
        Assert.That(error!.Message, Is.EqualTo($"{path}: no such trace file."));
    }

    [TestCase("", "trace: the trace is empty; expected a JSON object with \"format\": \"distsys-trace\".")]
    [TestCase("  \n", "trace: the trace is empty; expected a JSON object with \"format\": \"distsys-trace\".")]
    [TestCase("[1, 2]", "trace: expected a JSON object with \"format\": \"distsys-trace\", found an array.")]
    [TestCase("{\"format\": \"otel\"}", "trace: not a DistSys trace (\"format\" must be \"distsys-trace\", found \"otel\").")]
    [TestCase("{\"format\": \"distsys-trace\", \"version\": 2, \"seed\": 1, \"nodes\": [], \"events\": []}",
        "trace: trace format version 2 is not supported; this runtime reads version 1 only.")]
    [TestCase("{\"format\": \"distsys-trace\", \"seed\": 1}", "trace: the trace has no whole-number \"version\"; this runtime reads version 1.")]
    [TestCase("{\"format\": \"distsys-trace\", \"version\": 1, \"seed\": 1, \"nodes\": [\"a\"], \"events\": [{\"t\": 0, \"kind\": \"sned\", \"text\": \"\"}]}",
        "trace: event 1: unknown kind \"sned\" (expected one of send, deliver, drop, duplicate, timer, crash, restart, partition, heal, log, external).")]
    [TestCase("{\"format\": \"distsys-trace\", \"version\": 1, \"seed\": 1, \"nodes\": [\"a\"], \"events\": [{\"t\": 0, \"kind\": \"log\", \"from\": \"b\", \"text\": \"\"}]}",
        "trace: event 1: \"from\" names \"b\", which is not in \"nodes\".")]
    [TestCase("{\"format\": \"distsys-trace\", \"version\": 1, \"seed\": 1, \"nodes\": [\"a\"], \"events\": [{\"t\": -5, \"kind\": \"log\", \"text\": \"\"}]}",
        "trace: event 1: \"t\" must be a whole number of ticks, zero or more.")]
    [TestCase("{\"format\": \"distsys-trace\", \"version\": 1, \"seed\": 1, \"nodes\": [\"a\", \"a\"], \"events\": []}",
        "trace: node \"a\" is listed twice in \"nodes\".")]
    [Category("behaviour")]
    public void Bad_trace_text_gets_one_message_naming_the_problem(string json, string expected)
    {
        var error = Assert.Throws<TraceFormatException>(() => TraceDocument.Parse(json));
        Assert.That(error!.Message, Is.EqualTo(expected));
    }

    [Test]
    [Category("behaviour")]
    public void Malformed_json_is_reported_with_its_line_and_no_stack_trace()
    {
        var error = Assert.Throws<TraceFormatException>(() => TraceDocument.Parse("{\n  \"format\": \"distsys-trace\",\n  \"version\": 1,,\n}"));
        Assert.That(error!.Message, Does.StartWith("trace: not valid JSON (line 3, "));
        Assert.That(error.Message, Does.Not.Contain("\n"), "one line");
    }

    [Test]
    [Category("behaviour")]
    public void An_observer_sees_every_event_as_it_is_recorded_until_disposed()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed, LinkProfile.Unreliable));
        NodeId[] n = Scenario.AddNodes(simulation, 3, onMessage: (node, from, message) =>
        {
            if (message is Ping { Number: < 20 } ping)
            {
                node.Context.Send(from, new Ping(ping.Number + 1));
            }
        });
        simulation.SendFrom(n[0], n[1], new Ping(0));
        var seen = new List<TraceEvent>();
        var seenCountAtEachStep = new List<(int Seen, int Recorded)>();
        IDisposable subscription = simulation.Trace.Subscribe(seen.Add);

        while (simulation.Now < TimeSpan.FromMilliseconds(50) && simulation.Step())
        {
            seenCountAtEachStep.Add((seen.Count, simulation.Trace.Count - 1));
        }

        subscription.Dispose();
        int before = seen.Count;
        simulation.SendFrom(n[0], n[1], new Ping(100));

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(simulation.Trace.Skip(1).Take(before).ToList()), "the events after subscribing, in trace order, as the trace describes them");
            Assert.That(seenCountAtEachStep.All(s => s.Seen == s.Recorded), Is.True, "the observer is up to date after every step");
            Assert.That(seen, Has.Count.EqualTo(before), "no events after Dispose");
        });
    }

    [Test]
    [Category("behaviour")]
    public void Observing_a_simulation_without_a_trace_is_refused()
    {
        var simulation = new Simulation(Seed, new SimulationOptions { RecordTrace = false });
        var error = Assert.Throws<InvalidOperationException>(() => simulation.Trace.Subscribe(_ => { }));
        Assert.That(error!.Message, Does.Contain("RecordTrace"));
    }
}
