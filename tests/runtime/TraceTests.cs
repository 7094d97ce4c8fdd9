using System.Globalization;

namespace DistSys.Runtime.Tests;

public class TraceTests
{
    private static int Seed => Scenario.Seed(1);

    private sealed record Measurement(double Value);

    [Test]
    public void Each_event_is_one_line_with_time_kind_nodes_description_and_size()
    {
        var simulation = new Simulation(Seed);
        NodeId[] n = Scenario.AddNodes(simulation, 2, onMessage: (node, _, _) => node.Context.Log("got it"));
        simulation.SendFrom(n[0], n[1], new Ping(1));

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Trace.Format(), Is.EqualTo(
            "      0.0000 ms  send       n1 -> n2  Ping { Number = 1 }  64 B\n" +
            "      1.0000 ms  deliver    n1 -> n2  Ping { Number = 1 }  64 B\n" +
            "      1.0000 ms  log        n2  got it\n"));
    }

    [Test]
    public void Message_descriptions_do_not_depend_on_the_current_culture()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var simulation = new Simulation(Seed);
            NodeId[] n = Scenario.AddNodes(simulation, 2);
            simulation.SendFrom(n[0], n[1], new Measurement(0.5));

            Assert.That(simulation.Trace[0].Description, Is.EqualTo("Measurement { Value = 0.5 }"));
            Assert.That(CultureInfo.CurrentCulture.Name, Is.EqualTo("de-DE"), "formatting restores the caller's culture");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void Tail_formats_only_the_last_events()
    {
        var simulation = new Simulation(Seed);
        for (int i = 1; i <= 5; i++)
        {
            simulation.Schedule(TimeSpan.FromMilliseconds(i), () => { }, $"action {i}");
        }

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Trace.Tail(2), Is.EqualTo(
            "      4.0000 ms  external   -  action 4\n" +
            "      5.0000 ms  external   -  action 5\n"));
    }

    [Test]
    public void The_hash_is_the_sha256_of_the_formatted_trace()
    {
        var simulation = new Simulation(Seed);
        NodeId[] n = Scenario.AddNodes(simulation, 2);
        simulation.SendFrom(n[0], n[1], new Ping(1));
        simulation.RunFor(TimeSpan.FromSeconds(1));

        string expected = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(simulation.Trace.Format())));

        Assert.That(simulation.Trace.Hash(), Is.EqualTo(expected));
    }

    [Test]
    public void Timer_events_show_the_timer_number_and_label()
    {
        var simulation = new Simulation(Seed);
        Scenario.AddNodes(simulation, 1, onStart: node =>
        {
            node.Context.SetTimer(TimeSpan.FromMilliseconds(2), () => { }, "election timeout");
            node.Context.SetTimer(TimeSpan.FromMilliseconds(3), () => { });
        });

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Trace.Select(e => $"{e.From} {e.Description}"), Is.EqualTo(new[] { "n1 timer 1 election timeout", "n1 timer 2" }));
    }

    [Test]
    public void A_long_trace_keeps_every_event_in_order()
    {
        var simulation = new Simulation(Seed);
        for (int i = 0; i < 3000; i++)
        {
            simulation.Schedule(TimeSpan.FromTicks(i), () => { }, $"action {i}");
        }

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(simulation.Trace, Has.Count.EqualTo(3000));
        Assert.That(simulation.Trace.Select(e => e.Description), Is.EqualTo(Enumerable.Range(0, 3000).Select(i => $"action {i}")));
        Assert.That(simulation.Trace.Format().Split('\n')[2048], Does.EndWith("action 2048"));
        Assert.That(() => simulation.Trace[3000], Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
