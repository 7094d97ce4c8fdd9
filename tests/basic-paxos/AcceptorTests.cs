using DistSys.Runtime;

namespace DistSys.BasicPaxos.Tests;

/// <summary>
/// The acceptor on its own: the test plays the proposers by injecting <see cref="Prepare"/> and <see cref="Accept"/>
/// messages into n1 of a quiet five-node cluster on a reliable network, and reads n1's state and replies.
/// </summary>
[Category("safety")]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class AcceptorTests
{
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(10);

    private readonly PaxosCluster _cluster = new(new Simulation(seed: 1), checkSafety: false);

    private NodeId N1 => _cluster[1];

    private static Ballot B(int round, string node) => new(round, new NodeId(node));

    private void Deliver(NodeId from, object message)
    {
        _cluster.Inject(from, N1, message);
        _cluster.Simulation.RunFor(s_settle);
    }

    private void CrashAndRestartN1()
    {
        _cluster.Simulation.Crash(N1);
        _cluster.Simulation.RunFor(s_settle);
        _cluster.Simulation.Restart(N1);
        _cluster.Simulation.RunFor(s_settle);
    }

    private IEnumerable<(NodeId To, T Message)> RepliesOf<T>() =>
        _cluster.Observer.SentOf<T>().Where(s => s.From == N1).Select(s => (s.To, s.Message));

    [Test]
    public void A_prepare_above_the_promise_is_promised_to_its_proposer()
    {
        Deliver(_cluster[2], new Prepare(B(3, "n2")));

        Assert.That(_cluster.Node(1).Promised, Is.EqualTo(B(3, "n2")), "Promised after Prepare(3.n2)");
        Assert.That(RepliesOf<Promise>(), Is.EqualTo(new[] { (_cluster[2], new Promise(B(3, "n2"), null, null)) }),
            "one Promise, to the proposer, reporting that nothing was accepted yet");
    }

    [Test]
    public void A_prepare_below_the_promise_is_rejected_with_the_promise()
    {
        Deliver(_cluster[2], new Prepare(B(5, "n2")));
        Deliver(_cluster[3], new Prepare(B(3, "n3")));

        Assert.That(_cluster.Node(1).Promised, Is.EqualTo(B(5, "n2")), "a lower Prepare must not lower the promise");
        Assert.That(RepliesOf<Promise>().Select(r => r.Message.Ballot), Is.EqualTo(new[] { B(5, "n2") }), "only 5.n2 was promised");
        Assert.That(RepliesOf<Rejected>(), Is.EqualTo(new[] { (_cluster[3], new Rejected(B(3, "n3"), B(5, "n2"))) }),
            "n3 is told that its ballot is refused and which ballot was promised");
    }

    [Test]
    public void A_repeated_prepare_at_the_promise_is_promised_again()
    {
        Deliver(_cluster[2], new Prepare(B(5, "n2")));
        Deliver(_cluster[2], new Prepare(B(5, "n2")));

        Assert.That(RepliesOf<Promise>().Select(r => r.Message.Ballot), Is.EqualTo(new[] { B(5, "n2"), B(5, "n2") }),
            "the network duplicated Prepare(5.n2): a ballot equal to the promise is at least the promise, so it is promised again");
        Assert.That(RepliesOf<Rejected>(), Is.Empty, "rejecting the promised ballot itself would make its proposer give up for nothing");
    }

    [Test]
    public void A_promise_reports_the_value_accepted_last()
    {
        Deliver(_cluster[2], new Prepare(B(2, "n2")));
        Deliver(_cluster[2], new Accept(B(2, "n2"), "a"));
        Deliver(_cluster[3], new Prepare(B(4, "n3")));

        Assert.That(RepliesOf<Promise>().Last(), Is.EqualTo((_cluster[3], new Promise(B(4, "n3"), B(2, "n2"), "a"))),
            "the promise for 4.n3 must carry the value accepted in 2.n2, so that n3 proposes it");
    }

    [Test]
    public void An_accept_at_the_promise_is_accepted_and_announced_to_every_node()
    {
        Deliver(_cluster[2], new Prepare(B(5, "n2")));
        Deliver(_cluster[2], new Accept(B(5, "n2"), "x"));

        var node = _cluster.Node(1);
        Assert.That((node.AcceptedBallot, node.AcceptedValue), Is.EqualTo((B(5, "n2"), "x")), "accepted 5.n2 = x");
        Assert.That(RepliesOf<Accepted>().Select(r => r.To).Distinct().Order(), Is.EqualTo(_cluster.Nodes),
            "every node is a learner, so every node (n1 included) hears Accepted(5.n2, x)");
        Assert.That(RepliesOf<Accepted>().Select(r => r.Message).Distinct(), Is.EqualTo(new[] { new Accepted(B(5, "n2"), "x") }));
    }

    [Test]
    public void An_accept_above_the_promise_is_accepted_and_raises_the_promise()
    {
        Deliver(_cluster[2], new Prepare(B(2, "n2")));
        Deliver(_cluster[3], new Accept(B(4, "n3"), "y"));

        var node = _cluster.Node(1);
        Assert.That((node.AcceptedBallot, node.AcceptedValue, node.Promised), Is.EqualTo((B(4, "n3"), "y", B(4, "n3"))),
            "accepting 4.n3 also promises it");
    }

    [Test]
    public void A_stale_proposers_accept_is_rejected()
    {
        Deliver(_cluster[2], new Prepare(B(5, "n2")));
        Deliver(_cluster[3], new Accept(B(3, "n3"), "stale"));

        var node = _cluster.Node(1);
        Assert.That(node.AcceptedBallot, Is.Null, "Accept(3.n3) is below the promise 5.n2 and must not be accepted");
        Assert.That(node.AcceptedValue, Is.Null);
        Assert.That(RepliesOf<Accepted>(), Is.Empty, "nothing accepted, nothing announced");
        Assert.That(RepliesOf<Rejected>(), Is.EqualTo(new[] { (_cluster[3], new Rejected(B(3, "n3"), B(5, "n2"))) }));
    }

    [Test]
    public void An_acceptor_that_crashes_after_promising_keeps_its_promise_after_restart()
    {
        Deliver(_cluster[2], new Prepare(B(5, "n2")));
        CrashAndRestartN1();
        Deliver(_cluster[3], new Accept(B(3, "n3"), "stale"));

        var node = _cluster.Node(1);
        Assert.That(node.Promised, Is.EqualTo(B(5, "n2")), "the promise must be in Storage before the Promise is sent, and reloaded in OnStart");
        Assert.That(node.AcceptedValue, Is.Null, "after the restart, Accept(3.n3) is still below the promise 5.n2");
    }

    [Test]
    public void An_acceptor_that_crashes_after_accepting_still_reports_its_value_after_restart()
    {
        Deliver(_cluster[2], new Prepare(B(2, "n2")));
        Deliver(_cluster[2], new Accept(B(2, "n2"), "a"));
        CrashAndRestartN1();
        Deliver(_cluster[3], new Prepare(B(4, "n3")));

        Assert.That((_cluster.Node(1).AcceptedBallot, _cluster.Node(1).AcceptedValue), Is.EqualTo((B(2, "n2"), "a")),
            "the accepted ballot and value survive the restart");
        Assert.That(RepliesOf<Promise>().Last().Message, Is.EqualTo(new Promise(B(4, "n3"), B(2, "n2"), "a")),
            "after the restart the promise still reports the accepted value");
    }
}
