using DistSys.Testing;
using FsCheck.Fluent;

namespace DistSys.Queueing.Tests;

public class CapacityPlannerTests
{
    private static CapacityPlan WebPlan => CapacityPlanner.Plan(QueueingExamples.WebServers, QueueingExamples.WebGrowth);

    [Test]
    [Category("behaviour")]
    public void Today_the_web_tier_is_analyzed_as_it_runs()
    {
        Assert.That(WebPlan.Today.Servers, Is.EqualTo(3));
        Assert.That(WebPlan.Today.ArrivalRate, Is.EqualTo(100));
        Assert.That(WebPlan.Today.Metrics!.ProbabilityOfWaiting, Is.EqualTo(4.0 / 9).Within(1e-12));
        Assert.That(WebPlan.TargetUtilization, Is.EqualTo(0.8));
    }

    [TestCase("Holiday peak", 500.0, 11, 13)]
    [TestCase("Viral growth", 1000.0, 21, 25)]
    [TestCase("Steady growth", 200.0, 5, 5)]
    [TestCase("Normal growth", 150.0, 4, 4)]
    [Category("behaviour")]
    public void Each_growth_scenario_gets_its_minimum_and_recommended_servers(string name, double arrivalRate, int minimum, int recommended)
    {
        var plan = WebPlan.Scenarios.Single(s => s.Scenario.Name == name);

        Assert.That(plan.ArrivalRate, Is.EqualTo(arrivalRate).Within(1e-9));
        Assert.That(plan.MinimumServers, Is.EqualTo(minimum), "The smallest k with k * 50 req/s > the new rate.");
        Assert.That(plan.RecommendedServers, Is.EqualTo(recommended), "The smallest k with utilization <= 80%.");
        Assert.That(plan.AdditionalServers, Is.EqualTo(recommended - 3));
        Assert.That(plan.WithRecommendedServers.Servers, Is.EqualTo(recommended));
        Assert.That(plan.WithRecommendedServers.IsStable, Is.True);
    }

    [Test]
    [Category("behaviour")]
    public void Every_web_growth_scenario_overloads_todays_three_servers()
    {
        Assert.That(WebPlan.Scenarios.Select(s => s.CurrentCapacityHolds), Is.All.False,
            "Even 1.5x growth means 150 req/s on 150 req/s of capacity: utilization 100%, which is unstable.");
        Assert.That(WebPlan.Scenarios.Select(s => s.WithCurrentServers.Servers), Is.All.EqualTo(3));
    }

    [Test]
    [Category("behaviour")]
    public void Scenarios_keep_their_order()
    {
        Assert.That(WebPlan.Scenarios.Select(s => s.Scenario), Is.EqualTo(QueueingExamples.WebGrowth));
    }

    [Test]
    [Category("behaviour")]
    public void Exactly_the_target_utilization_is_on_target()
    {
        var viral = WebPlan.Scenarios.Single(s => s.Scenario.Name == "Viral growth");

        Assert.That(viral.WithRecommendedServers.Utilization, Is.EqualTo(0.8).Within(1e-12),
            "1000 req/s on 25 x 50 req/s is exactly 80%, so 25 servers suffice; 26 would be one too many.");
    }

    [Test]
    [Category("behaviour")]
    public void When_load_shrinks_the_minimum_may_be_below_todays_pool()
    {
        var plan = CapacityPlanner.Plan(new ServerPool(100, 50, 3), [new GrowthScenario("Quiet season", 0.5, "summer")]);
        var quiet = plan.Scenarios.Single();

        Assert.That(quiet.CurrentCapacityHolds, Is.True);
        Assert.That(quiet.MinimumServers, Is.EqualTo(2), "50 req/s needs k * 50 > 50: two servers, not today's three.");
        Assert.That(quiet.RecommendedServers, Is.EqualTo(2));
        Assert.That(quiet.AdditionalServers, Is.EqualTo(-1));
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(1.2)]
    [TestCase(double.NaN)]
    [Category("behaviour")]
    public void A_target_utilization_outside_zero_to_one_is_rejected(double target)
    {
        Assert.That(() => CapacityPlanner.Plan(QueueingExamples.WebServers, QueueingExamples.WebGrowth, target),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("targetUtilization"),
            "Check the target before planning: with a target of 0 no number of servers is ever on target.");
    }

    [TestCase(0.0)]
    [TestCase(-0.0)]
    [TestCase(-2.0)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NaN)]
    [Category("behaviour")]
    public void A_growth_factor_that_is_not_positive_and_finite_is_rejected_under_the_scenarios_name(double factor)
    {
        Assert.That(() => CapacityPlanner.Plan(QueueingExamples.WebServers, [new GrowthScenario("Odd", factor, "never")]),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("scenarios"),
            "Refuse the factor itself; the queue analysis would otherwise reject the new rate under the name arrivalRate, " +
            "which is not a parameter of Plan.");
    }

    [Test]
    [Category("behaviour")]
    public void A_missing_pool_or_scenario_list_is_rejected_under_its_own_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => CapacityPlanner.Plan(null!, QueueingExamples.WebGrowth),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("today"));
            Assert.That(() => CapacityPlanner.Plan(QueueingExamples.WebServers, null!),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("scenarios"));
        });
    }

    [Test]
    [Category("laws")]
    public void The_recommendation_is_the_fewest_servers_at_or_below_the_target()
    {
        var cases = Gen.Choose(1, 2_000).Zip(Gen.Choose(50, 95)).ToArbitrary();

        Properties.Check(Prop.ForAll(cases, c =>
        {
            var (growthPercent, targetPercent) = c;
            var target = targetPercent / 100.0;
            var plan = CapacityPlanner.Plan(new ServerPool(100, 30, 4), [new GrowthScenario("g", growthPercent / 100.0, "t")], target).Scenarios.Single();
            var k = plan.RecommendedServers;
            return plan.WithRecommendedServers.Utilization <= target + 1e-9
                && (k == plan.MinimumServers || plan.ArrivalRate / ((k - 1) * 30.0) > target)
                && plan.MinimumServers * 30.0 > plan.ArrivalRate
                && (plan.MinimumServers - 1) * 30.0 <= plan.ArrivalRate;
        }));
    }
}
