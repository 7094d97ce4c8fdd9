namespace DistSys.Queueing;

public static class MMkQueue
{
    public static QueueAnalysis Analyze(double arrivalRate, double serviceRate, int servers)
    {
        Require.Rate(arrivalRate, nameof(arrivalRate));
        Require.Rate(serviceRate, nameof(serviceRate));
        Require.Servers(servers);
        var load = arrivalRate / serviceRate;
        var rho = load / servers;
        if (rho >= 1)
        {
            return new QueueAnalysis(arrivalRate, serviceRate, servers, rho, null);
        }

        var waitProbability = ErlangFormulas.ErlangC(load, servers);
        var drainRate = servers * serviceRate - arrivalRate;
        var meanWait = waitProbability / drainRate;
        var meanTimeInSystem = meanWait + 1 / serviceRate;
        var metrics = new QueueMetrics(
            ProbabilityEmpty: ProbabilityEmpty(load, servers, rho),
            ProbabilityOfWaiting: waitProbability,
            MeanInSystem: arrivalRate * meanTimeInSystem,
            MeanInQueue: waitProbability * rho / (1 - rho),
            MeanTimeInSystem: meanTimeInSystem,
            MeanWaitInQueue: meanWait,
            WaitPercentile95: waitProbability > Percentiles.Tail ? Math.Log(waitProbability / Percentiles.Tail) / drainRate : 0,
            TimeInSystemPercentile95: Percentiles.TimeInSystem(waitProbability, serviceRate, drainRate));
        return new QueueAnalysis(arrivalRate, serviceRate, servers, rho, metrics);
    }

    // P0 = 1 / (sum_{n<k} a^n/n! + a^k/k! / (1 - rho)). The terms are kept as logarithms and scaled by the largest
    // one before exponentiating, so a^n and n! never overflow however many servers there are.
    private static double ProbabilityEmpty(double load, int servers, double rho)
    {
        var logTerms = new double[servers + 1];
        for (var n = 1; n <= servers; n++)
        {
            logTerms[n] = logTerms[n - 1] + Math.Log(load) - Math.Log(n);
        }

        logTerms[servers] -= Math.Log(1 - rho);
        var largest = logTerms.Max();
        var scaledSum = logTerms.Sum(term => Math.Exp(term - largest));
        return Math.Exp(-largest - Math.Log(scaledSum));
    }
}
