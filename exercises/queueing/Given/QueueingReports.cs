using System.Text;
using static System.FormattableString;

namespace DistSys.Queueing;

/// <summary>
/// Prints the exercise's scenarios with your <see cref="MMkQueue"/> and <see cref="CapacityPlanner"/>.
/// This code is given: the snapshot tests compare its output for your code with the reference's output.
/// </summary>
public static class QueueingReports
{
    /// <summary>The scenarios <see cref="Render"/> knows.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = ["web-server", "connection-pool"];

    /// <summary>The printed report for one of <see cref="Scenarios"/>.</summary>
    /// <exception cref="ArgumentException">The scenario is not one of <see cref="Scenarios"/>.</exception>
    public static string Render(string scenario) => scenario switch
    {
        "web-server" => RenderWebServers(),
        "connection-pool" => RenderConnectionPool(),
        _ => throw new ArgumentException(
            $"Unknown scenario '{scenario}'. Known scenarios: {string.Join(", ", Scenarios)}.", nameof(scenario)),
    };

    private static string RenderWebServers()
    {
        var pool = QueueingExamples.WebServers;
        var plan = CapacityPlanner.Plan(pool, QueueingExamples.WebGrowth);
        var report = new StringBuilder();
        Title(report, "Web tier capacity planning (M/M/k)");
        report.Append(Invariant($"Today: {pool.ArrivalRate:#,0.##} req/s on {pool.Servers} servers of {pool.ServiceRate:#,0.##} req/s each\n"));
        AppendDetails(report, plan.Today, "  ");

        foreach (var growth in plan.Scenarios)
        {
            var scenario = growth.Scenario;
            report.Append(Invariant($"\n{scenario.Name}: {scenario.GrowthFactor:0.##}x growth ({scenario.Timeline}) -> {growth.ArrivalRate:#,0.##} req/s\n"));
            var current = growth.WithCurrentServers;
            report.Append(growth.CurrentCapacityHolds
                ? Invariant($"  today's {current.Servers} servers: hold, at {current.Utilization:0.0%} utilization\n")
                : Invariant($"  today's {current.Servers} servers: OVERLOADED ({current.Utilization:0.0%} utilization, the queue grows without bound)\n"));
            report.Append(Invariant($"  minimum for stability: {growth.MinimumServers} servers\n"));
            report.Append(Invariant($"  recommended at <= {plan.TargetUtilization:0%} utilization: {growth.RecommendedServers} servers ({growth.AdditionalServers:+0;-0;0} from today)\n"));
            AppendDetails(report, growth.WithRecommendedServers, "    ");
        }

        return report.ToString();
    }

    private static string RenderConnectionPool()
    {
        var serviceRate = 1 / QueueingExamples.MeanQuerySeconds;
        var report = new StringBuilder();
        Title(report, "Database connection pool sizing (M/M/k)");
        report.Append(Invariant($"{QueueingExamples.QueriesPerSecond:#,0} queries/s, {QueueingExamples.MeanQuerySeconds * 1000:0.#} ms per query, so {serviceRate:0.##} queries/s per connection\n\n"));
        report.Append(Invariant($"{"pool",4} {"utilization",12} {"P(wait)",8} {"mean wait",10} {"p95 wait",10} {"p95 total",10} {"queue len",10}\n"));
        foreach (var size in QueueingExamples.PoolSizes)
        {
            var queue = MMkQueue.Analyze(QueueingExamples.QueriesPerSecond, serviceRate, size);
            report.Append(queue.Metrics is { } m
                ? Invariant($"{size,4} {queue.Utilization,12:0.0%} {m.ProbabilityOfWaiting,8:0.0%} {Ms(m.MeanWaitInQueue),10} {Ms(m.WaitPercentile95),10} {Ms(m.TimeInSystemPercentile95),10} {m.MeanInQueue,10:0.00}\n")
                : Invariant($"{size,4} {queue.Utilization,12:0.0%} OVERLOADED: the queue grows without bound\n"));
        }

        report.Append("\np95 wait: 95% of queries start within this time; p95 total: 95% finish (wait + query) within it.\n");
        return report.ToString();
    }

    private static void AppendDetails(StringBuilder report, QueueAnalysis queue, string indent)
    {
        if (queue.Metrics is not { } m)
        {
            report.Append(Invariant($"{indent}unstable at {queue.Utilization:0.0%} utilization\n"));
            return;
        }

        report.Append(Invariant($"{indent}utilization {queue.Utilization:0.0%}, P(wait) {m.ProbabilityOfWaiting:0.0%}, mean queue {m.MeanInQueue:0.00}, mean in system {m.MeanInSystem:0.00}\n"));
        report.Append(Invariant($"{indent}wait in queue: mean {Ms(m.MeanWaitInQueue)}, p95 {Ms(m.WaitPercentile95)}\n"));
        report.Append(Invariant($"{indent}time in system: mean {Ms(m.MeanTimeInSystem)}, p95 {Ms(m.TimeInSystemPercentile95)}\n"));
    }

    private static string Ms(double seconds) => Invariant($"{seconds * 1000:0.00} ms");

    private static void Title(StringBuilder report, string title) =>
        report.Append(title).Append('\n').Append('=', title.Length).Append('\n');
}
