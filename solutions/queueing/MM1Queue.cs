namespace DistSys.Queueing;

public static class MM1Queue
{
    public static QueueAnalysis Analyze(double arrivalRate, double serviceRate)
    {
        Require.Rate(arrivalRate, nameof(arrivalRate));
        Require.Rate(serviceRate, nameof(serviceRate));
        var rho = arrivalRate / serviceRate;
        if (rho >= 1)
        {
            return new QueueAnalysis(arrivalRate, serviceRate, 1, rho, null);
        }

        var drainRate = serviceRate - arrivalRate;
        var metrics = new QueueMetrics(
            ProbabilityEmpty: 1 - rho,
            ProbabilityOfWaiting: rho,
            MeanInSystem: rho / (1 - rho),
            MeanInQueue: rho * rho / (1 - rho),
            MeanTimeInSystem: 1 / drainRate,
            MeanWaitInQueue: rho / drainRate,
            WaitPercentile95: rho > Percentiles.Tail ? Math.Log(rho / Percentiles.Tail) / drainRate : 0,
            TimeInSystemPercentile95: Math.Log(1 / Percentiles.Tail) / drainRate);
        return new QueueAnalysis(arrivalRate, serviceRate, 1, rho, metrics);
    }
}
