using DistSys.Runtime;

namespace DistSys.Raft.Tests.Kv;

/// <summary>
/// A replicated key-value store on top of the Raft node, driven by five concurrent clients that retry through whoever
/// is leader: whatever the faults, the history the clients saw must be linearizable.
/// </summary>
[Category("safety")]
public class KvTests
{
    private static readonly TimeSpan s_load = TimeSpan.FromSeconds(1);

    [Test]
    public void Kv_history_is_linearizable_on_a_reliable_network() => Run(servers: 3, faults: false, lossy: false, snapshotEvery: 0);

    [Test]
    public void Kv_history_is_linearizable_with_crashes_partitions_and_lost_messages() => Run(servers: 5, faults: true, lossy: true, snapshotEvery: 0);

    [Test]
    public void Kv_history_is_linearizable_with_snapshots_and_restarts() => Run(servers: 3, faults: true, lossy: false, snapshotEvery: 20);

    private static void Run(int servers, bool faults, bool lossy, int snapshotEvery) => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, servers, host: (context, observe) => new KvServer(context, snapshotEvery, observe));
        var workload = new KvWorkload(simulation, cluster, clients: 5) { Lossy = lossy };
        workload.Run(s_load);
        if (faults)
        {
            ScheduleFaults(simulation, cluster, simulation.Now + s_load);
        }

        simulation.RunFor(s_load);
        foreach (NodeId node in cluster.Nodes)
        {
            if (!simulation.IsUp(node))
            {
                cluster.Restart(node);
            }

            cluster.Connect(node);
        }

        bool finished = simulation.RunUntil(() => workload.Idle, TimeSpan.FromSeconds(10));
        Assert.That(finished, Is.True,
            $"after the faults stopped, every client operation must complete within 10 s of virtual time.\n{cluster.Tail()}");
        Assert.That(workload.Completed, Is.GreaterThanOrEqualTo(20), $"the store made almost no progress.\n{cluster.Tail()}");

        IReadOnlyList<KvRecord> history = workload.History;
        string? orderProblem = CommitOrder.Explain(history, index => cluster.Invariants.TryGetCommitted(index, out object command) ? command : null,
            cluster.Invariants.HighestCommitted);
        Assert.That(orderProblem, Is.Null, $"the Raft log's commit order does not explain what the clients saw.\n{cluster.Tail()}");
    });

    private static void ScheduleFaults(Simulation simulation, RaftCluster cluster, TimeSpan until)
    {
        simulation.Schedule(TimeSpan.FromMilliseconds(100 + simulation.Random.Next(100)), () =>
        {
            if (simulation.Now >= until)
            {
                return;
            }

            NodeId victim = cluster.Nodes[simulation.Random.Next(cluster.Nodes.Count)];
            switch (simulation.Random.Next(4))
            {
                case 0:
                    cluster.Disconnect(victim);
                    break;
                case 1:
                    cluster.Connect(victim);
                    break;
                case 2:
                    cluster.Crash(victim);
                    break;
                default:
                    if (!simulation.IsUp(victim))
                    {
                        cluster.Restart(victim);
                    }

                    break;
            }

            ScheduleFaults(simulation, cluster, until);
        }, "fault");
    }
}
