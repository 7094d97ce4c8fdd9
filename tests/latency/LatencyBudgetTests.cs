using DistSys.Testing;
using FsCheck.Fluent;

namespace DistSys.Latency.Tests;

public class LatencyBudgetTests
{
    [Test]
    [Category("behaviour")]
    public void Sequential_groups_add_up()
    {
        var analysis = LatencyBudget.Analyze(1_000, [new("A", 10, 1), new("B", 20, 2), new("C", 30, 3)]);

        Assert.That(analysis.TotalLatencyMs, Is.EqualTo(60), "Groups run one after another: 10 + 20 + 30 ms.");
        Assert.That(analysis.CriticalPath.Select(s => s.IsParallel), Is.All.False);
    }

    [Test]
    [Category("behaviour")]
    public void A_parallel_group_costs_only_its_slowest_operation_and_names_it()
    {
        var analysis = LatencyBudget.Analyze(1_000, [new("Fast", 10, 1), new("Slow", 70, 1), new("Medium", 40, 1)]);

        var step = analysis.CriticalPath.Single();
        Assert.That(analysis.TotalLatencyMs, Is.EqualTo(70), "Parallel operations overlap: the group takes as long as its slowest.");
        Assert.That(step.Slowest.Name, Is.EqualTo("Slow"));
        Assert.That(step.IsParallel, Is.True);
        Assert.That(step.Operations.Select(o => o.Name), Is.EqualTo(new[] { "Fast", "Slow", "Medium" }), "A step keeps its operations in input order.");
    }

    [Test]
    [Category("behaviour")]
    public void Groups_run_in_ascending_group_order_whatever_the_input_order()
    {
        var analysis = LatencyBudget.Analyze(1_000, [new("Third", 1, 30), new("First", 1, 10), new("Second", 1, 20)]);

        Assert.That(analysis.CriticalPath.Select(s => s.Group), Is.EqualTo(new[] { 10, 20, 30 }));
    }

    [Test]
    [Category("behaviour")]
    public void On_a_tie_the_first_of_the_slowest_operations_decides_the_group()
    {
        var analysis = LatencyBudget.Analyze(1_000, [new("Early", 50, 1), new("Late", 50, 1)]);

        Assert.That(analysis.CriticalPath.Single().Slowest.Name, Is.EqualTo("Early"));
    }

    [Test]
    [Category("behaviour")]
    public void The_checkout_example_takes_490_ms_of_its_2000_ms_budget()
    {
        var analysis = LatencyBudget.Analyze(LatencyExamples.CheckoutToleranceMs, LatencyExamples.Checkout);

        Assert.That(analysis.TotalLatencyMs, Is.EqualTo(490), "50 (auth) + 120 (payment) + 100 (order) + 200 (email) + 20 (response).");
        Assert.That(analysis.CriticalPath.Select(s => s.Slowest.Name), Is.EqualTo(new[]
        {
            "Auth validation", "Payment validation", "Order creation", "Email notification", "Response generation",
        }));
        Assert.That(analysis.UtilizationPercent, Is.EqualTo(24.5).Within(1e-9));
        Assert.That(analysis.RemainingMs, Is.EqualTo(1_510));
        Assert.That(analysis.WithinBudget, Is.True);
        Assert.That(analysis.Pressure, Is.EqualTo(BudgetPressure.Low));
        Assert.That(analysis.ToleranceMs, Is.EqualTo(2_000));
    }

    [Test]
    [Category("behaviour")]
    public void Over_budget_the_remaining_budget_is_negative()
    {
        var analysis = LatencyBudget.Analyze(100, [new("Slow", 150, 1)]);

        Assert.That(analysis.WithinBudget, Is.False);
        Assert.That(analysis.RemainingMs, Is.EqualTo(-50));
        Assert.That(analysis.UtilizationPercent, Is.EqualTo(150).Within(1e-9));
    }

    [Test]
    [Category("behaviour")]
    public void Exactly_at_the_tolerance_is_still_within_budget()
    {
        var analysis = LatencyBudget.Analyze(100, [new("Exact", 100, 1)]);

        Assert.That(analysis.WithinBudget, Is.True, "Total <= tolerance is within budget.");
        Assert.That(analysis.Pressure, Is.EqualTo(BudgetPressure.High), "100% is not above 100%, so the pressure is High, not Critical.");
    }

    [TestCase(60.0, BudgetPressure.Low)]
    [TestCase(60.5, BudgetPressure.Medium)]
    [TestCase(80.0, BudgetPressure.Medium)]
    [TestCase(80.5, BudgetPressure.High)]
    [TestCase(100.0, BudgetPressure.High)]
    [TestCase(100.5, BudgetPressure.Critical)]
    [Category("behaviour")]
    public void Pressure_thresholds_are_strictly_above_60_80_and_100_percent(double latencyMs, BudgetPressure expected)
    {
        var analysis = LatencyBudget.Analyze(100, [new("Only", latencyMs, 1)]);

        Assert.That(analysis.Pressure, Is.EqualTo(expected), $"{latencyMs}% of the budget.");
    }

    [Test]
    [Category("behaviour")]
    public void The_slowest_three_operations_come_slowest_first_with_ties_in_input_order()
    {
        var analysis = LatencyBudget.Analyze(1_000, [new("A", 10, 1), new("B", 30, 2), new("C", 20, 3), new("D", 30, 4), new("E", 5, 4)]);

        Assert.That(analysis.SlowestOperations.Select(o => o.Name), Is.EqualTo(new[] { "B", "D", "C" }));
    }

    [Test]
    [Category("behaviour")]
    public void With_fewer_than_three_operations_all_of_them_are_the_slowest()
    {
        var analysis = LatencyBudget.Analyze(1_000, [new("A", 10, 1), new("B", 30, 2)]);

        Assert.That(analysis.SlowestOperations.Select(o => o.Name), Is.EqualTo(new[] { "B", "A" }));
    }

    [Test]
    [Category("behaviour")]
    public void Advice_covers_every_operation_above_50_ms_slowest_first()
    {
        var analysis = LatencyBudget.Analyze(1_000,
            [new("At50", 50, 1), new("At100", 100, 2), new("At101", 101, 3), new("At51", 51, 4), new("At10", 10, 5)]);

        Assert.That(analysis.Advice.Select(a => (a.Operation.Name, a.Suggestion)), Is.EqualTo(new[]
        {
            ("At101", Optimization.CacheOrMakeAsynchronous),
            ("At100", Optimization.PoolConnectionsOrCompress),
            ("At51", Optimization.PoolConnectionsOrCompress),
        }), "Above 100 ms: cache or go asynchronous; above 50 ms: pool or compress; 50 ms and below: no advice.");
    }

    [TestCase(0.0)]
    [TestCase(-10.0)]
    [TestCase(double.NaN)]
    [Category("behaviour")]
    public void A_tolerance_that_is_not_positive_is_rejected(double toleranceMs)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyBudget.Analyze(toleranceMs, [new("A", 1, 1)]));
    }

    [Test]
    [Category("behaviour")]
    public void A_negative_latency_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyBudget.Analyze(100, [new("Time travel", -1, 1)]));
    }

    [Test]
    [Category("behaviour")]
    public void An_empty_request_or_a_nameless_operation_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LatencyBudget.Analyze(100, []));
        Assert.Throws<ArgumentException>(() => LatencyBudget.Analyze(100, [new(" ", 1, 1)]));
    }

    [Test]
    [Category("behaviour")]
    public void A_missing_list_of_operations_is_rejected_by_name()
    {
        var error = Assert.Throws<ArgumentNullException>(() => LatencyBudget.Analyze(100, null!));

        Assert.That(error!.ParamName, Is.EqualTo("operations"), "Name the argument that is missing, not a NullReferenceException from inside.");
    }

    [Test]
    [Category("laws")]
    public void The_critical_path_is_at_least_every_operation_and_at_most_their_sum()
    {
        var operation = Gen.Choose(0, 500).Zip(Gen.Choose(1, 4)).Select(t => new Operation("op", t.Item1, t.Item2));
        var requests = Gen.NonEmptyListOf(operation).Select(list => list.ToArray()).ToArbitrary();

        Properties.Check(Prop.ForAll(requests, operations =>
        {
            var analysis = LatencyBudget.Analyze(1_000, operations);
            return operations.All(o => analysis.TotalLatencyMs >= o.LatencyMs)
                && analysis.TotalLatencyMs <= operations.Sum(o => o.LatencyMs)
                && Math.Abs(analysis.UtilizationPercent - analysis.TotalLatencyMs / 10) < 1e-9;
        }));
    }
}
