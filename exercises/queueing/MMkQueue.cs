namespace DistSys.Queueing;

/// <summary>The multi-server queue M/M/k: k identical servers share one first-come-first-served queue.</summary>
public static class MMkQueue
{
    /// <summary>
    /// Analyzes an M/M/k queue with offered load a = λ/μ and utilization ρ = a/k. When ρ &lt; 1:
    /// <list type="bullet">
    /// <item>C = <see cref="ErlangFormulas.ErlangC"/>(a, k) is the probability of waiting;</item>
    /// <item>P0 = 1 / (Σ_{n&lt;k} aⁿ/n! + aᵏ/k! · 1/(1 − ρ)) — compute the terms in log space (or scaled) so that
    /// hundreds of servers neither overflow nor give NaN;</item>
    /// <item>Lq = C·ρ / (1 − ρ); Wq = C / (kμ − λ); W = Wq + 1/μ; L = λW (= Lq + a);</item>
    /// <item>the wait in queue is 0 with probability 1 − C and otherwise exponential with rate θ = kμ − λ, so its
    /// 95th percentile is ln(C / 0.05) / θ when C &gt; 0.05, and 0 otherwise;</item>
    /// <item>the time in system T is that wait plus an exponential service time (rate μ):
    /// P(T &gt; t) = (1 − C)·e^(−μt) + C·(θ·e^(−μt) − μ·e^(−θt)) / (θ − μ), or (1 − C)·e^(−μt) + C·(1 + μt)·e^(−μt)
    /// when θ = μ. Its 95th percentile is the t where P(T &gt; t) = 0.05: find it by bisection
    /// (to within 1e-12 relative).</item>
    /// </list>
    /// When λ ≥ kμ the queue is unstable: return an analysis with <see cref="QueueAnalysis.Metrics"/> null and the
    /// utilization λ/(kμ) — not an exception, not NaN. With one server the results equal <see cref="MM1Queue.Analyze"/>'s.
    /// </summary>
    /// <param name="arrivalRate">λ; positive and finite.</param>
    /// <param name="serviceRate">μ of one server; positive and finite.</param>
    /// <param name="servers">k; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate that is not positive and finite, or fewer than one server.</exception>
    public static QueueAnalysis Analyze(double arrivalRate, double serviceRate, int servers) =>
        throw new NotImplementedException("Implement MMkQueue.Analyze: utilization, Erlang C, P0, Lq, Wq, L, W and the 95th percentiles of wait and time in system; unstable when arrivalRate >= servers * serviceRate.");
}
