using DistSys.Testing;
using FsCheck.Fluent;

namespace DistSys.StrategyDesigner.Tests;

public class CoordinationStrategyDesignerTests
{
    private static readonly Requirements Ledger = Scenario("financial-ledger");

    private static ProtocolProfile Protocol(string name) => ProtocolCatalog.All.Single(p => p.Name == name);

    private static Requirements Scenario(string id) => StrategyExamples.Scenarios.Single(s => s.Id == id).Requirements;

    [TestCase("strong", Consistency.Strong)]
    [TestCase("Causal", Consistency.Causal)]
    [TestCase("EVENTUAL", Consistency.Eventual)]
    [Category("behaviour")]
    public void Consistency_levels_are_read_in_any_letter_case(string text, Consistency expected)
    {
        Assert.That(CoordinationStrategyDesigner.ParseConsistency(text), Is.EqualTo(expected));
    }

    [TestCase("linearizable")]
    [TestCase("none")]
    [TestCase("")]
    [Category("behaviour")]
    public void An_unknown_consistency_level_is_an_error_that_lists_the_valid_ones(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => CoordinationStrategyDesigner.ParseConsistency(text));

        Assert.That(error!.Message, Does.Contain("strong").And.Contain("causal").And.Contain("eventual"));
    }

    [TestCase("no-coordination", Consistency.Eventual, false)]
    [TestCase("eventual-consistency", Consistency.Eventual, true)]
    [TestCase("eventual-consistency", Consistency.Causal, false)]
    [TestCase("causal-consistency", Consistency.Eventual, true)]
    [TestCase("causal-consistency", Consistency.Causal, true)]
    [TestCase("causal-consistency", Consistency.Strong, false)]
    [TestCase("paxos", Consistency.Eventual, true)]
    [TestCase("paxos", Consistency.Strong, true)]
    [Category("laws")]
    public void A_protocol_satisfies_its_own_consistency_and_every_weaker_one(string protocol, Consistency required, bool satisfies)
    {
        Assert.That(CoordinationStrategyDesigner.Satisfies(Protocol(protocol), required), Is.EqualTo(satisfies));
    }

    [Test]
    [Category("behaviour")]
    public void A_quorum_for_the_ledger_costs_bandwidth_compute_and_operations()
    {
        var estimate = CoordinationStrategyDesigner.Estimate(Protocol("quorum"), Ledger);

        Assert.That(estimate.LatencyMs, Is.EqualTo(16).Within(1e-9), "10 ms RTT x 1.0 + 2 ms x complexity 3.");
        // 0.6 messages x 5 nodes x 1,000 ops/s x 2,592,000 s = 7.776e9 KiB a month.
        Assert.That(estimate.Cost.BandwidthUsd, Is.EqualTo(7.776e9 / (1024 * 1024) * 0.02).Within(1e-6));
        Assert.That(estimate.Cost.ComputeUsd, Is.EqualTo(3 * 5 * 50));
        Assert.That(estimate.Cost.OperationsUsd, Is.EqualTo(3 * 100));
        Assert.That(estimate.Availability, Is.EqualTo(0.99), "Quorums tolerate failures: base availability.");
        Assert.That(estimate.Protocol.Name, Is.EqualTo("quorum"));
    }

    [TestCase("2pc")]
    [TestCase("chain-replication")]
    [Category("behaviour")]
    public void Protocols_that_need_every_node_are_only_as_available_as_all_nodes_together(string protocol)
    {
        var estimate = CoordinationStrategyDesigner.Estimate(Protocol(protocol), Ledger);

        Assert.That(estimate.Availability, Is.EqualTo(Math.Pow(0.999, 5)).Within(1e-12), "(1 - failure rate)^nodes.");
    }

    [Test]
    [Category("behaviour")]
    public void Strong_requirements_weigh_availability_double()
    {
        var estimate = new ProtocolEstimate(Protocol("paxos"), LatencyMs: 9, new MonthlyCost(0, 999, 0), Availability: 0.5);

        var score = CoordinationStrategyDesigner.Score(estimate, Ledger with { MonthlyBudgetUsd = 2_000 });

        Assert.That(score, Is.EqualTo(100 + 2 + 2 * 500).Within(1e-9), "1000/(9+1) + 2000/(999+1) + 2 x 1000 x 0.5.");
    }

    [Test]
    [Category("behaviour")]
    public void Weaker_requirements_weigh_latency_and_cost_double()
    {
        var estimate = new ProtocolEstimate(Protocol("quorum"), LatencyMs: 9, new MonthlyCost(0, 999, 0), Availability: 0.5);

        var score = CoordinationStrategyDesigner.Score(estimate, Ledger with { Consistency = Consistency.Causal, MonthlyBudgetUsd = 2_000 });

        Assert.That(score, Is.EqualTo(2 * 100 + 2 * 2 + 500).Within(1e-9));
    }

    [Test]
    [Category("behaviour")]
    public void The_ledger_gets_chain_replication_with_its_trade_offs_and_notes()
    {
        var strategy = CoordinationStrategyDesigner.Design(Ledger);

        Assert.That(strategy.Protocol.Name, Is.EqualTo("chain-replication"));
        Assert.That(strategy.WithinBudget, Is.True);
        Assert.That(strategy.TradeOffs, Is.EqualTo(new[] { TradeOff.ChainStallsUntilRepaired }));
        Assert.That(strategy.Notes, Is.EqualTo(new[] { ImplementationNote.WritesAtHeadReadsAtTail, ImplementationNote.ChainRepairByMaster }));
    }

    [Test]
    [Category("behaviour")]
    public void The_social_media_feed_cannot_afford_any_eventually_consistent_protocol_and_gets_an_honest_compromise()
    {
        var requirements = Scenario("social-media-feed");

        var strategy = CoordinationStrategyDesigner.Design(requirements);

        Assert.That(strategy.WithinBudget, Is.False);
        Assert.That(strategy.Protocol.Name, Is.EqualTo("eventual-consistency"), "The cheapest protocol that still converges.");
        Assert.That(strategy.Estimate.Cost.TotalUsd, Is.GreaterThan(requirements.MonthlyBudgetUsd), "A compromise reports its real cost, not the budget.");
        Assert.That(strategy.TradeOffs, Is.EqualTo(new[] { TradeOff.OverBudget, TradeOff.ShardToShrinkCoordinationGroups }));
        Assert.That(strategy.Notes, Is.EqualTo(new[]
        {
            ImplementationNote.RevisitRequirements, ImplementationNote.Caching, ImplementationNote.Batching,
            ImplementationNote.RegionalSharding, ImplementationNote.LocalCoordination,
        }), "A 1% failure rate is not above 1%: no health-check notes.");
    }

    [Test]
    [Category("behaviour")]
    public void A_strong_compromise_suggests_relaxing_consistency_or_raising_the_budget()
    {
        var strategy = CoordinationStrategyDesigner.Design(Ledger with { MonthlyBudgetUsd = 100 });

        Assert.That(strategy.WithinBudget, Is.False);
        Assert.That(strategy.TradeOffs, Is.EqualTo(new[] { TradeOff.OverBudget, TradeOff.RelaxConsistencyToSave, TradeOff.RaiseBudgetForStrongConsistency }));
        Assert.That(strategy.Protocol.Name, Is.EqualTo("quorum"), "The cheapest strongly consistent protocol for the ledger.");
    }

    [Test]
    [Category("behaviour")]
    public void Requirement_notes_follow_the_protocol_notes_in_a_fixed_order()
    {
        var demanding = new Requirements(Consistency.Strong, 20_000, 3, 60, 0.05, 1_000_000);

        var strategy = CoordinationStrategyDesigner.Design(demanding);

        Assert.That(strategy.Notes.TakeLast(6), Is.EqualTo(new[]
        {
            ImplementationNote.Caching, ImplementationNote.Batching,
            ImplementationNote.RegionalSharding, ImplementationNote.LocalCoordination,
            ImplementationNote.AggressiveHealthChecks, ImplementationNote.CircuitBreakers,
        }));
    }

    [Test]
    [Category("behaviour")]
    public void An_unbounded_budget_for_eventual_consistency_picks_eventual_consistency_not_no_coordination()
    {
        var strategy = CoordinationStrategyDesigner.Design(new Requirements(Consistency.Eventual, 10, 3, 10, 0, 1_000_000));

        Assert.That(strategy.Protocol.Name, Is.EqualTo("eventual-consistency"),
            "No coordination is cheaper still, but its replicas never converge: it does not give eventual consistency.");
        Assert.That(strategy.TradeOffs, Is.EqualTo(new[] { TradeOff.TemporaryInconsistency }));
        Assert.That(strategy.Notes, Is.EqualTo(new[] { ImplementationNote.VectorClocks, ImplementationNote.ConflictResolution }));
    }

    [TestCase(Consistency.None)]
    [TestCase((Consistency)42)]
    [Category("behaviour")]
    public void A_requirement_must_ask_for_eventual_causal_or_strong_consistency(Consistency consistency)
    {
        Assert.Throws<ArgumentException>(() => CoordinationStrategyDesigner.Design(Ledger with { Consistency = consistency }));
    }

    private static IEnumerable<TestCaseData> OutOfRange()
    {
        yield return new TestCaseData(Ledger with { Nodes = 0 }).SetArgDisplayNames("no nodes");
        yield return new TestCaseData(Ledger with { OperationsPerSecond = -1 }).SetArgDisplayNames("negative rate");
        yield return new TestCaseData(Ledger with { RttMs = double.NaN }).SetArgDisplayNames("NaN RTT");
        yield return new TestCaseData(Ledger with { FailureRate = 1.5 }).SetArgDisplayNames("failure rate above 1");
        yield return new TestCaseData(Ledger with { MonthlyBudgetUsd = -10 }).SetArgDisplayNames("negative budget");
    }

    [TestCaseSource(nameof(OutOfRange))]
    [Category("behaviour")]
    public void Out_of_range_numbers_are_rejected(Requirements requirements)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CoordinationStrategyDesigner.Design(requirements));
        Assert.Throws<ArgumentOutOfRangeException>(() => CoordinationStrategyDesigner.Estimate(Protocol("paxos"), requirements));
    }

    private static IEnumerable<TestCaseData> OnTheBoundary()
    {
        yield return new TestCaseData(Ledger with { OperationsPerSecond = 0 }).SetArgDisplayNames("no operations");
        yield return new TestCaseData(Ledger with { RttMs = 0 }).SetArgDisplayNames("zero RTT");
        yield return new TestCaseData(Ledger with { MonthlyBudgetUsd = 0 }).SetArgDisplayNames("zero budget");
        yield return new TestCaseData(Ledger with { Nodes = 1 }).SetArgDisplayNames("one node");
        yield return new TestCaseData(Ledger with { FailureRate = 0 }).SetArgDisplayNames("failure rate 0");
        yield return new TestCaseData(Ledger with { FailureRate = 1 }).SetArgDisplayNames("failure rate 1");
    }

    [TestCaseSource(nameof(OnTheBoundary))]
    [Category("behaviour")]
    public void Numbers_on_the_edge_of_the_valid_range_are_accepted(Requirements requirements)
    {
        Assert.DoesNotThrow(() => CoordinationStrategyDesigner.Design(requirements),
            "zero operations, RTT and budget, one node and failure rates of exactly 0 and 1 are valid requirements: check with < 0 and > 1, not <= and >=");
    }

    [Test]
    [Category("behaviour")]
    public void Null_arguments_are_rejected()
    {
        var estimate = CoordinationStrategyDesigner.Estimate(Protocol("quorum"), Ledger);
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => CoordinationStrategyDesigner.Satisfies(null!, Consistency.Strong), "Satisfies(null, ...)");
            Assert.Throws<ArgumentNullException>(() => CoordinationStrategyDesigner.Estimate(null!, Ledger), "Estimate(null, ...)");
            Assert.Throws<ArgumentNullException>(() => CoordinationStrategyDesigner.Estimate(Protocol("quorum"), null!), "Estimate(..., null)");
            Assert.Throws<ArgumentNullException>(() => CoordinationStrategyDesigner.Score(null!, Ledger), "Score(null, ...)");
            Assert.Throws<ArgumentNullException>(() => CoordinationStrategyDesigner.Score(estimate, null!), "Score(..., null)");
            Assert.Throws<ArgumentNullException>(() => CoordinationStrategyDesigner.Design(null!), "Design(null)");
        });
    }

    [Test]
    [Category("behaviour")]
    public void Score_checks_its_requirements_like_every_other_method()
    {
        var estimate = CoordinationStrategyDesigner.Estimate(Protocol("quorum"), Ledger);

        Assert.Throws<ArgumentException>(() => CoordinationStrategyDesigner.Score(estimate, Ledger with { Consistency = Consistency.None }),
            "a score for requirements that ask for no consistency at all means nothing: validate the requirements first");
    }

    [Test]
    [Category("behaviour")]
    public void A_protocol_that_costs_exactly_the_budget_is_within_it()
    {
        var cheapest = CoordinationStrategyDesigner.Estimate(Protocol("quorum"), Ledger);

        var strategy = CoordinationStrategyDesigner.Design(Ledger with { MonthlyBudgetUsd = cheapest.Cost.TotalUsd });

        Assert.That(strategy.WithinBudget, Is.True, "a total cost equal to the budget fits it (<=, not <)");
        Assert.That(strategy.Protocol.Name, Is.EqualTo("quorum"), "the only strongly consistent protocol that fits");
    }

    [Test]
    [Category("behaviour")]
    public void A_compromise_for_exactly_ten_nodes_does_not_suggest_sharding()
    {
        var strategy = CoordinationStrategyDesigner.Design(Ledger with { Nodes = 10, MonthlyBudgetUsd = 100 });

        Assert.That(strategy.TradeOffs, Is.EqualTo(new[] { TradeOff.OverBudget, TradeOff.RelaxConsistencyToSave, TradeOff.RaiseBudgetForStrongConsistency }),
            "sharding is suggested for more than 10 nodes; 10 is not more than 10");
    }

    [Test]
    [Category("behaviour")]
    public void Unreliable_nodes_make_a_quorum_beat_chain_replication_with_its_trade_offs_and_notes()
    {
        var strategy = CoordinationStrategyDesigner.Design(Ledger with { FailureRate = 0.05 });

        Assert.That(strategy.Protocol.Name, Is.EqualTo("quorum"),
            "with 5% of nodes down a chain of 5 is up 77% of the time, a quorum 99%; strong requirements weigh availability double");
        Assert.That(strategy.TradeOffs, Is.EqualTo(new[] { TradeOff.ReadWriteAvailabilityBalance }));
        Assert.That(strategy.Notes, Is.EqualTo(new[]
        {
            ImplementationNote.MajorityQuorums, ImplementationNote.ReadRepair,
            ImplementationNote.AggressiveHealthChecks, ImplementationNote.CircuitBreakers,
        }), "the quorum's own notes, then the notes for a failure rate above 1%");
    }

    [Test]
    [Category("behaviour")]
    public void A_small_causal_system_gets_causal_consistency_with_its_trade_off_and_note()
    {
        var strategy = CoordinationStrategyDesigner.Design(new Requirements(Consistency.Causal, 10, 3, 10, 0, 1_000));

        Assert.That(strategy.Protocol.Name, Is.EqualTo("causal-consistency"),
            "the fastest protocol that gives causal consistency, and affordable; strong protocols would do but cost latency");
        Assert.That(strategy.TradeOffs, Is.EqualTo(new[] { TradeOff.DependencyMetadataOverhead }));
        Assert.That(strategy.Notes, Is.EqualTo(new[] { ImplementationNote.TrackCausalDependencies }));
    }

    [Test]
    [Category("laws")]
    public void A_recommendation_fits_the_consistency_and_the_budget_and_a_compromise_means_nothing_did()
    {
        var levels = Gen.Elements(Consistency.Eventual, Consistency.Causal, Consistency.Strong);
        var cases = levels.Zip(Gen.Choose(0, 200_000)).Zip(Gen.Choose(1, 60).Zip(Gen.Choose(0, 300))).Zip(Gen.Choose(0, 50).Zip(Gen.Choose(0, 100_000))).ToArbitrary();

        Properties.Check(Prop.ForAll(cases, c =>
        {
            var (((level, rate), (nodes, rtt)), (failurePerMille, budget)) = c;
            var requirements = new Requirements(level, rate, nodes, rtt, failurePerMille / 1000.0, budget);
            var strategy = CoordinationStrategyDesigner.Design(requirements);
            var anyAffordable = ProtocolCatalog.All.Any(p =>
                CoordinationStrategyDesigner.Satisfies(p, level)
                && CoordinationStrategyDesigner.Estimate(p, requirements).Cost.TotalUsd <= budget);
            return CoordinationStrategyDesigner.Satisfies(strategy.Protocol, level)
                && strategy.WithinBudget == anyAffordable
                && (!strategy.WithinBudget || strategy.Estimate.Cost.TotalUsd <= budget);
        }));
    }
}
