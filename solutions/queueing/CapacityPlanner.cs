namespace DistSys.Queueing;

public static class CapacityPlanner
{
    // Lets exactly-on-target utilizations (1000 / (25 * 50) = 0.8) count as on target despite rounding.
    private const double RoundingAllowance = 1e-9;

    public static CapacityPlan Plan(ServerPool today, IReadOnlyList<GrowthScenario> scenarios, double targetUtilization = 0.8)
    {
        ArgumentNullException.ThrowIfNull(today);
        ArgumentNullException.ThrowIfNull(scenarios);
        if (!(targetUtilization > 0 && targetUtilization < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetUtilization), targetUtilization, "The target utilization must be above 0 and below 1.");
        }

        var now = MMkQueue.Analyze(today.ArrivalRate, today.ServiceRate, today.Servers);
        foreach (var scenario in scenarios)
        {
            if (!double.IsFinite(scenario.GrowthFactor) || scenario.GrowthFactor <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(scenarios), scenario.GrowthFactor, $"The growth factor of '{scenario.Name}' must be positive and finite.");
            }
        }

        var plans = scenarios.Select(scenario => PlanFor(today, scenario, targetUtilization)).ToList();
        return new CapacityPlan(now, targetUtilization, plans);
    }

    private static GrowthPlan PlanFor(ServerPool today, GrowthScenario scenario, double targetUtilization)
    {
        var arrivalRate = today.ArrivalRate * scenario.GrowthFactor;
        var minimum = (int)Math.Floor(arrivalRate / today.ServiceRate) + 1;
        var recommended = minimum;
        while (arrivalRate / (recommended * today.ServiceRate) > targetUtilization + RoundingAllowance)
        {
            recommended++;
        }

        return new GrowthPlan(
            scenario,
            arrivalRate,
            MMkQueue.Analyze(arrivalRate, today.ServiceRate, today.Servers),
            minimum,
            recommended,
            MMkQueue.Analyze(arrivalRate, today.ServiceRate, recommended));
    }
}
