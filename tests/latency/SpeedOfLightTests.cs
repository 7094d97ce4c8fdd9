using DistSys.Testing;
using FsCheck.Fluent;

namespace DistSys.Latency.Tests;

public class SpeedOfLightTests
{
    // New York to London: about 5,570 km of fiber.
    private const double NewYorkToLondonKm = 5_570;

    [Test]
    [Category("behaviour")]
    public void New_York_to_London_over_fiber_has_a_round_trip_of_55_46_ms()
    {
        var latency = SpeedOfLight.Calculate(NewYorkToLondonKm, "fiber");

        Assert.That(latency.RoundTripMs, Is.EqualTo(55.46).Within(0.01),
            "5,570 km at 0.67 c takes 27.73 ms one way, so the round trip (there and back) is 55.46 ms.");
    }

    [Test]
    [Category("behaviour")]
    public void One_way_propagation_is_half_the_round_trip_not_the_round_trip()
    {
        var latency = SpeedOfLight.Calculate(NewYorkToLondonKm, "fiber");

        Assert.That(latency.OneWayPropagationMs, Is.EqualTo(27.73).Within(0.01),
            "One-way propagation is distance / speed: 5,570 km / 200,861 km/s = 27.73 ms. 55.46 ms would be the round trip.");
    }

    [Test]
    [Category("behaviour")]
    public void Round_trip_is_exactly_twice_the_one_way_delay()
    {
        var latency = SpeedOfLight.Calculate(1_234, "copper");

        Assert.That(latency.RoundTripMs, Is.EqualTo(2 * latency.OneWayPropagationMs).Within(1e-12),
            "A round trip crosses the distance twice.");
    }

    [Test]
    [Category("behaviour")]
    public void Total_adds_the_processing_delay_once_to_the_round_trip()
    {
        var latency = SpeedOfLight.Calculate(NewYorkToLondonKm, "fiber", processingDelayMs: 10);

        Assert.That(latency.TotalMs, Is.EqualTo(latency.RoundTripMs + 10).Within(1e-9),
            "Total = round trip + processing delay (added once, not per direction).");
        Assert.That(latency.ProcessingDelayMs, Is.EqualTo(10));
    }

    [TestCase("fiber", 0.67)]
    [TestCase("copper", 0.59)]
    [TestCase("wireless", 1.0)]
    [Category("behaviour")]
    public void Each_medium_carries_light_at_its_fraction_of_c(string medium, double fraction)
    {
        var latency = SpeedOfLight.Calculate(100, medium);

        Assert.That(SpeedOfLight.SpeedFraction(medium), Is.EqualTo(fraction));
        Assert.That(latency.EffectiveSpeedKmPerSecond, Is.EqualTo(299_792.458 * fraction).Within(1e-6),
            $"Light in {medium} travels at {fraction} c (c = 299,792.458 km/s).");
        Assert.That(latency.Medium, Is.EqualTo(medium));
        Assert.That(latency.DistanceKm, Is.EqualTo(100));
    }

    [Test]
    [Category("behaviour")]
    public void Delays_are_in_milliseconds_not_seconds()
    {
        var latency = SpeedOfLight.Calculate(299_792.458, "wireless");

        Assert.That(latency.OneWayPropagationMs, Is.EqualTo(1_000).Within(1e-9),
            "One light-second of distance in vacuum is 1,000 ms one way.");
    }

    [Test]
    [Category("behaviour")]
    public void A_zero_distance_has_no_propagation_delay()
    {
        var latency = SpeedOfLight.Calculate(0, "fiber", processingDelayMs: 2);

        Assert.That(latency.RoundTripMs, Is.Zero);
        Assert.That(latency.TotalMs, Is.EqualTo(2));
    }

    [Test]
    [Category("behaviour")]
    public void An_unknown_medium_is_an_error_that_lists_the_valid_media()
    {
        var error = Assert.Throws<ArgumentException>(() => SpeedOfLight.Calculate(10, "carrier pigeon"));

        Assert.That(error!.Message, Does.Contain("carrier pigeon").And.Contain("fiber").And.Contain("copper").And.Contain("wireless"),
            "The message should name the bad medium and list fiber, copper and wireless.");
    }

    [TestCase(-1.0, 0.0)]
    [TestCase(double.NaN, 0.0)]
    [TestCase(double.PositiveInfinity, 0.0)]
    [TestCase(10.0, -5.0)]
    [Category("behaviour")]
    public void Negative_or_non_finite_inputs_are_rejected(double distanceKm, double processingMs)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpeedOfLight.Calculate(distanceKm, "fiber", processingMs));
    }

    [Test]
    [Category("laws")]
    public void Latency_grows_with_distance_and_round_trip_stays_twice_one_way()
    {
        var media = Gen.Elements("fiber", "copper", "wireless");
        var cases = Gen.Choose(0, 40_000).Two().Zip(media).ToArbitrary();

        Properties.Check(Prop.ForAll(cases, c =>
        {
            var ((a, b), medium) = c;
            var near = SpeedOfLight.Calculate(Math.Min(a, b), medium);
            var far = SpeedOfLight.Calculate(Math.Max(a, b), medium);
            return near.OneWayPropagationMs <= far.OneWayPropagationMs
                && Math.Abs(far.RoundTripMs - 2 * far.OneWayPropagationMs) < 1e-9;
        }));
    }
}
