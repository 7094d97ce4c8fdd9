using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>
/// Log compaction (Raft §7): the application snapshots every 10 entries, the node discards its log up to there, and a
/// follower that needs discarded entries gets the snapshot through InstallSnapshot.
/// </summary>
[Category("behaviour")]
public class SnapshotTests
{
    private const int SnapshotEvery = 10;
    private static readonly TimeSpan s_electionLimit = TimeSpan.FromSeconds(2);

    [Test]
    public void The_log_stays_bounded_when_the_application_snapshots() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3, SnapshotEvery);
        for (int i = 1; i <= 45; i++)
        {
            cluster.One(i, 3, retry: true);
        }

        foreach (NodeId node in cluster.Nodes)
        {
            RaftNode raft = cluster.Raft(node)!;
            Assert.That(raft.SnapshotIndex, Is.GreaterThanOrEqualTo(40), $"{node} applied 45 entries and its application snapshotted at 40.\n{cluster.Tail()}");
            Assert.That(raft.Log, Has.Count.LessThanOrEqualTo(2 * SnapshotEvery),
                $"{node} still holds {raft.Log.Count} entries after a snapshot at {raft.SnapshotIndex}: Snapshot must discard the entries it covers.\n{cluster.Tail()}");
        }
    });

    [Test]
    public void A_lagging_follower_is_brought_up_to_date_by_InstallSnapshot() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3, SnapshotEvery);
        NodeId leader = cluster.WaitForLeader(s_electionLimit, "in a new cluster");
        cluster.One(0, 3, retry: true);
        NodeId follower = cluster.Nodes.First(n => n != leader);

        cluster.Disconnect(follower);
        for (int i = 1; i <= 30; i++)
        {
            cluster.One(i, 2, retry: true);
        }

        cluster.Connect(follower);
        long index = cluster.One("after", 3, retry: true);

        Assert.That(cluster.SnapshotsLoaded(follower), Is.GreaterThanOrEqualTo(1),
            $"the leader discarded the entries {follower} missed, so only InstallSnapshot can bring it up to date.\n{cluster.Tail()}");
        Assert.That(cluster.Raft(follower)!.LastApplied, Is.GreaterThanOrEqualTo(index), $"{follower} must apply the entries after the snapshot.\n{cluster.Tail()}");
    });

    [Test]
    public void A_restarted_node_hands_its_snapshot_to_the_application_first() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3, SnapshotEvery);
        for (int i = 1; i <= 12; i++)
        {
            cluster.One(i, 3, retry: true);
        }

        NodeId node = cluster.Nodes[simulation.Random.Next(3)];
        int loaded = cluster.SnapshotsLoaded(node);
        cluster.Restart(node);
        simulation.RunFor(TimeSpan.Zero);

        Assert.That(cluster.SnapshotsLoaded(node), Is.EqualTo(loaded + 1),
            $"{node} had a snapshot on disk: OnStart must give it to the application before anything else.\n{cluster.Tail()}");
        Assert.That(cluster.Raft(node)!.LastApplied, Is.GreaterThanOrEqualTo(SnapshotEvery), $"after loading its snapshot {node} has applied up to it.\n{cluster.Tail()}");
        cluster.One("after", 3, retry: true);
    });

    [Test]
    [Category("safety")]
    public void Snapshots_stay_safe_under_crashes_and_an_unreliable_network() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3, SnapshotEvery);
        int command = 0;
        for (int round = 0; round < 6; round++)
        {
            NodeId victim = cluster.Nodes[simulation.Random.Next(3)];
            bool crash = simulation.Random.Next(2) == 0;
            if (crash)
            {
                cluster.Crash(victim);
            }
            else
            {
                cluster.Disconnect(victim);
            }

            for (int i = 0; i < 8; i++)
            {
                cluster.One(++command, 2, retry: true);
            }

            if (crash)
            {
                cluster.Restart(victim);
            }
            else
            {
                cluster.Connect(victim);
            }
        }

        cluster.One("end", 3, retry: true);
    }, new SimulationOptions { Network = LinkProfile.Unreliable });
}
