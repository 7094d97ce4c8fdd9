namespace DistSys.Queueing;

/// <summary>
/// What queueing theory predicts for a queue with Poisson arrivals, exponential service times and
/// <see cref="Servers"/> identical servers sharing one queue (M/M/k; M/M/1 when there is one server).
/// Rates are per unit of time (the examples use seconds), and times come out in that same unit.
/// </summary>
/// <param name="ArrivalRate">λ: arrivals per unit of time.</param>
/// <param name="ServiceRate">μ: completions per unit of time of one busy server.</param>
/// <param name="Servers">k: how many servers work the queue.</param>
/// <param name="Utilization">ρ = λ ÷ (kμ): the fraction of time an average server is busy. 1 or more means unstable.</param>
/// <param name="Metrics">The steady-state metrics, or null when the queue is unstable (λ ≥ kμ): it then grows without bound.</param>
public sealed record QueueAnalysis(double ArrivalRate, double ServiceRate, int Servers, double Utilization, QueueMetrics? Metrics)
{
    /// <summary>True when λ &lt; kμ: the queue settles into a steady state and <see cref="Metrics"/> is set.</summary>
    public bool IsStable => Metrics is not null;

    /// <summary>The offered load a = λ ÷ μ in erlangs: how many servers the work would keep busy on its own.</summary>
    public double OfferedLoad => ArrivalRate / ServiceRate;

    /// <summary>kμ: the most completions per unit of time the servers can deliver.</summary>
    public double Capacity => Servers * ServiceRate;
}

/// <summary>Steady-state metrics of a stable queue. Times are in the unit of the rates.</summary>
/// <param name="ProbabilityEmpty">P0: the probability that nobody is in the system.</param>
/// <param name="ProbabilityOfWaiting">The probability that an arrival finds every server busy and has to queue (Erlang C; ρ for one server).</param>
/// <param name="MeanInSystem">L: mean number in the system (waiting or being served).</param>
/// <param name="MeanInQueue">Lq: mean number waiting for a server.</param>
/// <param name="MeanTimeInSystem">W: mean sojourn time, from arrival to completion (waiting plus service).</param>
/// <param name="MeanWaitInQueue">Wq: mean time spent waiting before service starts.</param>
/// <param name="WaitPercentile95">The 95th percentile of the waiting time in the queue (before service starts); 0 when at least 95% of arrivals do not wait.</param>
/// <param name="TimeInSystemPercentile95">The 95th percentile of the sojourn time (waiting plus service).</param>
public sealed record QueueMetrics(
    double ProbabilityEmpty,
    double ProbabilityOfWaiting,
    double MeanInSystem,
    double MeanInQueue,
    double MeanTimeInSystem,
    double MeanWaitInQueue,
    double WaitPercentile95,
    double TimeInSystemPercentile95);

/// <summary>Today's load on a pool of servers.</summary>
/// <param name="ArrivalRate">λ: requests per second arriving today.</param>
/// <param name="ServiceRate">μ: requests per second one server completes.</param>
/// <param name="Servers">Servers in the pool today.</param>
public sealed record ServerPool(double ArrivalRate, double ServiceRate, int Servers);

/// <summary>A what-if: the arrival rate multiplied by <see cref="GrowthFactor"/>.</summary>
public sealed record GrowthScenario(string Name, double GrowthFactor, string Timeline);

/// <summary>How the pool fares under one growth scenario, and what it would need.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="ArrivalRate">Today's arrival rate times the growth factor.</param>
/// <param name="WithCurrentServers">The queue with today's servers at the new rate (possibly unstable).</param>
/// <param name="MinimumServers">The fewest servers that keep the queue stable: the smallest k with kμ &gt; λ.</param>
/// <param name="RecommendedServers">The fewest servers that keep utilization at or below the target (never fewer than <see cref="MinimumServers"/>).</param>
/// <param name="WithRecommendedServers">The queue with the recommended servers.</param>
public sealed record GrowthPlan(
    GrowthScenario Scenario,
    double ArrivalRate,
    QueueAnalysis WithCurrentServers,
    int MinimumServers,
    int RecommendedServers,
    QueueAnalysis WithRecommendedServers)
{
    /// <summary>True when today's servers keep the queue stable at the new rate.</summary>
    public bool CurrentCapacityHolds => WithCurrentServers.IsStable;

    /// <summary>Servers to add to today's pool (negative when the recommended pool is smaller).</summary>
    public int AdditionalServers => RecommendedServers - WithCurrentServers.Servers;
}

/// <summary>The result of <see cref="CapacityPlanner.Plan"/>.</summary>
/// <param name="Today">The queue as it runs today.</param>
/// <param name="TargetUtilization">The utilization the recommendations aim at or below.</param>
/// <param name="Scenarios">One plan per growth scenario, in the order given.</param>
public sealed record CapacityPlan(QueueAnalysis Today, double TargetUtilization, IReadOnlyList<GrowthPlan> Scenarios);
