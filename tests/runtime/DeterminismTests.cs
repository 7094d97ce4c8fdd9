using DistSys.Testing;

namespace DistSys.Runtime.Tests;

public class DeterminismTests
{
    private sealed record Gossip(string Origin, int Round, int Value);

    private sealed record Ack(int Round);

    /// <summary>
    /// A chatty cluster: five nodes gossip on jittered timers over the unreliable network, acknowledge at random, persist
    /// what they learn, and crash and restart at random times. Every random choice comes from the seeded streams.
    /// </summary>
    private static Simulation RunChattyScenario(int seed)
    {
        var simulation = new Simulation(seed, Scenario.Options(seed, LinkProfile.Unreliable with { DuplicateRate = 0.02 }));
        NodeId[] nodes = Scenario.AddNodes(simulation, 5,
            onStart: node => ScheduleGossip(node, round: 1),
            onMessage: (node, from, message) =>
            {
                if (message is Gossip gossip)
                {
                    node.Context.Storage.Put("max", Math.Max(gossip.Value, node.Context.Storage.TryGet("max", out int max) ? max : 0));
                    if (node.Context.Random.NextDouble() < 0.5)
                    {
                        node.Context.Send(from, new Ack(gossip.Round));
                    }
                }
            });
        for (int i = 0; i < 10; i++)
        {
            NodeId victim = nodes[simulation.Random.Next(nodes.Length)];
            TimeSpan at = TimeSpan.FromMilliseconds(simulation.Random.Next(100, 4000));
            simulation.Schedule(at, () => simulation.Crash(victim), $"crash {victim}");
            simulation.Schedule(at + TimeSpan.FromMilliseconds(200), () => simulation.Restart(victim), $"restart {victim}");
        }

        simulation.RunFor(TimeSpan.FromSeconds(5));
        return simulation;
    }

    private static void ScheduleGossip(ScriptedNode node, int round)
    {
        TimeSpan jitter = TimeSpan.FromMilliseconds(10 + node.Context.Random.Next(20));
        node.Context.SetTimer(jitter, () =>
        {
            node.Context.Broadcast(new Gossip(node.Context.Id.Name, round, node.Context.Random.Next(1000)));
            ScheduleGossip(node, round + 1);
        }, "gossip");
    }

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Few))]
    public void The_same_seed_gives_a_byte_identical_trace(int seed)
    {
        Simulation first = RunChattyScenario(seed);
        Simulation second = RunChattyScenario(seed);

        Assert.That(first.Trace, Has.Count.GreaterThan(10_000), "the scenario should be chatty enough to mean something");
        Assert.That(first.Trace.Select(e => e.Kind), Does.Contain(TraceEventKind.Drop).And.Contain(TraceEventKind.Duplicate).And.Contain(TraceEventKind.Crash));
        Assert.That(second.Trace.Hash(), Is.EqualTo(first.Trace.Hash()),
            $"two runs with {first.ReplayHint} diverged; first difference:\n{FirstDifference(first.Trace.Format(), second.Trace.Format())}");
    }

    [Test]
    public void Different_seeds_give_different_traces()
    {
        Simulation first = RunChattyScenario(seed: 1);
        Simulation second = RunChattyScenario(seed: 2);

        Assert.That(second.Trace.Hash(), Is.Not.EqualTo(first.Trace.Hash()));
    }

    [Test]
    public void A_nodes_random_stream_does_not_change_when_other_nodes_are_added()
    {
        static int[] FirstDraws(int seed, params string[] names)
        {
            var simulation = new Simulation(seed);
            foreach (string name in names)
            {
                simulation.AddNode(name, context => new ScriptedNode(context));
            }

            Random random = simulation.Node<ScriptedNode>(new NodeId("b")).Context.Random;
            return [.. Enumerable.Range(0, 5).Select(_ => random.Next())];
        }

        Assert.That(FirstDraws(8, "a", "b", "c", "d"), Is.EqualTo(FirstDraws(8, "b")));
        Assert.That(FirstDraws(9, "b"), Is.Not.EqualTo(FirstDraws(8, "b")), "the node's stream depends on the seed");
    }

    [Test]
    public void The_scenario_random_stream_is_separate_from_the_network_and_the_nodes()
    {
        int seed = Scenario.Seed(5);
        var quiet = new Simulation(seed, Scenario.Options(seed, LinkProfile.Unreliable));
        var busy = new Simulation(seed, Scenario.Options(seed, LinkProfile.Unreliable));
        NodeId[] n = Scenario.AddNodes(busy, 2);
        for (int i = 0; i < 100; i++)
        {
            busy.SendFrom(n[0], n[1], new Ping(i));
        }

        busy.RunFor(TimeSpan.FromSeconds(3));

        Assert.That(busy.Random.Next(), Is.EqualTo(quiet.Random.Next()));
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return $"line {i + 1}:\n  first:  {a[i]}\n  second: {b[i]}";
            }
        }

        return $"one trace is a prefix of the other ({a.Length} vs {b.Length} lines)";
    }
}
