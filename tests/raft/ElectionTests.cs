using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>Leader election (Raft §5.2): one leader, re-election after failures, and none without a majority.</summary>
[Category("behaviour")]
public class ElectionTests
{
    private static readonly TimeSpan s_electionLimit = TimeSpan.FromSeconds(2);

    [Test]
    public void A_new_cluster_elects_exactly_one_leader_within_two_seconds() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        cluster.WaitForLeader(s_electionLimit, "in a new, healthy three-node cluster");

        Assert.That(cluster.Leaders(), Has.Count.EqualTo(1), $"a healthy cluster has exactly one leader.\n{cluster.Tail()}");
        Assert.That(simulation.Nodes.Select(n => cluster.Raft(n)!.CurrentTerm).Distinct().Count(), Is.EqualTo(1).Or.EqualTo(2),
            $"once a leader is elected, the others adopt its term from its first heartbeat.\n{cluster.Tail()}");
    });

    [Test]
    public void Without_failures_the_leader_and_the_term_stay_the_same() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        NodeId leader = cluster.WaitForLeader(s_electionLimit, "in a new, healthy three-node cluster");
        simulation.RunFor(TimeSpan.FromMilliseconds(100));
        long term = cluster.Raft(leader)!.CurrentTerm;

        simulation.RunFor(TimeSpan.FromSeconds(2));

        Assert.That(cluster.Raft(leader)!.Role, Is.EqualTo(RaftRole.Leader),
            $"with no failures the leader's heartbeats keep the followers from starting elections.\n{cluster.Tail()}");
        Assert.That(simulation.Nodes.Select(n => cluster.Raft(n)!.CurrentTerm), Is.All.EqualTo(term),
            $"no failure, no new term: every node stays in term {term}.\n{cluster.Tail()}");
    });

    [Test]
    public void A_new_leader_is_elected_when_the_leader_crashes() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        NodeId first = cluster.WaitForLeader(s_electionLimit, "in a new cluster");
        long firstTerm = cluster.Raft(first)!.CurrentTerm;

        cluster.Crash(first);
        NodeId second = cluster.WaitForLeader(s_electionLimit, $"after the leader {first} crashed (two of three nodes are up)");

        Assert.That(cluster.Raft(second)!.CurrentTerm, Is.GreaterThan(firstTerm),
            $"the new leader {second} must be elected in a later term than the crashed leader's term {firstTerm}.\n{cluster.Tail()}");
    });

    [Test]
    public void A_cut_off_leader_is_replaced_and_rejoins_without_disturbing_the_new_one() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        NodeId first = cluster.WaitForLeader(s_electionLimit, "in a new cluster");

        cluster.Disconnect(first);
        long firstTerm = cluster.Raft(first)!.CurrentTerm;
        cluster.Disconnect(first);
        cluster.WaitForLeader(s_electionLimit, $"after the leader {first} was cut off");
        cluster.Connect(first);
        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(cluster.Leaders(), Has.Count.EqualTo(1),
            $"when the old leader {first} comes back it learns the newer term and steps down: one leader remains.\n{cluster.Tail()}");
        Assert.That(cluster.Raft(first)!.CurrentTerm, Is.GreaterThan(firstTerm),
            $"the old leader {first} must have adopted a newer term than its own {firstTerm}.\n{cluster.Tail()}");
    });

    [Test]
    public void No_leader_is_elected_without_a_majority() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        NodeId leader = cluster.WaitForLeader(s_electionLimit, "in a new cluster");
        NodeId other = cluster.Nodes.First(n => n != leader);

        cluster.Disconnect(leader);
        cluster.Disconnect(other);
        simulation.RunFor(TimeSpan.FromSeconds(2));
        NodeId alone = cluster.Nodes.Single(n => n != leader && n != other);

        Assert.That(cluster.Raft(alone)!.Role, Is.Not.EqualTo(RaftRole.Leader),
            $"{alone} is alone with one of three votes: it must not become leader.\n{cluster.Tail()}");

        cluster.Connect(other);
        cluster.WaitForLeader(s_electionLimit, $"after {other} rejoined {alone}, making a majority");
    });

    [Test]
    public void Elections_under_churn_keep_at_most_one_leader_per_term_and_recover() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 7);
        cluster.WaitForLeader(s_electionLimit, "in a new seven-node cluster");
        for (int round = 0; round < 5; round++)
        {
            NodeId[] cut = [.. cluster.Nodes.OrderBy(_ => simulation.Random.Next()).Take(3)];
            foreach (NodeId node in cut)
            {
                cluster.Disconnect(node);
            }

            cluster.WaitForLeader(TimeSpan.FromSeconds(3), $"among the four nodes left connected in round {round + 1} ({string.Join(", ", cut)} cut off)");
            foreach (NodeId node in cut)
            {
                cluster.Connect(node);
            }
        }

        cluster.WaitForLeader(s_electionLimit, "after every node was reconnected");
    });

    [Test]
    public void A_single_node_cluster_elects_itself_and_commits_alone() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 1);
        cluster.WaitForLeader(s_electionLimit, "in a one-node cluster (a majority of one is itself)");

        long index = cluster.One("solo", 1, retry: false);

        Assert.That(index, Is.EqualTo(1), "the first command goes to index 1");
    });
}
