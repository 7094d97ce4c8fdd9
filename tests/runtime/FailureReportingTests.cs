namespace DistSys.Runtime.Tests;

public class FailureReportingTests
{
    private static int Seed => Scenario.Seed(4242);

    [Test]
    public void Invariants_are_checked_after_every_event()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        int checks = 0;
        simulation.AddInvariant("counts checks", () =>
        {
            checks++;
            return null;
        });
        for (int i = 1; i <= 7; i++)
        {
            simulation.Schedule(TimeSpan.FromMilliseconds(i), () => { });
        }

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(checks, Is.EqualTo(7));
    }

    [Test]
    public void An_invariant_violation_stops_the_run_with_the_seed_the_replay_command_and_the_trace_tail()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId[] n = Scenario.AddNodes(simulation, 2, onMessage: (node, _, _) => node.VolatileCounter++);
        simulation.AddInvariant("n2 receives at most one ping", () =>
            simulation.Node<ScriptedNode>(n[1]).VolatileCounter > 1 ? $"n2 received {simulation.Node<ScriptedNode>(n[1]).VolatileCounter}" : null);
        simulation.SendFrom(n[0], n[1], new Ping(1));
        simulation.SendFrom(n[0], n[1], new Ping(2));

        var violation = Assert.Throws<InvariantViolationException>(() => simulation.RunFor(TimeSpan.FromSeconds(1)))!;

        Assert.That(violation.Invariant, Is.EqualTo("n2 receives at most one ping"));
        Assert.That(violation.Seed, Is.EqualTo(Seed));
        Assert.That(violation.Time, Is.EqualTo(TimeSpan.FromMilliseconds(1)));
        Assert.That(violation.Message, Does.Contain("Invariant 'n2 receives at most one ping' violated: n2 received 2"));
        Assert.That(violation.Message, Does.Contain($"seed {Seed}"));
        Assert.That(violation.Message, Does.Contain(simulation.Options.ReplayCommand));
        Assert.That(violation.Message, Does.Contain("deliver    n1 -> n2  Ping { Number = 2 }"), "the trace tail shows the event that broke it");
    }

    [Test]
    public void An_exception_in_a_node_surfaces_with_the_node_the_message_the_seed_and_the_virtual_time()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        NodeId[] n = Scenario.AddNodes(simulation, 2, onMessage: (_, _, message) =>
        {
            if (message is Ping { Number: 13 })
            {
                throw new InvalidOperationException("unlucky number");
            }
        });
        simulation.Schedule(TimeSpan.FromMilliseconds(40), () => simulation.SendFrom(n[0], n[1], new Ping(13)));

        var failure = Assert.Throws<SimulationException>(() => simulation.RunFor(TimeSpan.FromSeconds(1)))!;

        Assert.That(failure.InnerException, Is.TypeOf<InvalidOperationException>());
        Assert.That(failure.Seed, Is.EqualTo(Seed));
        Assert.That(failure.Time, Is.EqualTo(TimeSpan.FromMilliseconds(41)));
        Assert.That(failure.Message, Does.StartWith("Node n2 threw while handling Ping { Number = 13 } from n1: InvalidOperationException: unlucky number"));
        Assert.That(failure.Message, Does.Contain($"At 41.0000 ms of virtual time. Replay: seed {Seed}; replay with: DISTSYS_SEED={Seed} dotnet test tests/runtime"));
        Assert.That(failure.Message, Does.Contain("40.0000 ms  external   -  scheduled action"));
    }

    [Test]
    public void An_exception_in_a_timer_names_the_node_and_the_timer()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed));
        Scenario.AddNodes(simulation, 1, onStart: node =>
            node.Context.SetTimer(TimeSpan.FromMilliseconds(5), () => throw new InvalidOperationException("boom"), "heartbeat"));

        Assert.That(() => simulation.RunFor(TimeSpan.FromSeconds(1)),
            Throws.TypeOf<SimulationException>().With.Message.StartsWith("Node n1 threw in timer 1 (heartbeat): InvalidOperationException: boom"));
    }

    [Test]
    public void The_replay_hint_is_the_seed_alone_without_a_replay_command()
    {
        Assert.That(new Simulation(99).ReplayHint, Is.EqualTo("seed 99"));
        Assert.That(new Simulation(99, new SimulationOptions { ReplayCommand = "make replay" }).ReplayHint,
            Is.EqualTo("seed 99; replay with: make replay"));
    }

    [Test]
    public void A_failure_without_a_trace_says_how_to_get_one()
    {
        var simulation = new Simulation(Seed, Scenario.Options(Seed, recordTrace: false));
        simulation.Schedule(TimeSpan.Zero, () => throw new InvalidOperationException("x"), "fails");

        Assert.That(() => simulation.Step(),
            Throws.TypeOf<SimulationException>().With.Message.Contains("RecordTrace is off"));
    }
}
