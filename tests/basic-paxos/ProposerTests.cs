using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.BasicPaxos.Tests;

/// <summary>The proposer's classic mistakes, each provoked on purpose on a reliable network, with the safety
/// invariants checked after every event.</summary>
[Category("safety")]
public class ProposerTests
{
    private static Ballot B(int round, string node) => new(round, new NodeId(node));

    [Test]
    public void A_proposer_proposes_the_value_with_the_highest_accepted_ballot_among_its_promises()
    {
        var cluster = new PaxosCluster(new Simulation(seed: 1));
        // Earlier proposers (played by the test) got "older" accepted by n1 in 3.n4 and "old" by n2 in 5.n5. n1's
        // promise arrives first, so taking the first reported value is as wrong as ignoring them.
        cluster.Inject(cluster[4], cluster[1], new Prepare(B(3, "n4")));
        cluster.Inject(cluster[4], cluster[1], new Accept(B(3, "n4"), "older"));
        cluster.Inject(cluster[5], cluster[2], new Prepare(B(5, "n5")));
        cluster.Inject(cluster[5], cluster[2], new Accept(B(5, "n5"), "old"));
        cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(10));
        // n3 can only reach n1 and n2, so its majority of promises is exactly {n1, n2, n3}.
        cluster.Simulation.Network.Partition([cluster[1], cluster[2], cluster[3]], [cluster[4], cluster[5]]);
        cluster.Propose(cluster[3], "new");

        var learned = cluster.Simulation.RunUntil(() => cluster.Learned([cluster[3]]), TimeSpan.FromSeconds(5));

        Assert.That(learned, Is.True, $"n3 learned nothing within 5 s.\n{cluster.Describe()}");
        Assert.That(cluster.Node(3).LearnedValue, Is.EqualTo("old"),
            $"n1 promised with \"older\" accepted in 3.n4 and n2 with \"old\" in 5.n5: n3 must propose the value of the highest accepted ballot (\"old\"), not its own or the first it heard.\n{cluster.Describe()}");
    }

    [Test]
    public void A_rejected_proposer_retries_with_a_round_above_the_promise()
    {
        var cluster = new PaxosCluster(new Simulation(seed: 1));
        foreach (var acceptor in new[] { 1, 2, 3 })
        {
            cluster.Inject(cluster[5], cluster[acceptor], new Prepare(B(9, "n5")));
        }

        cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(10));
        cluster.Propose(cluster[4], "x");
        var learned = cluster.Simulation.RunUntil(() => cluster.Learned([cluster[4]]), TimeSpan.FromSeconds(5));

        Assert.That(learned, Is.True, $"n4 learned nothing within 5 s.\n{cluster.Describe()}");
        Assert.That(cluster.Node(4).LearnedValue, Is.EqualTo("x"));
        var accepts = cluster.Observer.SentOf<Accept>().Where(s => s.From == cluster[4]).Select(s => s.Message.Ballot.Round);
        Assert.That(accepts, Is.Not.Empty.And.All.GreaterThan(9),
            "a majority promised 9.n5, so only a ballot above round 9 can win; Rejected tells the proposer that round");
    }

    [Test]
    public void A_restarted_proposer_never_reuses_a_ballot()
    {
        var simulation = new Simulation(seed: 1);
        var cluster = new PaxosCluster(simulation);
        var n1 = cluster[1];
        // n1 sends its Prepares and crashes half a millisecond later, before even its own acceptor has seen them.
        cluster.Propose(n1, "a");
        simulation.Schedule(TimeSpan.FromMilliseconds(0.5), () => simulation.Crash(n1), "crash n1");
        simulation.RunFor(TimeSpan.FromMilliseconds(20));
        var before = cluster.Observer.SentOf<Prepare>().Where(s => s.From == n1).Select(s => s.Message.Ballot).Max();
        var sentBefore = cluster.Observer.Sent.Count;
        simulation.Restart(n1);
        cluster.Propose(n1, "b");
        simulation.RunUntil(() => cluster.Learned([n1]), TimeSpan.FromSeconds(5));

        var after = cluster.Observer.Sent.Skip(sentBefore)
            .Where(s => s.From == n1 && s.Message is Prepare).Select(s => ((Prepare)s.Message).Ballot).ToList();
        Assert.That(after, Is.Not.Empty, "n1 proposed again after the restart");
        Assert.That(after, Has.All.GreaterThan(before),
            $"before the crash n1 had sent Prepare({before}); after the restart it must use higher ballots (persist the round before sending), since the old ballot may have promises for another value");
    }

    [TestCase("promised", TestName = "A_proposers_first_ballot_is_above_a_round_its_acceptor_promised")]
    [TestCase("accepted", TestName = "A_proposers_first_ballot_is_above_a_round_its_acceptor_accepted")]
    [TestCase("promised before a restart", TestName = "A_restarted_proposers_first_ballot_is_above_the_round_its_acceptor_promised")]
    public void A_proposers_first_ballot_is_above_every_round_its_node_has_seen(string how)
    {
        var simulation = new Simulation(seed: 1);
        var cluster = new PaxosCluster(simulation);
        var n1 = cluster[1];
        // n5's ballot 9.n5 reaches only n1's acceptor; n1's proposer has used no round yet.
        cluster.Inject(cluster[5], n1, how == "accepted" ? new Accept(B(9, "n5"), "v") : new Prepare(B(9, "n5")));
        simulation.RunFor(TimeSpan.FromMilliseconds(10));
        if (how.EndsWith("restart", StringComparison.Ordinal))
        {
            simulation.Crash(n1);
            simulation.RunFor(TimeSpan.FromMilliseconds(10));
            simulation.Restart(n1);
            simulation.RunFor(TimeSpan.FromMilliseconds(10));
        }

        cluster.Propose(n1, "x");
        simulation.RunFor(TimeSpan.FromMilliseconds(0.5));

        var first = cluster.Observer.SentOf<Prepare>().Where(s => s.From == n1).Select(s => s.Message.Ballot).FirstOrDefault();
        Assert.That(first, Is.EqualTo(B(10, "n1")),
            $"n1's acceptor has {how} 9.n5, so n1 has seen round 9: its first ballot is 10.n1 (one above every round it has used or seen), not a ballot its own acceptor would refuse.\n{cluster.Describe()}");
    }

    [Test]
    public void Proposing_after_learning_does_nothing() => Replay.Simulate(1, simulation =>
    {
        var cluster = new PaxosCluster(simulation);
        var n1 = cluster[1];
        cluster.Propose(n1, "a");
        Assert.That(simulation.RunUntil(() => cluster.Learned([n1]), TimeSpan.FromSeconds(1)), Is.True, cluster.Describe());
        simulation.RunFor(TimeSpan.FromMilliseconds(10));
        var sent = cluster.Observer.Sent.Count;

        cluster.Propose(n1, "b");
        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.That(cluster.Observer.Sent.Skip(sent).Where(s => s.From == n1).Select(s => s.Message), Is.Empty,
            $"n1 had learned \"a\"; Propose does nothing once a value is learned.\n{cluster.Describe()}");
    });

    [Test]
    public void The_same_seed_replays_the_same_run_with_the_same_random_back_off()
    {
        string Run()
        {
            var simulation = new Simulation(seed: 7, Chaos.Options);
            var cluster = new PaxosCluster(simulation);
            cluster.Propose(cluster[1], "value_X");
            cluster.Propose(cluster[2], "value_Y");
            cluster.Propose(cluster[3], "value_Z");
            simulation.RunFor(TimeSpan.FromSeconds(2));
            return simulation.Trace.Hash();
        }

        var first = Run();
        var second = Run();

        Assert.That(second, Is.EqualTo(first),
            "two runs with seed 7 differ: take back-off delays from context.Random, never from new Random() or the wall clock");
    }
}
