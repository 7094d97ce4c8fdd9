using DistSys.Runtime;
using DistSys.Testing.Linearizability;

namespace DistSys.Raft.Tests.Kv;

/// <summary>
/// A replicated key-value store on top of the Raft node, driven by five concurrent clients that retry through whoever
/// is leader: whatever the faults, the history the clients saw must be linearizable.
/// </summary>
[Category("safety")]
public class KvTests
{
    [Test]
    public void Kv_history_is_linearizable_on_a_reliable_network() =>
        Run(servers: 3, faults: false, lossy: false, snapshotEvery: 0, TimeSpan.FromMilliseconds(200));

    [Test]
    public void Kv_history_is_linearizable_with_crashes_partitions_and_lost_messages() =>
        Run(servers: 5, faults: true, lossy: true, snapshotEvery: 0, TimeSpan.FromSeconds(1));

    [Test]
    public void Kv_history_is_linearizable_with_snapshots_and_restarts() =>
        Run(servers: 3, faults: true, lossy: false, snapshotEvery: 20, TimeSpan.FromSeconds(1));

    private static void Run(int servers, bool faults, bool lossy, int snapshotEvery, TimeSpan load) => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, servers, host: (context, observe) => new KvServer(context, snapshotEvery, observe));
        cluster.WaitForLeader(TimeSpan.FromSeconds(3), "before the clients start");
        var workload = new KvWorkload(simulation, cluster, clients: 5) { Lossy = lossy };
        // Clients keep going for 300 ms after the last fault, so that every run makes some progress.
        workload.Run(load + TimeSpan.FromMilliseconds(300));
        if (faults)
        {
            ScheduleFaults(simulation, cluster, simulation.Now + load);
        }

        simulation.RunFor(load);
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
        Assert.That(workload.Completed, Is.GreaterThanOrEqualTo(10), $"the store completed only {workload.Completed} operations.\n{cluster.Tail()}");

        IReadOnlyList<KvRecord> history = workload.History;
        LinearizabilityResult result = LinearizabilityChecker.Check(new KeyValueModel(), [.. history.Select(ToOperation)]);
        Assert.That(result.IsLinearizable, Is.True,
            $"the history the clients saw ({history.Count} operations) is not linearizable:\n{result.Explanation}\n{cluster.Tail()}");
        string? orderProblem = CommitOrder.Explain(history, index => cluster.Invariants.TryGetCommitted(index, out object command) ? command : null,
            cluster.Invariants.HighestCommitted);
        Assert.That(orderProblem, Is.Null, $"the Raft log's commit order does not explain what the clients saw.\n{cluster.Tail()}");
    }, lossy ? new SimulationOptions { Network = LinkProfile.Unreliable } : null);

    private static Operation<KvInput, KvOutput> ToOperation(KvRecord record) => new(
        record.ClientId,
        record.CallTime,
        record.ReturnTime,
        new KvInput(record.Op switch { KvKind.Get => KvOp.Get, KvKind.Put => KvOp.Put, _ => KvOp.Append }, record.Key, record.Value),
        record.ReturnTime is null ? null : new KvOutput(record.Output));

    /// <summary>
    /// Every 250-450 ms either crashes or cuts off a healthy server (while fewer than a minority are faulty) or brings
    /// a faulty one back, so that a majority can usually make progress between faults.
    /// </summary>
    private static void ScheduleFaults(Simulation simulation, RaftCluster cluster, TimeSpan until)
    {
        simulation.Schedule(TimeSpan.FromMilliseconds(250 + simulation.Random.Next(200)), () =>
        {
            if (simulation.Now >= until)
            {
                return;
            }

            var faulty = cluster.Nodes.Where(n => !cluster.Connected.Contains(n)).ToList();
            var healthy = cluster.Nodes.Except(faulty).ToList();
            if (faulty.Count == 0 || (faulty.Count < (cluster.Nodes.Count - 1) / 2 && simulation.Random.Next(2) == 0))
            {
                NodeId victim = healthy[simulation.Random.Next(healthy.Count)];
                if (simulation.Random.Next(2) == 0)
                {
                    cluster.Crash(victim);
                }
                else
                {
                    cluster.Disconnect(victim);
                }
            }
            else
            {
                NodeId back = faulty[simulation.Random.Next(faulty.Count)];
                if (!simulation.IsUp(back))
                {
                    cluster.Restart(back);
                }

                cluster.Connect(back);
            }

            ScheduleFaults(simulation, cluster, until);
        }, "fault");
    }
}
