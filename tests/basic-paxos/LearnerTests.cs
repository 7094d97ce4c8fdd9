using DistSys.Runtime;

namespace DistSys.BasicPaxos.Tests;

/// <summary>The learner on its own: the test injects <see cref="Accepted"/> and <see cref="Decided"/> messages into n1
/// of a quiet five-node cluster (a majority is 3).</summary>
[Category("safety")]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class LearnerTests
{
    private readonly PaxosCluster _cluster = new(new Simulation(seed: 1), checkSafety: false);

    private static Ballot B(int round, string node) => new(round, new NodeId(node));

    private string? AfterDelivering(params (int From, object Message)[] messages)
    {
        foreach (var (from, message) in messages)
        {
            _cluster.Inject(_cluster[from], _cluster[1], message);
        }

        _cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(10));
        return _cluster.Node(1).LearnedValue;
    }

    [Test]
    public void Two_acceptances_of_five_are_not_enough()
    {
        Assert.That(AfterDelivering((2, new Accepted(B(2, "n2"), "x")), (3, new Accepted(B(2, "n2"), "x"))), Is.Null,
            "2 of 5 acceptors is not a majority");
    }

    [Test]
    public void A_majority_of_acceptors_in_one_ballot_means_the_value_is_learned()
    {
        var learned = AfterDelivering(
            (2, new Accepted(B(2, "n2"), "x")), (3, new Accepted(B(2, "n2"), "x")), (4, new Accepted(B(2, "n2"), "x")));

        Assert.That(learned, Is.EqualTo("x"), "3 of 5 acceptors accepted x in ballot 2.n2");
    }

    [Test]
    public void Acceptances_in_different_ballots_do_not_add_up()
    {
        var learned = AfterDelivering(
            (2, new Accepted(B(1, "n2"), "x")), (3, new Accepted(B(1, "n2"), "x")), (4, new Accepted(B(2, "n3"), "x")));

        Assert.That(learned, Is.Null,
            "x was accepted by 3 acceptors, but in two ballots: a value is chosen only by a majority in ONE ballot (counting by value can learn a value that was never chosen)");
    }

    [Test]
    public void A_duplicated_acceptance_counts_once()
    {
        var learned = AfterDelivering(
            (2, new Accepted(B(2, "n2"), "x")), (2, new Accepted(B(2, "n2"), "x")), (2, new Accepted(B(2, "n2"), "x")),
            (3, new Accepted(B(2, "n2"), "x")));

        Assert.That(learned, Is.Null, "the network duplicated n2's Accepted: that is still only 2 distinct acceptors");
    }

    [Test]
    public void A_decided_message_is_learned()
    {
        Assert.That(AfterDelivering((4, new Decided("z"))), Is.EqualTo("z"));
    }
}
