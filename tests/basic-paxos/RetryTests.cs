using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.BasicPaxos.Tests;

/// <summary>
/// How a proposer gives up a ballot and tries again: at once after a <see cref="Rejected"/>, above the round it was
/// told of; after a random back-off that grows but stays within <see cref="PaxosOptions.MaxBackoff"/>; and never again
/// once it has learned the chosen value. Reliable network, the safety invariants checked after every event.
/// </summary>
[Category("behaviour")]
public class RetryTests
{
    private const int SeedCount = 20;

    private static Ballot B(int round, string node) => new(round, new NodeId(node));

    /// <summary>n1, n2 and n3 (a majority) promise 9.n5, played by the test; nobody else knows of round 9.</summary>
    private static PaxosCluster WithMajorityPromisedRound9(Simulation simulation, PaxosOptions? options = null, bool checkSafety = true)
    {
        var cluster = new PaxosCluster(simulation, options: options, checkSafety: checkSafety);
        foreach (var acceptor in new[] { 1, 2, 3 })
        {
            cluster.Inject(cluster[5], cluster[acceptor], new Prepare(B(9, "n5")));
        }

        simulation.RunFor(TimeSpan.FromMilliseconds(10));
        return cluster;
    }

    private static List<Ballot> PreparesOf(PaxosCluster cluster, NodeId id) =>
        [.. cluster.Observer.SentOf<Prepare>().Where(s => s.From == id).Select(s => s.Message.Ballot).Distinct()];

    [Test]
    public void A_rejected_proposer_gives_up_at_once_and_retries_above_the_promised_round()
    {
        // The round timeout is far away: only the Rejected messages can make n4 retry within a second.
        var options = new PaxosOptions { RoundTimeout = TimeSpan.FromSeconds(30) };
        foreach (var seed in Seeds.Range(SeedCount))
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = WithMajorityPromisedRound9(simulation, options);
                cluster.Propose(cluster[4], "x");

                var learned = simulation.RunUntil(() => cluster.Learned([cluster[4]]), TimeSpan.FromSeconds(1));

                Assert.That(learned, Is.True,
                    $"n4's ballot 1.n4 was rejected by a majority, but n4 did not retry within 1 s (its round timeout is 30 s): a Rejected for the current ballot means give it up now and back off.\n{cluster.Describe()}");
                Assert.That(PreparesOf(cluster, cluster[4]).Select(b => b.Round), Is.EqualTo(new[] { 1, 10 }),
                    $"Rejected(1.n4, 9.n5) names round 9: the retry goes straight to round 10, not one round at a time.\n{cluster.Describe()}");
            });
        }
    }

    [Test]
    public void The_back_off_grows_from_the_round_timeout_but_never_exceeds_the_maximum()
    {
        var options = new PaxosOptions { RoundTimeout = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(200) };
        var longestGap = options.RoundTimeout + options.MaxBackoff;
        const int gapsNeeded = 12;
        foreach (var seed in Seeds.Range(SeedCount))
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new PaxosCluster(simulation, options: options);
                var n1 = cluster[1];
                // Alone, n1 gets only its own promise: every ballot times out, and n1 backs off and retries forever.
                simulation.Network.Partition([n1], cluster.Nodes.Skip(1));
                cluster.Propose(n1, "x");
                var starts = new List<TimeSpan>();
                simulation.RunUntil(() =>
                {
                    if (PreparesOf(cluster, n1).Count > starts.Count)
                    {
                        starts.Add(simulation.Now);
                    }

                    return starts.Count > gapsNeeded;
                }, TimeSpan.FromSeconds(10));
                var gaps = starts.Zip(starts.Skip(1), (a, b) => b - a).ToList();
                var shown = string.Join(", ", gaps.Select(g => $"{g.TotalMilliseconds:0.#} ms"));

                Assert.That(gaps, Has.All.LessThanOrEqualTo(longestGap),
                    $"with RoundTimeout 10 ms and MaxBackoff 200 ms, two ballots of an isolated proposer are at most 210 ms apart (use the options given to the constructor); gaps: {shown}");
                Assert.That(gaps, Has.Count.EqualTo(gapsNeeded), $"n1 kept retrying; gaps: {shown}");
                var early = gaps.Take(2).Average(g => g.Ticks);
                var late = gaps.Skip(gapsNeeded - 5).Average(g => g.Ticks);
                Assert.That(late, Is.GreaterThanOrEqualTo(2 * early),
                    $"the back-off must grow with every failed ballot (starting near the round timeout, up to MaxBackoff), so that duelling proposers drift apart; gaps: {shown}");
            });
        }
    }

    [Test]
    public void A_node_that_learns_while_backing_off_sends_no_more_prepares()
    {
        foreach (var seed in Seeds.Range(SeedCount))
        {
            Replay.Simulate(seed, simulation =>
            {
                // The Decided is played by the test, so the observer's "chosen value" check is off.
                var cluster = WithMajorityPromisedRound9(simulation, checkSafety: false);
                var n4 = cluster[4];
                cluster.Propose(n4, "x");
                simulation.RunFor(TimeSpan.FromMilliseconds(5));
                Assert.That(PreparesOf(cluster, n4), Has.Count.EqualTo(1), "n4 was rejected and is backing off");
                cluster.Inject(cluster[5], n4, new Decided("z"));
                simulation.RunFor(TimeSpan.FromMilliseconds(2));
                Assert.That(cluster.Node(n4).LearnedValue, Is.EqualTo("z"));

                simulation.RunFor(TimeSpan.FromSeconds(2));

                Assert.That(PreparesOf(cluster, n4).Select(b => b.ToString()), Is.EqualTo(new[] { "1.n4" }),
                    $"n4 learned the chosen value while it was backing off: learning ends proposing, so the pending back-off must not start another ballot.\n{cluster.Describe()}");
            });
        }
    }

    [Test]
    public void Proposing_again_while_backing_off_starts_one_ballot_and_nothing_after_the_value_is_learned()
    {
        foreach (var seed in Seeds.Range(SeedCount))
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = WithMajorityPromisedRound9(simulation);
                var n4 = cluster[4];
                cluster.Propose(n4, "x");
                simulation.RunFor(TimeSpan.FromMilliseconds(5));
                Assert.That(PreparesOf(cluster, n4), Has.Count.EqualTo(1), "n4 was rejected and is backing off");
                cluster.Propose(n4, "y");
                var learned = simulation.RunUntil(() => cluster.Learned([n4]), TimeSpan.FromSeconds(1));
                Assert.That(learned, Is.True, $"n4 learned nothing within 1 s.\n{cluster.Describe()}");

                simulation.RunFor(TimeSpan.FromSeconds(2));

                Assert.That(PreparesOf(cluster, n4).Select(b => b.ToString()), Is.EqualTo(new[] { "1.n4", "10.n4" }),
                    $"the second Propose starts ballot 10.n4 at once, which wins; the back-off it interrupted must not start yet another ballot.\n{cluster.Describe()}");
            });
        }
    }
}
