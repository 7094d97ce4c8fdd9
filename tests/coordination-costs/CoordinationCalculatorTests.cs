using DistSys.Testing;
using FsCheck.Fluent;

namespace DistSys.CoordinationCosts.Tests;

public class CoordinationCalculatorTests
{
    private const int Data = 1024;
    private const int Control = 64;

    [TestCase(1, 1.0, 1024)]
    [TestCase(0, 1.0, 1024)]
    [TestCase(3, -1.0, 1024)]
    [TestCase(3, double.NaN, 1024)]
    [TestCase(3, 1.0, 0)]
    [Category("behaviour")]
    public void A_cluster_needs_two_nodes_a_real_rtt_and_a_message_size(int nodes, double rttMs, int messageSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CoordinationCalculator(nodes, rttMs, messageSize));
    }

    [Test]
    [Category("behaviour")]
    public void The_calculator_keeps_its_configuration_with_a_1_KiB_default_message()
    {
        var calculator = new CoordinationCalculator(7, 10);

        Assert.That((calculator.Nodes, calculator.RttMs, calculator.MessageSizeBytes), Is.EqualTo((7, 10.0, 1024)));
    }

    [Test]
    [Category("behaviour")]
    public void Two_phase_commit_costs_two_round_trips_and_four_messages_per_participant()
    {
        var metrics = new CoordinationCalculator(5, 170).TwoPhaseCommit(1, failureRate: 0);

        Assert.That(metrics.RoundTrips, Is.EqualTo(2), "Prepare + votes is one round trip; decision + acks is the other.");
        Assert.That(metrics.TimeMs, Is.EqualTo(340));
        Assert.That(metrics.Messages, Is.EqualTo(16), "4 participants x (prepare, vote, decision, ack).");
        Assert.That(metrics.Bytes, Is.EqualTo(4 * Data + 12 * Control), "Only the prepare carries the transaction's data.");
    }

    [Test]
    [Category("behaviour")]
    public void An_aborted_transaction_costs_as_much_as_a_committed_one_and_counts_as_a_failure()
    {
        var calculator = new CoordinationCalculator(3, 1);

        var clean = calculator.TwoPhaseCommit(1_000, failureRate: 0);
        var failing = calculator.TwoPhaseCommit(1_000, failureRate: 0.01);

        Assert.That(failing.Failures, Is.EqualTo(10), "Expected value: 1,000 x 1% = 10 aborts.");
        Assert.That(clean.Failures, Is.Zero);
        Assert.That((failing.Messages, failing.Bytes, failing.RoundTrips), Is.EqualTo((clean.Messages, clean.Bytes, clean.RoundTrips)),
            "Abort replaces commit one for one.");
    }

    [Test]
    [Category("behaviour")]
    public void The_global_two_phase_commit_breakdown_is_pinned()
    {
        var metrics = new CoordinationCalculator(5, 170).TwoPhaseCommit(1_000_000);

        Assert.That(metrics.Messages, Is.EqualTo(16_000_000));
        Assert.That(metrics.Bytes, Is.EqualTo(4_864_000_000));
        Assert.That(metrics.RoundTrips, Is.EqualTo(2_000_000));
        Assert.That(metrics.TimeMs / 3_600_000, Is.EqualTo(94.444).Within(0.001), "Two 170 ms round trips a million times: 94.44 hours.");
        Assert.That(metrics.Failures, Is.EqualTo(10_000));
    }

    [Test]
    [Category("laws")]
    public void Sampled_failures_depend_only_on_the_seed_and_stay_near_the_expected_count()
    {
        var calculator = new CoordinationCalculator(5, 10);
        foreach (var seed in Seeds.Few)
        {
            Replay.Run(seed, () =>
            {
                var first = calculator.TwoPhaseCommit(10_000, 0.05, RandomOutcomes.Sampled(new Random(seed)));
                var again = calculator.TwoPhaseCommit(10_000, 0.05, RandomOutcomes.Sampled(new Random(seed)));

                Assert.That(again.Failures, Is.EqualTo(first.Failures), "The same seed must give the same failures.");
                // Binomial(10,000, 0.05): mean 500, standard deviation about 21.8; six deviations either side.
                Assert.That(first.Failures, Is.InRange(369, 631));
            });
        }
    }

    [Test]
    [Category("behaviour")]
    public void Raft_replicates_each_operation_in_one_round_trip_to_every_follower()
    {
        var metrics = new CoordinationCalculator(5, 1).Consensus(10, failureRate: 0);

        Assert.That(metrics.RoundTrips, Is.EqualTo(10), "A stable leader needs one round trip per entry.");
        Assert.That(metrics.Messages, Is.EqualTo(10 * 2 * 4), "The entry to each of 4 followers, an ack from each.");
        Assert.That(metrics.Bytes, Is.EqualTo(10 * 4 * (Data + Control)));
        Assert.That(metrics.TimeMs, Is.EqualTo(10));
    }

    [Test]
    [Category("behaviour")]
    public void Raft_sends_a_heartbeat_round_per_second_of_replication_without_adding_time()
    {
        var calculator = new CoordinationCalculator(5, 10);

        var withoutHeartbeats = calculator.Consensus(99, failureRate: 0);
        var withHeartbeats = calculator.Consensus(1_000, failureRate: 0);

        Assert.That(withoutHeartbeats.Messages, Is.EqualTo(99 * 8), "990 ms of replication is less than one heartbeat interval.");
        Assert.That(withHeartbeats.Messages - 1_000 * 8, Is.EqualTo(10 * 2 * 4), "10 s: ten rounds of 4 heartbeats and 4 replies.");
        Assert.That(withHeartbeats.Bytes - 1_000 * 4 * (Data + Control), Is.EqualTo(80 * Control));
        Assert.That(withHeartbeats.RoundTrips, Is.EqualTo(1_000));
        Assert.That(withHeartbeats.TimeMs, Is.EqualTo(10_000));
    }

    [Test]
    [Category("behaviour")]
    public void Each_raft_failure_costs_an_election()
    {
        var calculator = new CoordinationCalculator(5, 2);

        var stable = calculator.Consensus(100, failureRate: 0);
        var failing = calculator.Consensus(100, failureRate: 0.03);

        Assert.That(failing.Failures, Is.EqualTo(3));
        Assert.That(failing.TimeMs - stable.TimeMs, Is.EqualTo(3 * (150 + 2 * 2)).Within(1e-9), "Timeout + vote round trip + first heartbeat round trip.");
        Assert.That(failing.RoundTrips - stable.RoundTrips, Is.EqualTo(3 * 2));
        Assert.That(failing.Messages - stable.Messages, Is.EqualTo(3 * 4 * 4), "Vote requests, votes, heartbeats and replies to 4 peers.");
        Assert.That(failing.Bytes - stable.Bytes, Is.EqualTo(3 * 4 * 4 * Control));
    }

    [Test]
    [Category("behaviour")]
    public void Gossip_on_three_nodes_with_fanout_three_informs_everyone_in_one_round()
    {
        var result = new CoordinationCalculator(3, 1).Gossip(1, fanout: 3, maxRounds: 20);

        Assert.That(result.RoundsPerUpdate, Is.EqualTo(1), "A fan-out of 3 is capped at the 2 other nodes, who all hear it at once.");
        Assert.That(result.InformedNodes, Is.EqualTo(3));
        Assert.That(result.Converged, Is.True);
        Assert.That(result.Metrics.Messages, Is.EqualTo(4), "2 pushes and 2 acks.");
    }

    [Test]
    [Category("behaviour")]
    public void Gossip_on_21_nodes_spreads_1_4_12_20_21_and_converges_in_four_rounds()
    {
        var result = new CoordinationCalculator(21, 100).Gossip(1, fanout: 3, maxRounds: 20);

        Assert.That(result.RoundsPerUpdate, Is.EqualTo(4), "Informed: 1 -> 4 -> 12 -> 20 -> 21; 20 is still below 99% of 21.");
        Assert.That(result.Converged, Is.True);
        Assert.That(result.Metrics.Messages, Is.EqualTo(2 * 3 * (1 + 4 + 12 + 20)), "Every informed node pushes to 3 peers each round; each push is acked.");
        Assert.That(result.Metrics.Bytes, Is.EqualTo(3 * (1 + 4 + 12 + 20) * (Data + Control)));
        Assert.That(result.Metrics.TimeMs, Is.EqualTo(400));
    }

    [Test]
    [Category("behaviour")]
    public void Gossip_stops_as_soon_as_exactly_99_percent_are_informed()
    {
        var result = new CoordinationCalculator(100, 1).Gossip(1, fanout: 1, maxRounds: 50);

        Assert.That(result.RoundsPerUpdate, Is.EqualTo(11),
            "Informed: 1 -> 2 -> 4 -> 8 -> 15 -> 27 -> 45 -> 65 -> 82 -> 92 -> 97 -> 99; 99 of 100 is not fewer than 99%, so no twelfth round.");
        Assert.That(result.InformedNodes, Is.EqualTo(99));
        Assert.That(result.Converged, Is.True);
    }

    [Test]
    [Category("behaviour")]
    public void Gossip_costs_scale_with_the_number_of_updates()
    {
        var calculator = new CoordinationCalculator(7, 10);

        var one = calculator.Gossip(1, 3, 20);
        var many = calculator.Gossip(1_000, 3, 20);

        Assert.That(one.RoundsPerUpdate, Is.EqualTo(2), "Informed: 1 -> 4 -> 7.");
        Assert.That(many.Metrics.Messages, Is.EqualTo(1_000 * one.Metrics.Messages));
        Assert.That(many.Metrics.RoundTrips, Is.EqualTo(1_000 * one.Metrics.RoundTrips));
        Assert.That(many.RoundsPerUpdate, Is.EqualTo(one.RoundsPerUpdate));
    }

    [Test]
    [Category("behaviour")]
    public void Gossip_that_runs_out_of_rounds_says_it_did_not_converge()
    {
        var result = new CoordinationCalculator(21, 100).Gossip(1, fanout: 3, maxRounds: 1);

        Assert.That(result.Converged, Is.False);
        Assert.That(result.RoundsPerUpdate, Is.EqualTo(1));
        Assert.That(result.InformedNodes, Is.EqualTo(4));
    }

    [Test]
    [Category("laws")]
    public void Gossip_never_exceeds_its_round_limit_or_the_cluster()
    {
        var cases = Gen.Choose(2, 200).Zip(Gen.Choose(1, 6)).Zip(Gen.Choose(1, 30)).ToArbitrary();

        Properties.Check(Prop.ForAll(cases, c =>
        {
            var ((nodes, fanout), maxRounds) = c;
            var result = new CoordinationCalculator(nodes, 1).Gossip(1, fanout, maxRounds);
            return result.RoundsPerUpdate >= 1
                && result.RoundsPerUpdate <= maxRounds
                && result.InformedNodes <= nodes
                && result.Converged == (result.InformedNodes >= 0.99 * nodes);
        }));
    }

    [TestCase(7)]
    [TestCase(21)]
    [Category("safety")]
    public void Quorums_of_two_on_a_large_cluster_are_refused_with_a_typed_error(int nodes)
    {
        var calculator = new CoordinationCalculator(nodes, 10);

        var error = Assert.Throws<InvalidQuorumException>(() => calculator.Quorum(100, 2, 2));

        Assert.That((error!.Nodes, error.ReadQuorum, error.WriteQuorum), Is.EqualTo((nodes, 2, 2)));
        Assert.That(error.Message, Does.Contain("R + W"));
    }

    [Test]
    [Category("safety")]
    public void R_plus_W_equal_to_N_is_still_refused()
    {
        Assert.Throws<InvalidQuorumException>(() => new CoordinationCalculator(4, 1).Quorum(1, 2, 2));
    }

    [TestCase(0, 3)]
    [TestCase(4, 1)]
    [TestCase(2, 5)]
    [TestCase(3, 0)]
    [Category("behaviour")]
    public void Quorums_outside_one_to_N_are_out_of_range(int readQuorum, int writeQuorum)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoordinationCalculator(3, 1).Quorum(1, readQuorum, writeQuorum));
    }

    [Test]
    [Category("behaviour")]
    public void Quorum_reads_and_writes_each_take_one_slowed_round_trip()
    {
        var metrics = new CoordinationCalculator(5, 10).Quorum(1_000, readQuorum: 2, writeQuorum: 4, readFraction: 0.8);

        Assert.That(metrics.RoundTrips, Is.EqualTo(1_000));
        Assert.That(metrics.TimeMs, Is.EqualTo(800 * 12 + 200 * 13).Within(1e-6), "800 reads at 1.2 RTT, 200 writes at 1.3 RTT.");
        Assert.That(metrics.Messages, Is.EqualTo(800 * 2 * 2 + 200 * 2 * 4), "Requests and replies to R (reads) or W (writes) replicas.");
        Assert.That(metrics.Bytes, Is.EqualTo(800 * 2 * (Control + Data) + 200 * 4 * (Data + Control)));
    }

    [Test]
    [Category("behaviour")]
    public void Without_coordination_only_local_work_costs_time()
    {
        var metrics = new CoordinationCalculator(21, 100).NoCoordination(1_000);

        Assert.That(metrics.TimeMs, Is.EqualTo(100).Within(1e-9), "0.1 ms per operation.");
        Assert.That((metrics.Messages, metrics.RoundTrips), Is.EqualTo((0L, 0L)));
    }

    [Test]
    [Category("behaviour")]
    public void Rejections_name_the_argument_that_is_out_of_range()
    {
        var calculator = new CoordinationCalculator(3, 1);

        Assert.Multiple(() =>
        {
            ExpectRejectionOf("transactions", () => calculator.TwoPhaseCommit(-1));
            ExpectRejectionOf("failureRate", () => calculator.TwoPhaseCommit(1, failureRate: 1.5));
            ExpectRejectionOf("operations", () => calculator.Consensus(-1));
            ExpectRejectionOf("failureRate", () => calculator.Consensus(1, failureRate: -0.1));
            ExpectRejectionOf("updates", () => calculator.Gossip(-1, fanout: 2, maxRounds: 5));
            ExpectRejectionOf("operations", () => calculator.Quorum(-1, 2, 2));
            ExpectRejectionOf("readFraction", () => calculator.Quorum(1, 2, 2, readFraction: 2));
            ExpectRejectionOf("operations", () => calculator.NoCoordination(-5));
        });
    }

    private static void ExpectRejectionOf(string parameter, Action call)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => call(), $"a bad {parameter} must be refused");
        Assert.That(error?.ParamName, Is.EqualTo(parameter),
            $"check {parameter} yourself, before any work: an error that a helper raises later names the helper's parameter, not {parameter}");
    }

    [TestCase(0.0, 0)]
    [TestCase(1.0, 10)]
    [Category("behaviour")]
    public void Failure_rates_of_exactly_zero_and_one_are_valid(double failureRate, long failures)
    {
        var calculator = new CoordinationCalculator(3, 1);

        Assert.That(calculator.TwoPhaseCommit(10, failureRate).Failures, Is.EqualTo(failures),
            "a probability may be 0 or 1 itself: check with < 0 and > 1");
        Assert.That(calculator.Consensus(10, failureRate).Failures, Is.EqualTo(failures));
    }

    [TestCase("two-phase commit", "abort")]
    [TestCase("raft", "need an election")]
    [Category("behaviour")]
    public void Failures_follow_the_given_outcomes(string protocol, string failing)
    {
        var calculator = new CoordinationCalculator(5, 10);
        foreach (var seed in Seeds.Few)
        {
            Replay.Run(seed, () =>
            {
                var failures = RandomOutcomes.Sampled(new Random(seed)).Count(10_000, 0.05);
                var outcomes = RandomOutcomes.Sampled(new Random(seed));

                var metrics = protocol == "raft"
                    ? calculator.Consensus(10_000, 0.05, outcomes)
                    : calculator.TwoPhaseCommit(10_000, 0.05, outcomes);

                Assert.That(metrics.Failures, Is.EqualTo(failures),
                    $"with these outcomes {failures} of the 10,000 operations {failing}: use the outcomes you are given, not the expected 500");
            });
        }
    }

    [Test]
    [Category("behaviour")]
    public void Quorum_reads_and_writes_follow_the_given_outcomes()
    {
        var calculator = new CoordinationCalculator(5, 10);
        foreach (var seed in Seeds.Few)
        {
            Replay.Run(seed, () =>
            {
                var reads = RandomOutcomes.Sampled(new Random(seed)).Count(1_000, 0.8);

                var metrics = calculator.Quorum(1_000, readQuorum: 2, writeQuorum: 4, readFraction: 0.8, RandomOutcomes.Sampled(new Random(seed)));

                Assert.That(metrics.Messages, Is.EqualTo(reads * 2 * 2 + (1_000 - reads) * 2 * 4),
                    $"with these outcomes {reads} of the 1,000 operations are reads: use the outcomes you are given, not the expected count");
            });
        }
    }

    [Test]
    [Category("behaviour")]
    public void Negative_counts_and_rates_outside_zero_to_one_are_rejected()
    {
        var calculator = new CoordinationCalculator(3, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.TwoPhaseCommit(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.TwoPhaseCommit(1, failureRate: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.Consensus(1, failureRate: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.Quorum(1, 2, 2, readFraction: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.Gossip(1, fanout: 0, maxRounds: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.Gossip(1, fanout: 2, maxRounds: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.NoCoordination(-5));
    }

    [Test]
    [Category("laws")]
    public void Two_phase_commit_sends_more_and_waits_longer_than_raft_on_any_cluster()
    {
        var cases = Gen.Choose(2, 50).Zip(Gen.Choose(1, 500)).ToArbitrary();

        Properties.Check(Prop.ForAll(cases, c =>
        {
            var (nodes, operations) = c;
            var calculator = new CoordinationCalculator(nodes, 1);
            var twoPhase = calculator.TwoPhaseCommit(operations, 0);
            var raft = calculator.Consensus(operations, 0);
            return twoPhase.Messages == 4L * (nodes - 1) * operations
                && twoPhase.Messages >= raft.Messages
                && twoPhase.RoundTrips == 2 * raft.RoundTrips;
        }));
    }
}
