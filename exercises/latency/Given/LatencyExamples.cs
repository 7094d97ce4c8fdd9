namespace DistSys.Latency;

/// <summary>A named link for the speed-of-light examples.</summary>
public sealed record LinkExample(string Name, double DistanceKm, string Medium, double ProcessingDelayMs);

/// <summary>The worked examples that the reports print.</summary>
public static class LatencyExamples
{
    /// <summary>Five links from a room to orbit.</summary>
    public static IReadOnlyList<LinkExample> Links { get; } =
    [
        new("Local Ethernet (100 m)", 0.1, "copper", 1),
        new("Across a city (50 km)", 50, "fiber", 5),
        new("Across a country (4,000 km)", 4_000, "fiber", 10),
        new("Between continents (12,000 km)", 12_000, "fiber", 15),
        // Up to a geostationary satellite (35,786 km) and down again: that is the one-way path.
        new("Geostationary satellite hop", 35_786 * 2, "wireless", 20),
    ];

    /// <summary>What a shopper tolerates for a checkout, in milliseconds.</summary>
    public const double CheckoutToleranceMs = 2_000;

    /// <summary>The steps of an e-commerce checkout.</summary>
    public static IReadOnlyList<Operation> Checkout { get; } =
    [
        new("Auth validation", 50, 1),
        new("Inventory check", 80, 2),
        new("Payment validation", 120, 2),
        new("Tax calculation", 30, 2),
        new("Order creation", 100, 3),
        new("Email notification", 200, 4),
        new("Inventory update", 60, 4),
        new("Analytics tracking", 40, 4),
        new("Response generation", 20, 5),
    ];

    /// <summary>What an API client tolerates for one call through the gateway, in milliseconds.</summary>
    public const double ApiGatewayToleranceMs = 500;

    /// <summary>The steps of one call through an API gateway.</summary>
    public static IReadOnlyList<Operation> ApiGateway { get; } =
    [
        new("TLS handshake", 30, 1),
        new("Auth check", 25, 2),
        new("Rate limiting", 5, 3),
        new("Route resolution", 10, 4),
        new("Load balancer", 15, 5),
        new("Backend service", 200, 6),
        new("Response processing", 20, 7),
        new("Logging", 30, 8),
        new("Metrics", 10, 8),
    ];
}
