namespace DistSys.Queueing;

internal static class Percentiles
{
    /// <summary>The 95th percentile leaves 5% of arrivals above it.</summary>
    public const double Tail = 0.05;

    // P(T > t) for the time in system T = (wait in queue) + (service): the wait is 0 with probability 1 - C and
    // Exp(drainRate) otherwise; the service is Exp(serviceRate). The tail falls monotonically, so bisection finds
    // the t where it crosses 5%.
    public static double TimeInSystem(double waitProbability, double serviceRate, double drainRate)
    {
        double Tail(double t)
        {
            var serviceTail = Math.Exp(-serviceRate * t);
            var waitedTail = Math.Abs(drainRate - serviceRate) < 1e-12 * serviceRate
                ? (1 + serviceRate * t) * serviceTail
                : (drainRate * serviceTail - serviceRate * Math.Exp(-drainRate * t)) / (drainRate - serviceRate);
            return (1 - waitProbability) * serviceTail + waitProbability * waitedTail;
        }

        var low = 0.0;
        var high = 1 / Math.Min(serviceRate, drainRate);
        while (Tail(high) > Percentiles.Tail)
        {
            high *= 2;
        }

        while (high - low > 1e-12 * high)
        {
            var middle = (low + high) / 2;
            if (Tail(middle) > Percentiles.Tail)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }
}
