using System.Text;
using static System.FormattableString;

namespace DistSys.Latency;

/// <summary>
/// Prints the exercise's scenarios with your <see cref="SpeedOfLight"/> and <see cref="LatencyBudget"/>.
/// This code is given: the snapshot tests compare its output for your code with the reference's output.
/// </summary>
public static class LatencyReports
{
    /// <summary>The scenarios <see cref="Render"/> knows.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = ["speed-of-light", "checkout", "api-gateway"];

    /// <summary>The printed report for one of <see cref="Scenarios"/>.</summary>
    /// <exception cref="ArgumentException">The scenario is not one of <see cref="Scenarios"/>.</exception>
    public static string Render(string scenario) => scenario switch
    {
        "speed-of-light" => RenderLinks(),
        "checkout" => RenderBudget("E-commerce checkout", LatencyExamples.CheckoutToleranceMs, LatencyExamples.Checkout),
        "api-gateway" => RenderBudget("API gateway call", LatencyExamples.ApiGatewayToleranceMs, LatencyExamples.ApiGateway),
        _ => throw new ArgumentException(
            $"Unknown scenario '{scenario}'. Known scenarios: {string.Join(", ", Scenarios)}.", nameof(scenario)),
    };

    private static string RenderLinks()
    {
        var report = new StringBuilder();
        Title(report, "Speed-of-light latency");
        report.Append(Invariant($"{"link",-31} {"distance km",12} {"medium",-9} {"speed km/s",12} {"one-way ms",11} {"round trip ms",14} {"processing ms",14} {"total ms",10}\n"));
        NetworkLatency? longestFiber = null;
        foreach (var link in LatencyExamples.Links)
        {
            var latency = SpeedOfLight.Calculate(link.DistanceKm, link.Medium, link.ProcessingDelayMs);
            report.Append(Invariant(
                $"{link.Name,-31} {latency.DistanceKm,12:#,0.###} {latency.Medium,-9} {latency.EffectiveSpeedKmPerSecond,12:#,0.0} {latency.OneWayPropagationMs,11:0.000} {latency.RoundTripMs,14:0.000} {latency.ProcessingDelayMs,14:0.###} {latency.TotalMs,10:0.000}\n"));
            if (link.Medium == "fiber")
            {
                longestFiber = latency;
            }
        }

        if (longestFiber is not null)
        {
            report.Append(Invariant($"\nThe longest fiber link, step by step:\n"));
            report.Append(Invariant($"  distance:            {longestFiber.DistanceKm:#,0.###} km of {longestFiber.Medium}\n"));
            report.Append(Invariant($"  speed in medium:     {longestFiber.EffectiveSpeedKmPerSecond:#,0.000} km/s\n"));
            report.Append(Invariant($"  one-way propagation: {longestFiber.OneWayPropagationMs:0.000} ms\n"));
            report.Append(Invariant($"  round trip:          {longestFiber.RoundTripMs:0.000} ms\n"));
            report.Append(Invariant($"  + processing:        {longestFiber.ProcessingDelayMs:0.###} ms\n"));
            report.Append(Invariant($"  = total:             {longestFiber.TotalMs:0.000} ms\n"));
        }

        return report.ToString();
    }

    private static string RenderBudget(string title, double toleranceMs, IReadOnlyList<Operation> operations)
    {
        var analysis = LatencyBudget.Analyze(toleranceMs, operations);
        var report = new StringBuilder();
        Title(report, $"{title}: latency budget");
        report.Append(Invariant($"User tolerance:   {analysis.ToleranceMs:#,0.###} ms\n"));
        report.Append(Invariant($"Critical path:    {analysis.TotalLatencyMs:#,0.###} ms\n"));
        report.Append(Invariant($"Budget used:      {analysis.UtilizationPercent:0.0}%\n"));
        report.Append(Invariant($"Remaining budget: {analysis.RemainingMs:#,0.###} ms\n"));
        report.Append(analysis.WithinBudget ? "Within budget:    yes\n" : "Within budget:    NO, optimization required\n");
        report.Append(Invariant($"Pressure:         {Describe(analysis.Pressure)}\n"));

        report.Append("\nCritical path, group by group:\n");
        foreach (var step in analysis.CriticalPath)
        {
            var line = step.IsParallel
                ? $"parallel [{string.Join(", ", step.Operations.Select(Show))}] -> waits for {Show(step.Slowest)}"
                : Show(step.Slowest);
            report.Append(Invariant($"  group {step.Group}: {line}\n"));
        }

        report.Append(Invariant($"\nSlowest operations: {string.Join(", ", analysis.SlowestOperations.Select(Show))}\n"));
        report.Append("Advice:\n");
        if (analysis.Advice.Count == 0)
        {
            report.Append("  (no operation is slower than 50 ms)\n");
        }

        foreach (var advice in analysis.Advice)
        {
            report.Append(Invariant($"  - {Show(advice.Operation)}: {Describe(advice.Suggestion)}\n"));
        }

        return report.ToString();
    }

    private static string Show(Operation operation) => Invariant($"{operation.Name} ({operation.LatencyMs:#,0.###} ms)");

    private static string Describe(BudgetPressure pressure) => pressure switch
    {
        BudgetPressure.Critical => "CRITICAL - the request is slower than the user tolerates; optimize now",
        BudgetPressure.High => "HIGH - close to the limit; speed up the slowest operations",
        BudgetPressure.Medium => "MEDIUM - within budget, but optimizations would help the user experience",
        BudgetPressure.Low => "LOW - comfortably within budget",
        _ => pressure.ToString(),
    };

    private static string Describe(Optimization optimization) => optimization switch
    {
        Optimization.CacheOrMakeAsynchronous => "cache the result or move the work off the request path",
        Optimization.PoolConnectionsOrCompress => "reuse pooled connections or compress the payload",
        _ => optimization.ToString(),
    };

    private static void Title(StringBuilder report, string title) =>
        report.Append(title).Append('\n').Append('=', title.Length).Append('\n');
}
