namespace DistSys.CoordinationCosts;

/// <summary>Running totals of what coordination cost: messages, bytes, round trips, time and failures.</summary>
public sealed class CoordinationMetrics
{
    /// <summary>Messages sent so far.</summary>
    public long Messages { get; private set; }

    /// <summary>Bytes sent so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>Round trips waited for so far.</summary>
    public long RoundTrips { get; private set; }

    /// <summary>Time spent coordinating so far, in ms.</summary>
    public double TimeMs { get; private set; }

    /// <summary>Failures met so far.</summary>
    public long Failures { get; private set; }

    /// <summary>Records <paramref name="count"/> messages of <paramref name="sizeBytes"/> bytes each.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or size.</exception>
    public void AddMessages(long count, int sizeBytes) =>
        throw new NotImplementedException("Implement CoordinationMetrics.AddMessages: add count to Messages and count * sizeBytes to Bytes.");

    /// <summary>Records <paramref name="count"/> round trips of <paramref name="rttMs"/> each: round trips and time both grow.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or a negative or non-finite RTT.</exception>
    public void AddRoundTrips(long count, double rttMs) =>
        throw new NotImplementedException("Implement CoordinationMetrics.AddRoundTrips: add count to RoundTrips and count * rttMs to TimeMs.");

    /// <summary>Records time spent waiting without a round trip (an election timeout, local work).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite time.</exception>
    public void AddWaitingTime(double ms) =>
        throw new NotImplementedException("Implement CoordinationMetrics.AddWaitingTime: add ms to TimeMs.");

    /// <summary>Records <paramref name="count"/> failures.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count.</exception>
    public void AddFailures(long count) =>
        throw new NotImplementedException("Implement CoordinationMetrics.AddFailures: add count to Failures.");

    /// <summary>What the bytes sent cost: Bytes ÷ 1024³ × <paramref name="pricePerGb"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite price.</exception>
    public double BandwidthCostUsd(double pricePerGb = CostModel.DefaultPricePerGb) =>
        throw new NotImplementedException("Implement CoordinationMetrics.BandwidthCostUsd: Bytes / 1024^3 * pricePerGb.");

    /// <summary>The totals as a <see cref="MetricsSummary"/>: bandwidth in MB (Bytes ÷ 1024²), cost at the default price.</summary>
    public MetricsSummary Summary() =>
        throw new NotImplementedException("Implement CoordinationMetrics.Summary: messages, MB (Bytes / 1024^2), round trips, latency, failures and bandwidth cost.");
}
