namespace DistSys.Queueing;

/// <summary>
/// Erlang's formulas for k servers offered a = λ/μ erlangs of Poisson traffic. Both must stay accurate for hundreds of
/// servers: a^k and k! overflow a double long before that, so never compute them directly.
/// </summary>
public static class ErlangFormulas
{
    /// <summary>
    /// Erlang B: the probability that an arrival finds all <paramref name="servers"/> busy when there is no queue
    /// (blocked arrivals are lost). Use the recurrence B(0) = 1, B(n) = a·B(n−1) / (n + a·B(n−1)), which never overflows.
    /// </summary>
    /// <param name="offeredLoad">a = λ/μ in erlangs; zero or more, finite.</param>
    /// <param name="servers">k; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite load, or fewer than one server.</exception>
    public static double ErlangB(double offeredLoad, int servers) =>
        throw new NotImplementedException("Implement ErlangFormulas.ErlangB with the recurrence B(0) = 1, B(n) = a*B(n-1) / (n + a*B(n-1)).");

    /// <summary>
    /// Erlang C: the probability that an arrival has to wait in an M/M/k queue (all servers busy).
    /// From Erlang B: C = k·B / (k − a·(1 − B)) when a &lt; k. When a ≥ k the queue is unstable and every arrival
    /// eventually waits: return 1.
    /// Examples: 2 erlangs on 3 servers gives exactly 4/9; 1 erlang on 2 servers gives 1/3.
    /// </summary>
    /// <param name="offeredLoad">a = λ/μ in erlangs; zero or more, finite.</param>
    /// <param name="servers">k; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite load, or fewer than one server.</exception>
    public static double ErlangC(double offeredLoad, int servers) =>
        throw new NotImplementedException("Implement ErlangFormulas.ErlangC from Erlang B: C = k*B / (k - a*(1 - B)), and 1 when a >= k.");
}
