using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>
/// Single rules of Figure 2, tested by injecting one message into a running cluster and reading the answer.
/// </summary>
[Category("safety")]
public class MessageTests
{
    [Test]
    public void A_node_gives_at_most_one_vote_per_term()
    {
        var cluster = new RaftCluster(new Simulation(1), 3);
        (NodeId n1, NodeId n2, NodeId n3) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        Simulation simulation = cluster.Simulation;
        simulation.RunFor(TimeSpan.FromMilliseconds(1));

        simulation.SendFrom(n2, n1, new RequestVote(5, n2, 0, 0));
        simulation.RunFor(TimeSpan.FromMilliseconds(5));
        simulation.SendFrom(n3, n1, new RequestVote(5, n3, 0, 0));
        simulation.RunFor(TimeSpan.FromMilliseconds(5));

        Assert.That(cluster.Raft(n1)!.VotedFor, Is.EqualTo(n2), $"n1 voted for n2 in term 5 first.\n{cluster.Tail()}");
        Assert.That(Replies(simulation, n1, n3), Has.Some.Contains("VoteGranted = False").And.None.Contains("VoteGranted = True"),
            $"n1 already voted for n2 in term 5, so it must refuse n3 in the same term.\n{cluster.Tail()}");
    }

    [Test]
    public void A_node_refuses_its_vote_to_a_candidate_whose_log_is_behind()
    {
        var cluster = new RaftCluster(new Simulation(1), 3);
        cluster.One("x", 3, retry: false);
        Simulation simulation = cluster.Simulation;
        NodeId leader = cluster.WaitForLeader(TimeSpan.FromSeconds(1), "after the first command");
        NodeId voter = cluster.Nodes.First(n => n != leader);
        NodeId candidate = cluster.Nodes.First(n => n != leader && n != voter);
        long term = cluster.Raft(voter)!.CurrentTerm + 1;

        simulation.SendFrom(candidate, voter, new RequestVote(term, candidate, 0, 0));
        simulation.RunFor(TimeSpan.FromMilliseconds(5));

        Assert.That(cluster.Raft(voter)!.VotedFor, Is.Not.EqualTo(candidate),
            $"{voter} holds a committed entry; a candidate with an empty log is not up to date and must not get its vote.\n{cluster.Tail()}");
        Assert.That(cluster.Raft(voter)!.CurrentTerm, Is.GreaterThanOrEqualTo(term), "a request from a higher term still makes the voter adopt that term");
    }

    [Test]
    public void A_node_rejects_AppendEntries_from_an_older_term()
    {
        var cluster = new RaftCluster(new Simulation(1), 3);
        Simulation simulation = cluster.Simulation;
        NodeId leader = cluster.WaitForLeader(TimeSpan.FromSeconds(2), "in a new cluster");
        NodeId follower = cluster.Nodes.First(n => n != leader);
        NodeId other = cluster.Nodes.First(n => n != leader && n != follower);
        long term = cluster.Raft(follower)!.CurrentTerm;

        simulation.SendFrom(other, follower, new AppendEntries(term - 1, other, 0, 0, [new LogEntry(1, term - 1, "stale")], 1));
        simulation.RunFor(TimeSpan.FromMilliseconds(5));

        Assert.That(cluster.Raft(follower)!.Log.Select(e => e.Command), Does.Not.Contain("stale"),
            $"a leader of term {term - 1} is stale for {follower} (term {term}): its entries must be refused.\n{cluster.Tail()}");
        Assert.That(cluster.Applied(follower).Values, Does.Not.Contain("stale"), "and certainly not applied");
    }

    private static List<string> Replies(Simulation simulation, NodeId from, NodeId to) =>
        [.. simulation.Trace.Where(e => e.Kind == TraceEventKind.Deliver && e.From == from && e.To == to).Select(e => e.Description)];
}
