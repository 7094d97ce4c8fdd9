using DistSys.Runtime;

namespace DistSys.BasicPaxos.Tests;

/// <summary>Which faults a randomized scenario injects, on top of a lossy, duplicating, reordering network.</summary>
[Flags]
internal enum Faults
{
    None = 0,
    Crashes = 1,
    Partitions = 2,
    All = Crashes | Partitions,
}

/// <summary>
/// The randomized scenarios of the safety and liveness suites. Every choice comes from the simulation's scenario stream
/// (<see cref="Simulation.Random"/>), so a seed replays exactly.
/// </summary>
internal static class Chaos
{
    /// <summary>When the faults stop: the last crash, partition and proposal happen before this.</summary>
    public static readonly TimeSpan FaultsEnd = TimeSpan.FromMilliseconds(1500);

    /// <summary>10% loss, 5% duplicates, 0–27 ms with 1% held for up to 2 s: reordering and very stale messages.</summary>
    public static readonly LinkProfile Network = LinkProfile.Unreliable with { DuplicateRate = 0.05 };

    public static SimulationOptions Options => new() { Network = Network };

    /// <summary>
    /// Five nodes; three proposers start at random times in the first 300 ms, and clients ask random nodes to propose
    /// again later (a restarted node does not resume proposing). With <see cref="Faults.Crashes"/> nodes crash and
    /// restart at random (any node, acceptor or proposer, several at once); with <see cref="Faults.Partitions"/> the
    /// cluster is split at random and healed. Nothing happens after <see cref="FaultsEnd"/>.
    /// </summary>
    public static PaxosCluster Start(Simulation simulation, Faults faults)
    {
        var cluster = new PaxosCluster(simulation);
        var random = simulation.Random;
        var nodes = cluster.Nodes;
        foreach (var (id, index) in nodes.OrderBy(_ => random.Next()).Take(3).Select((id, i) => (id, i)))
        {
            cluster.Propose(id, $"v{index + 1}", Millis(random.Next(0, 300)));
        }

        for (var i = 0; i < 3; i++)
        {
            cluster.Propose(nodes[random.Next(nodes.Length)], $"retry{i + 1}", Millis(random.Next(300, (int)FaultsEnd.TotalMilliseconds)));
        }

        if (faults.HasFlag(Faults.Crashes))
        {
            for (var i = 0; i < 6; i++)
            {
                var victim = nodes[random.Next(nodes.Length)];
                var at = random.Next(0, 1300);
                var downFor = random.Next(20, 400);
                simulation.Schedule(Millis(at), () => simulation.Crash(victim), $"crash {victim}");
                simulation.Schedule(Millis(Math.Min(at + downFor, (int)FaultsEnd.TotalMilliseconds)), () =>
                {
                    if (!simulation.IsUp(victim))
                    {
                        simulation.Restart(victim);
                    }
                }, $"restart {victim}");
            }
        }

        if (faults.HasFlag(Faults.Partitions))
        {
            var at = 0;
            for (var i = 0; i < 3; i++)
            {
                at += random.Next(50, 400);
                if (at >= FaultsEnd.TotalMilliseconds)
                {
                    break;
                }

                var side = nodes.Where(_ => random.Next(2) == 0).ToArray();
                var other = nodes.Except(side).ToArray();
                simulation.Schedule(Millis(at), () => simulation.Network.Partition(side, other), "partition");
                at += random.Next(50, 300);
                simulation.Schedule(Millis(Math.Min(at, (int)FaultsEnd.TotalMilliseconds)), () => simulation.Network.Heal(), "heal");
            }
        }

        // Whatever the schedule left behind, faults stop here: every node is up and the network is whole again.
        simulation.Schedule(FaultsEnd, () =>
        {
            simulation.Network.Heal();
            foreach (var id in nodes.Where(id => !simulation.IsUp(id)))
            {
                simulation.Restart(id);
            }
        }, "faults stop");
        return cluster;
    }

    private static TimeSpan Millis(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
