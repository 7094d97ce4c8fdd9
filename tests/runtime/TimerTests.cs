namespace DistSys.Runtime.Tests;

public class TimerTests
{
    private static int Seed => Scenario.Seed(5);

    [Test]
    public void Timers_fire_at_exactly_the_requested_virtual_times()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        var fired = new List<(string Label, TimeSpan At)>();
        Scenario.AddNodes(simulation, 1, onStart: node =>
        {
            foreach (int ms in new[] { 30, 10, 20 })
            {
                string label = $"t{ms}";
                node.Context.SetTimer(TimeSpan.FromMilliseconds(ms), () => fired.Add((label, node.Context.Now)), label);
            }
        });

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(fired, Is.EqualTo(new[]
        {
            ("t10", TimeSpan.FromMilliseconds(10)),
            ("t20", TimeSpan.FromMilliseconds(20)),
            ("t30", TimeSpan.FromMilliseconds(30)),
        }));
    }

    [Test]
    public void Events_due_at_the_same_instant_run_in_the_order_they_were_scheduled()
    {
        var simulation = new Simulation(Seed);
        var order = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            int index = i;
            simulation.Schedule(TimeSpan.FromMilliseconds(1), () => order.Add(index));
        }

        simulation.RunFor(TimeSpan.FromMilliseconds(1));

        Assert.That(order, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
    }

    [Test]
    public void A_cancelled_timer_never_fires()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        bool fired = false;
        Scenario.AddNodes(simulation, 1, onStart: node =>
        {
            TimerId timer = node.Context.SetTimer(TimeSpan.FromMilliseconds(10), () => fired = true);
            node.Context.SetTimer(TimeSpan.FromMilliseconds(5), () => node.Context.CancelTimer(timer));
        });

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(fired, Is.False, Scenario.Evidence(simulation));
        Assert.That(simulation.Metrics.TimersFired, Is.EqualTo(1));
    }

    [Test]
    public void Cancelling_a_timer_that_already_fired_does_nothing()
    {
        var simulation = new Simulation(Seed);
        int fired = 0;
        Scenario.AddNodes(simulation, 1, onStart: node =>
        {
            TimerId timer = default;
            timer = node.Context.SetTimer(TimeSpan.FromMilliseconds(1), () =>
            {
                fired++;
                node.Context.CancelTimer(timer);
            });
        });

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(fired, Is.EqualTo(1));
    }

    [Test]
    public void A_zero_delay_timer_runs_after_the_events_already_due_at_the_same_instant()
    {
        var simulation = new Simulation(Seed);
        var order = new List<string>();
        NodeId node = Scenario.AddNodes(simulation, 1)[0];
        simulation.Schedule(TimeSpan.FromMilliseconds(1), () =>
        {
            simulation.Node<ScriptedNode>(node).Context.SetTimer(TimeSpan.Zero, () => order.Add("timer"));
            order.Add("first");
        });
        simulation.Schedule(TimeSpan.FromMilliseconds(1), () => order.Add("second"));

        simulation.RunFor(TimeSpan.FromMilliseconds(1));

        Assert.That(order, Is.EqualTo(new[] { "first", "second", "timer" }));
    }

    [Test]
    public void A_negative_delay_is_rejected()
    {
        var simulation = new Simulation(Seed);

        Assert.That(() => simulation.Schedule(TimeSpan.FromTicks(-1), () => { }),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("cannot schedule into the past"));
    }

    [Test]
    public void A_timer_that_reschedules_itself_forever_at_the_same_instant_is_reported_instead_of_hanging()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed, recordTrace: false));
        Scenario.AddNodes(simulation, 1, onStart: node =>
        {
            void Again() => node.Context.SetTimer(TimeSpan.Zero, Again);
            Again();
        });

        Assert.That(() => simulation.RunFor(TimeSpan.FromSeconds(1)),
            Throws.TypeOf<SimulationException>().With.Message.Contains("without virtual time advancing"));
    }
}
