namespace DistSys.Runtime.Tests;

public class TimeProviderTests
{
    private static int Seed => Scenario.Seed(17);

    [Test]
    public void The_clock_reads_the_epoch_plus_virtual_time()
    {
        var simulation = new Simulation(Seed);
        simulation.RunFor(TimeSpan.FromMinutes(90));

        Assert.That(simulation.TimeProvider.GetUtcNow(), Is.EqualTo(new DateTimeOffset(2000, 1, 1, 1, 30, 0, TimeSpan.Zero)));
        Assert.That(simulation.TimeProvider.LocalTimeZone, Is.EqualTo(TimeZoneInfo.Utc));
    }

    [Test]
    public void Elapsed_time_from_timestamps_is_virtual_time()
    {
        var simulation = new Simulation(Seed);
        long start = simulation.TimeProvider.GetTimestamp();

        simulation.RunFor(TimeSpan.FromMilliseconds(1234.5));

        Assert.That(simulation.TimeProvider.GetElapsedTime(start), Is.EqualTo(TimeSpan.FromMilliseconds(1234.5)));
    }

    [Test]
    public void A_periodic_timer_fires_at_its_due_time_and_then_every_period()
    {
        var simulation = new Simulation(Seed);
        var firedAt = new List<TimeSpan>();
        using ITimer timer = simulation.TimeProvider.CreateTimer(
            _ => firedAt.Add(simulation.Now), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(30));

        simulation.RunFor(TimeSpan.FromMilliseconds(200));

        Assert.That(firedAt.Select(t => t.TotalMilliseconds), Is.EqualTo(new double[] { 100, 130, 160, 190 }));
    }

    [Test]
    public void Change_reschedules_and_Dispose_stops_a_timer()
    {
        var simulation = new Simulation(Seed);
        var firedAt = new List<TimeSpan>();
        ITimer timer = simulation.TimeProvider.CreateTimer(_ => firedAt.Add(simulation.Now), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);

        Assert.That(timer.Change(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20)), Is.True);
        simulation.RunFor(TimeSpan.FromMilliseconds(75));
        timer.Dispose();
        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(firedAt.Select(t => t.TotalMilliseconds), Is.EqualTo(new double[] { 50, 70 }), "the 10 ms setting was replaced");
        Assert.That(timer.Change(TimeSpan.Zero, TimeSpan.Zero), Is.False, "a disposed timer cannot be changed");
    }

    [Test]
    public void Task_Delay_on_the_virtual_time_provider_completes_only_when_virtual_time_has_passed()
    {
        var simulation = new Simulation(Seed);

        Task delay = Task.Delay(TimeSpan.FromSeconds(10), simulation.TimeProvider);
        simulation.RunFor(TimeSpan.FromSeconds(9));
        bool completedEarly = delay.IsCompleted;
        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(completedEarly, Is.False);
        Assert.That(delay.IsCompleted, Is.True);
    }

    [Test]
    public void A_nodes_time_provider_timers_die_with_the_node()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        int ticks = 0;
        NodeId node = Scenario.AddNodes(simulation, 1, onStart: n =>
        {
            if (!n.Context.Storage.TryGet("created", out bool _))
            {
                n.Context.Storage.Put("created", true);
                n.Context.Time.CreateTimer(_ => ticks++, null, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));
            }
        })[0];
        simulation.Schedule(TimeSpan.FromMilliseconds(35), () => simulation.Crash(node));
        simulation.Schedule(TimeSpan.FromMilliseconds(40), () => simulation.Restart(node));

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(ticks, Is.EqualTo(3), "ticks at 10, 20 and 30 ms, none after the crash at 35 ms" + Scenario.Evidence(simulation));
        Assert.That(simulation.Metrics.ForNode(node).TimersFired, Is.EqualTo(3));
    }
}
