namespace DistSys.Runtime.Tests;

public class RunTests
{
    private static int Seed => Scenario.Seed(3);

    [Test]
    public void RunUntil_stops_at_the_event_that_makes_the_condition_true()
    {
        var simulation = new Simulation(Seed);
        bool done = false;
        simulation.Schedule(TimeSpan.FromMilliseconds(250), () => done = true);
        simulation.Schedule(TimeSpan.FromMilliseconds(900), () => Assert.Fail("events after the condition must not run"));

        bool met = simulation.RunUntil(() => done, TimeSpan.FromSeconds(5));

        Assert.That(met, Is.True);
        Assert.That(simulation.Now, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
    }

    [Test]
    public void RunUntil_gives_up_at_the_time_limit_and_leaves_the_clock_there()
    {
        var simulation = new Simulation(Seed);
        simulation.RunFor(TimeSpan.FromSeconds(1));
        int ran = 0;
        simulation.Schedule(TimeSpan.FromMilliseconds(100), () => ran++);
        simulation.Schedule(TimeSpan.FromSeconds(3), () => ran++);

        bool met = simulation.RunUntil(() => false, TimeSpan.FromSeconds(2));

        Assert.That(met, Is.False);
        Assert.That(simulation.Now, Is.EqualTo(TimeSpan.FromSeconds(3)), "start (1 s) + limit (2 s)");
        Assert.That(ran, Is.EqualTo(1), "only the event within the limit runs");
    }

    [Test]
    public void RunUntil_returns_at_once_when_the_condition_already_holds()
    {
        var simulation = new Simulation(Seed);
        simulation.Schedule(TimeSpan.FromMilliseconds(1), () => Assert.Fail("no event should run"));

        Assert.That(simulation.RunUntil(() => true, TimeSpan.FromSeconds(1)), Is.True);
        Assert.That(simulation.Now, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void RunFor_runs_every_event_up_to_and_including_the_end_and_moves_the_clock_to_the_end()
    {
        var simulation = new Simulation(Seed);
        var ran = new List<int>();
        simulation.Schedule(TimeSpan.FromMilliseconds(10), () => ran.Add(10));
        simulation.Schedule(TimeSpan.FromMilliseconds(20), () => ran.Add(20));
        simulation.Schedule(TimeSpan.FromMilliseconds(21), () => ran.Add(21));

        simulation.RunFor(TimeSpan.FromMilliseconds(20));

        Assert.That(ran, Is.EqualTo(new[] { 10, 20 }));
        Assert.That(simulation.Now, Is.EqualTo(TimeSpan.FromMilliseconds(20)));
    }

    [Test]
    public void Step_processes_one_event_at_a_time_and_reports_when_none_are_left()
    {
        var simulation = new Simulation(Seed);
        int ran = 0;
        simulation.Schedule(TimeSpan.FromMilliseconds(1), () => ran++);
        simulation.Schedule(TimeSpan.FromMilliseconds(2), () => ran++);

        Assert.That(simulation.Step(), Is.True);
        Assert.That((ran, simulation.Now), Is.EqualTo((1, TimeSpan.FromMilliseconds(1))));
        Assert.That(simulation.Step(), Is.True);
        Assert.That(simulation.Step(), Is.False);
        Assert.That(ran, Is.EqualTo(2));
    }

    [Test]
    public void Running_the_simulation_from_inside_an_event_is_refused()
    {
        var simulation = new Simulation(Seed);
        simulation.Schedule(TimeSpan.Zero, () => simulation.Step(), "nested");

        Assert.That(() => simulation.RunFor(TimeSpan.FromSeconds(1)),
            Throws.TypeOf<SimulationException>().With.InnerException.TypeOf<InvalidOperationException>()
                .And.Message.Contains("cannot be called from inside a simulated event"));
    }
}
