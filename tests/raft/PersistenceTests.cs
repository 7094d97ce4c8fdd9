using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>
/// Persistence (Raft Figure 2, "Persistent state on all servers"): term, vote and log are on disk before a node
/// answers, so a crash right after an answer loses nothing the answer promised.
/// </summary>
[Category("safety")]
public class PersistenceTests
{
    private static readonly TimeSpan s_electionLimit = TimeSpan.FromSeconds(2);

    [Test]
    public void A_vote_is_on_disk_before_the_voter_answers() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        NodeId? voter = null;
        bool voted = simulation.RunUntil(() =>
        {
            voter = cluster.Nodes.Where(n => cluster.Raft(n)!.VotedFor is { } vote && vote != n).Select(n => (NodeId?)n).FirstOrDefault();
            return voter is not null;
        }, s_electionLimit);
        Assert.That(voted, Is.True, $"no node voted for another within 2 s.\n{cluster.Tail()}");
        NodeId node = voter!.Value;
        (long term, NodeId? vote) = (cluster.Raft(node)!.CurrentTerm, cluster.Raft(node)!.VotedFor);

        cluster.Restart(node);

        Assert.That((cluster.Raft(node)!.CurrentTerm, cluster.Raft(node)!.VotedFor), Is.EqualTo((term, vote)),
            $"{node} voted for {vote} in term {term} and crashed in the same instant; after the restart it must still know both, or it could vote twice in term {term}.\n{cluster.Tail()}");
    });

    [Test]
    public void A_replicated_entry_is_on_disk_before_the_follower_answers() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        NodeId leader = cluster.WaitForLeader(s_electionLimit, "in a new cluster");
        NodeId follower = cluster.Nodes.First(n => n != leader);
        cluster.Raft(leader)!.Start("durable");
        bool stored = simulation.RunUntil(() => cluster.Raft(follower)!.Log.Any(e => Equals(e.Command, "durable")), TimeSpan.FromSeconds(1));
        Assert.That(stored, Is.True, $"the follower {follower} never stored the entry.\n{cluster.Tail()}");

        cluster.Restart(follower);

        Assert.That(cluster.Raft(follower)!.Log.Select(e => e.Command), Does.Contain("durable"),
            $"{follower} crashed in the instant it stored the entry (and acknowledged it); the leader may count that acknowledgement, so the entry must survive the restart.\n{cluster.Tail()}");
    });

    [Test]
    public void Committed_entries_survive_a_restart_of_every_node() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        cluster.One(11, 3, retry: true);

        foreach (NodeId node in cluster.Nodes)
        {
            cluster.Crash(node);
        }

        foreach (NodeId node in cluster.Nodes)
        {
            cluster.Restart(node);
        }

        long index = cluster.One(12, 3, retry: true);
        Assert.That(index, Is.EqualTo(2), $"after a full restart the log still holds entry 1, so the next command goes to index 2.\n{cluster.Tail()}");

        NodeId leader = cluster.WaitForLeader(s_electionLimit, "after the full restart");
        cluster.Restart(leader);
        cluster.One(13, 3, retry: true);
        foreach (NodeId node in cluster.Nodes)
        {
            Assert.That(cluster.Applied(node).Values, Is.SupersetOf(new object[] { 11, 12, 13 }),
                $"{node} must apply every committed command, including those from before the restarts.\n{cluster.Tail()}");
        }
    });

    [Test]
    public void Agreement_survives_repeated_crashes_of_a_minority() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 5);
        int command = 10;
        for (int round = 0; round < 3; round++)
        {
            cluster.One(command++, 5, retry: true);
            NodeId leader = cluster.WaitForLeader(s_electionLimit, $"in round {round + 1}");
            NodeId[] down = [.. cluster.Nodes.Where(n => n != leader).OrderBy(_ => simulation.Random.Next()).Take(2)];
            foreach (NodeId node in down)
            {
                cluster.Crash(node);
            }

            cluster.One(command++, 3, retry: true);
            foreach (NodeId node in down)
            {
                cluster.Restart(node);
            }
        }

        cluster.One(command, 5, retry: true);
    });

    [Test]
    public void A_crashed_leader_and_follower_come_back_and_agree_with_the_rest() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        cluster.One(101, 3, retry: false);
        NodeId leader = cluster.WaitForLeader(s_electionLimit, "after the first command");
        NodeId follower = cluster.Nodes.First(n => n != leader);

        cluster.Disconnect(follower);
        cluster.One(102, 2, retry: false);
        cluster.Crash(leader);
        cluster.Crash(follower);
        cluster.Connect(follower);
        cluster.Restart(follower);
        cluster.One(103, 2, retry: true);
        cluster.Restart(leader);
        cluster.One(104, 3, retry: true);
    });
}
