namespace DistSys.CoordinationCosts;

public sealed class CoordinationMetrics
{
    private const double BytesPerMb = 1024.0 * 1024;
    private const double BytesPerGb = 1024.0 * 1024 * 1024;

    public long Messages { get; private set; }

    public long Bytes { get; private set; }

    public long RoundTrips { get; private set; }

    public double TimeMs { get; private set; }

    public long Failures { get; private set; }

    public void AddMessages(long count, int sizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        Messages += count;
        Bytes += count * sizeBytes;
    }

    public void AddRoundTrips(long count, double rttMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Check.NonNegative(rttMs, nameof(rttMs));
        RoundTrips += count;
        TimeMs += count * rttMs;
    }

    public void AddWaitingTime(double ms)
    {
        Check.NonNegative(ms, nameof(ms));
        TimeMs += ms;
    }

    public void AddFailures(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Failures += count;
    }

    public double BandwidthCostUsd(double pricePerGb = CostModel.DefaultPricePerGb)
    {
        Check.NonNegative(pricePerGb, nameof(pricePerGb));
        return Bytes / BytesPerGb * pricePerGb;
    }

    public MetricsSummary Summary() =>
        new(Messages, Bytes / BytesPerMb, RoundTrips, TimeMs, Failures, BandwidthCostUsd());
}
