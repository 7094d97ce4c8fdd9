namespace DistSys.Queueing;

/// <summary>The single-server queue M/M/1: Poisson arrivals at rate λ, exponential service at rate μ.</summary>
public static class MM1Queue
{
    /// <summary>
    /// Analyzes an M/M/1 queue. With ρ = λ/μ &lt; 1:
    /// <list type="bullet">
    /// <item>P0 = 1 − ρ; probability of waiting = ρ;</item>
    /// <item>L = ρ / (1 − ρ); Lq = ρ² / (1 − ρ);</item>
    /// <item>W = 1 / (μ − λ) (Little's law: L = λW); Wq = ρ / (μ − λ);</item>
    /// <item>the time in system is exponential with rate μ − λ, so its 95th percentile is ln(20) / (μ − λ);</item>
    /// <item>the wait in queue is 0 with probability 1 − ρ and otherwise exponential with rate μ − λ, so its 95th
    /// percentile is ln(ρ / 0.05) / (μ − λ) when ρ &gt; 0.05, and 0 otherwise.</item>
    /// </list>
    /// When λ ≥ μ the queue is unstable: return an analysis with <see cref="QueueAnalysis.Metrics"/> null and the
    /// utilization λ/μ — not an exception, not NaN. Example: ρ = 0.8 gives Lq = 3.2 and W = 5 service times (5/μ).
    /// </summary>
    /// <param name="arrivalRate">λ; positive and finite.</param>
    /// <param name="serviceRate">μ; positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate that is zero, negative, infinite or NaN.</exception>
    public static QueueAnalysis Analyze(double arrivalRate, double serviceRate) =>
        throw new NotImplementedException("Implement MM1Queue.Analyze: utilization, P0, probability of waiting, L, Lq, W, Wq and the 95th percentiles of wait and time in system; unstable when arrivalRate >= serviceRate.");
}
