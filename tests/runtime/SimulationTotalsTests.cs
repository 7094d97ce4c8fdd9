namespace DistSys.Runtime.Tests;

/// <summary>
/// The plain totals of a simulation, the client operations a scenario counts, and the tally that adds up every
/// simulation of one test for the grader's suite host.
/// </summary>
[NonParallelizable]
public class SimulationTotalsTests
{
    private static int Seed => Scenario.Seed(47);

    /// <summary>Three nodes each broadcast one 100-byte blob: 6 messages, 600 bytes.</summary>
    private static Simulation Chatter(int operations = 0)
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        Scenario.AddNodes(simulation, 3, onStart: node => node.Context.Broadcast(new Blob(100)));
        simulation.RunFor(TimeSpan.FromSeconds(1));
        simulation.Metrics.CountOperations(operations);
        return simulation;
    }

    [Test]
    public void Totals_are_the_simulations_counters_as_plain_numbers()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed, LinkProfile.Unreliable));
        Scenario.AddNodes(simulation, 4, onStart: node => node.Context.Broadcast(new Blob(10)));
        simulation.RunFor(TimeSpan.FromSeconds(5));
        SimulationMetrics m = simulation.Metrics;

        Assert.That(m.Totals(), Is.EqualTo(new SimulationTotals(1, m.MessagesSent, m.MessagesDelivered, m.MessagesDropped, m.BytesSent, 0)), m.Format());
        Assert.That(m.Totals().MessagesSent, Is.EqualTo(12));
        Assert.That(m.Totals().BytesSent, Is.EqualTo(120), "Blob declares its size through ISizedMessage");
    }

    [Test]
    public void Operations_are_what_the_scenario_counted()
    {
        var simulation = Chatter();

        simulation.Metrics.CountOperations();
        simulation.Metrics.CountOperations(4);

        Assert.That(simulation.Metrics.OperationsCompleted, Is.EqualTo(5));
        Assert.That(simulation.Metrics.Totals().Operations, Is.EqualTo(5));
    }

    [Test]
    public void A_negative_operation_count_is_refused_by_name()
    {
        var simulation = Chatter();

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => simulation.Metrics.CountOperations(-1));

        Assert.That(refused!.ParamName, Is.EqualTo("count"));
        Assert.That(simulation.Metrics.OperationsCompleted, Is.Zero);
    }

    [Test]
    public void Totals_add_field_by_field()
    {
        var a = new SimulationTotals(1, 10, 9, 1, 640, 2);
        var b = new SimulationTotals(2, 5, 4, 0, 320, 3);

        Assert.That(a.Add(b), Is.EqualTo(new SimulationTotals(3, 15, 13, 1, 960, 5)));
        Assert.That(a.Add(SimulationTotals.None), Is.EqualTo(a));
        Assert.Throws<ArgumentNullException>(() => a.Add(null!));
    }

    [Test]
    public void A_tally_adds_up_every_simulation_created_while_it_is_open_and_no_other()
    {
        Chatter(operations: 100);
        var tally = SimulationTally.Open();
        Chatter(operations: 1);
        Chatter(operations: 2);
        var totals = tally.Close();
        Chatter(operations: 100);

        Assert.That(totals, Is.EqualTo(new SimulationTotals(2, 12, 12, 0, 1200, 3)));
    }

    [Test]
    public void A_tally_counts_what_its_simulations_sent_until_it_closes()
    {
        var tally = SimulationTally.Open();
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId[] n = Scenario.AddNodes(simulation, 2);
        simulation.RunFor(TimeSpan.FromSeconds(1));
        simulation.SendFrom(n[0], n[1], new Blob(7));
        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(tally.Close(), Is.EqualTo(new SimulationTotals(1, 1, 1, 0, 7, 0)),
            "the tally reads the counters when it closes, not when the simulation was created");
    }

    [Test]
    public void Opening_a_tally_closes_the_one_left_open()
    {
        var forgotten = SimulationTally.Open();
        var current = SimulationTally.Open();
        Chatter();

        Assert.That(forgotten.Close().Simulations, Is.Zero, "a test that never finished must not collect the next test's simulations");
        Assert.That(current.Close().Simulations, Is.EqualTo(1));
    }
}
