namespace DistSys.Latency;

/// <summary>
/// The lower bound that physics puts on network latency: no message travels faster than light in its medium.
/// </summary>
public static class SpeedOfLight
{
    /// <summary>Speed of light in vacuum, in km/s.</summary>
    public const double VacuumKmPerSecond = 299_792.458;

    /// <summary>
    /// The media <see cref="Calculate"/> accepts, with the speed of light in each as a fraction of
    /// <see cref="VacuumKmPerSecond"/>: <c>fiber</c> 0.67, <c>copper</c> 0.59, <c>wireless</c> 1.0 (air is close enough to vacuum).
    /// </summary>
    /// <param name="medium">The medium's name, lower case.</param>
    /// <returns>The fraction of c.</returns>
    /// <exception cref="ArgumentException">Unknown medium; the message lists the valid ones.</exception>
    public static double SpeedFraction(string medium) =>
        throw new NotImplementedException("Implement SpeedOfLight.SpeedFraction: fiber 0.67, copper 0.59, wireless 1.0; an unknown medium is an ArgumentException that lists the valid media.");

    /// <summary>
    /// Works out the best-case latency of a link.
    /// <list type="bullet">
    /// <item>effective speed = c × the medium's <see cref="SpeedFraction"/>;</item>
    /// <item>one-way propagation = distance ÷ effective speed, in milliseconds;</item>
    /// <item>round trip = twice the one-way propagation (a request and its reply);</item>
    /// <item>total = round trip + processing delay.</item>
    /// </list>
    /// Keep full precision: rounding is the report's job.
    /// </summary>
    /// <param name="distanceKm">One-way path length in km; zero or more.</param>
    /// <param name="medium"><c>fiber</c>, <c>copper</c> or <c>wireless</c>.</param>
    /// <param name="processingDelayMs">Delay in the endpoints, in ms; zero or more.</param>
    /// <exception cref="ArgumentException">Unknown medium (the message lists the valid ones).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative, infinite or NaN distance or delay.</exception>
    public static NetworkLatency Calculate(double distanceKm, string medium = "fiber", double processingDelayMs = 0) =>
        throw new NotImplementedException("Implement SpeedOfLight.Calculate: effective speed, one-way propagation, round trip (2 x one-way) and total (round trip + processing), in ms.");
}
