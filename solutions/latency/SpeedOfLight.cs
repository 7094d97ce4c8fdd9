namespace DistSys.Latency;

public static class SpeedOfLight
{
    public const double VacuumKmPerSecond = 299_792.458;

    private static readonly (string Name, double Fraction)[] Media =
    [
        ("fiber", 0.67),
        ("copper", 0.59),
        ("wireless", 1.0),
    ];

    public static double SpeedFraction(string medium)
    {
        foreach (var (name, fraction) in Media)
        {
            if (name == medium)
            {
                return fraction;
            }
        }

        throw new ArgumentException(
            $"Unknown medium '{medium}'. Valid media: {string.Join(", ", Media.Select(m => m.Name))}.", nameof(medium));
    }

    public static NetworkLatency Calculate(double distanceKm, string medium = "fiber", double processingDelayMs = 0)
    {
        RequireNonNegative(distanceKm, nameof(distanceKm));
        RequireNonNegative(processingDelayMs, nameof(processingDelayMs));
        var speed = VacuumKmPerSecond * SpeedFraction(medium);
        var oneWayMs = distanceKm / speed * 1000;
        var roundTripMs = 2 * oneWayMs;
        return new NetworkLatency(distanceKm, medium, speed, oneWayMs, roundTripMs, processingDelayMs, roundTripMs + processingDelayMs);
    }

    internal static void RequireNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, zero or more.");
        }
    }
}
