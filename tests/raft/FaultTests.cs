using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>
/// Randomized faults: crashes, partitions, loss, reordering and long delays. What is checked is mostly the set of
/// invariants after every event; at the end the healed cluster must still agree on a new command.
/// </summary>
[Category("safety")]
public class FaultTests
{
    private static readonly SimulationOptions s_unreliable = new() { Network = LinkProfile.Unreliable with { DuplicateRate = 0.02 } };

    [Test]
    public void Figure_8_a_leader_never_commits_an_old_entry_by_counting_replicas() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 5);
        cluster.One(simulation.Random.Next(), 1, retry: true);
        for (int iteration = 0; iteration < 40; iteration++)
        {
            NodeId? leader = cluster.Leaders().Select(n => (NodeId?)n).FirstOrDefault();
            if (leader is { } current)
            {
                cluster.Raft(current)!.Start(simulation.Random.Next());
            }

            simulation.RunFor(TimeSpan.FromMilliseconds(simulation.Random.Next(100) < 10 ? simulation.Random.Next(500) : simulation.Random.Next(15)));
            if (leader is { } crashed && simulation.IsUp(crashed))
            {
                cluster.Crash(crashed);
            }

            if (cluster.Connected.Count() < 3)
            {
                NodeId[] down = [.. cluster.Nodes.Where(n => !simulation.IsUp(n))];
                cluster.Restart(down[simulation.Random.Next(down.Length)]);
            }
        }

        foreach (NodeId node in cluster.Nodes.Where(n => !simulation.IsUp(n)))
        {
            cluster.Restart(node);
        }

        cluster.One(simulation.Random.Next(), 5, retry: true);
    });

    [Test]
    public void Agreement_holds_on_an_unreliable_network() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 5);
        for (int round = 1; round < 8; round++)
        {
            for (int j = 0; j < 4; j++)
            {
                int command = 100 * round + j;
                simulation.Schedule(TimeSpan.FromMilliseconds(j), () =>
                {
                    if (cluster.CurrentLeader() is { } leader)
                    {
                        cluster.Raft(leader)!.Start(command);
                    }
                }, $"start {command}");
            }

            cluster.One(round, 1, retry: true);
        }

        cluster.One(1000, 5, retry: true);
    }, s_unreliable);

    [Test]
    public void Figure_8_holds_on_an_unreliable_network() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 5);
        cluster.One(simulation.Random.Next(), 1, retry: true);
        for (int iteration = 0; iteration < 60; iteration++)
        {
            if (iteration == 40)
            {
                // Long delays only for the second part, as in MIT's test: old messages surface among new terms.
                simulation.Network.DefaultProfile = s_unreliable.Network with { LongDelayRate = 0.1 };
            }

            if (cluster.CurrentLeader() is { } leader)
            {
                cluster.Raft(leader)!.Start(simulation.Random.Next());
                if (simulation.Random.Next(100) < 50)
                {
                    cluster.Disconnect(leader);
                }
            }

            simulation.RunFor(TimeSpan.FromMilliseconds(simulation.Random.Next(100) < 10 ? simulation.Random.Next(500) : simulation.Random.Next(15)));
            if (cluster.Connected.Count() < 3)
            {
                NodeId[] cut = [.. cluster.Nodes.Where(n => !cluster.Connected.Contains(n))];
                cluster.Connect(cut[simulation.Random.Next(cut.Length)]);
            }
        }

        simulation.Network.DefaultProfile = s_unreliable.Network;
        foreach (NodeId node in cluster.Nodes)
        {
            cluster.Connect(node);
        }

        cluster.One(simulation.Random.Next(), 5, retry: true);
    }, s_unreliable);

    [Test]
    public void Churn_on_a_reliable_network_keeps_every_invariant() => Churn(unreliable: false);

    [Test]
    public void Churn_on_an_unreliable_network_keeps_every_invariant() => Churn(unreliable: true);

    private static void Churn(bool unreliable) => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 5);
        int next = 1;
        bool stopped = false;
        // Two clients keep offering commands to random nodes every 10-40 ms.
        ScheduleClient();
        ScheduleClient();

        for (int step = 0; step < 20; step++)
        {
            NodeId victim = cluster.Nodes[simulation.Random.Next(cluster.Nodes.Count)];
            switch (simulation.Random.Next(4))
            {
                case 0:
                    cluster.Disconnect(victim);
                    break;
                case 1:
                    cluster.Connect(victim);
                    break;
                case 2 when cluster.Nodes.Count(simulation.IsUp) > 3:
                    cluster.Crash(victim);
                    break;
                default:
                    if (!simulation.IsUp(victim))
                    {
                        cluster.Restart(victim);
                    }

                    break;
            }

            simulation.RunFor(TimeSpan.FromMilliseconds(50 + simulation.Random.Next(100)));
        }

        foreach (NodeId node in cluster.Nodes)
        {
            if (!simulation.IsUp(node))
            {
                cluster.Restart(node);
            }

            cluster.Connect(node);
        }

        stopped = true;
        cluster.One("final", 5, retry: true);

        void ScheduleClient() => simulation.Schedule(TimeSpan.FromMilliseconds(10 + simulation.Random.Next(30)), () =>
        {
            if (stopped)
            {
                return;
            }

            NodeId node = cluster.Nodes[simulation.Random.Next(cluster.Nodes.Count)];
            if (simulation.IsUp(node))
            {
                cluster.Raft(node)!.Start(next++);
            }

            ScheduleClient();
        }, "client");
    }, unreliable ? s_unreliable : null);
}
