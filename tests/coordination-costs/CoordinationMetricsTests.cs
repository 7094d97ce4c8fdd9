namespace DistSys.CoordinationCosts.Tests;

public class CoordinationMetricsTests
{
    [Test]
    [Category("behaviour")]
    public void Adding_messages_counts_them_and_their_bytes()
    {
        var metrics = new CoordinationMetrics();

        metrics.AddMessages(3, 1024);
        metrics.AddMessages(2, 64);

        Assert.That(metrics.Messages, Is.EqualTo(5));
        Assert.That(metrics.Bytes, Is.EqualTo(3 * 1024 + 2 * 64));
        Assert.That(metrics.RoundTrips, Is.Zero, "Sending messages does not by itself mean waiting for a round trip.");
    }

    [Test]
    [Category("behaviour")]
    public void Adding_round_trips_counts_them_and_their_time()
    {
        var metrics = new CoordinationMetrics();

        metrics.AddRoundTrips(4, 2.5);

        Assert.That(metrics.RoundTrips, Is.EqualTo(4));
        Assert.That(metrics.TimeMs, Is.EqualTo(10).Within(1e-12));
        Assert.That(metrics.Messages, Is.Zero);
    }

    [Test]
    [Category("behaviour")]
    public void Waiting_time_adds_time_but_no_round_trip()
    {
        var metrics = new CoordinationMetrics();

        metrics.AddWaitingTime(150);

        Assert.That(metrics.TimeMs, Is.EqualTo(150));
        Assert.That(metrics.RoundTrips, Is.Zero);
    }

    [Test]
    [Category("behaviour")]
    public void Failures_add_up()
    {
        var metrics = new CoordinationMetrics();

        metrics.AddFailures(2);
        metrics.AddFailures(3);

        Assert.That(metrics.Failures, Is.EqualTo(5));
    }

    [Test]
    [Category("behaviour")]
    public void One_gigabyte_costs_two_cents_at_the_default_price()
    {
        var metrics = new CoordinationMetrics();
        metrics.AddMessages(1024 * 1024, 1024);

        Assert.That(metrics.BandwidthCostUsd(), Is.EqualTo(0.02).Within(1e-15), "1 GB = 1024^3 bytes at $0.02 per GB.");
        Assert.That(metrics.BandwidthCostUsd(0.09), Is.EqualTo(0.09).Within(1e-15));
    }

    [Test]
    [Category("report")]
    public void The_summary_reports_bandwidth_in_megabytes_and_cost_at_the_default_price()
    {
        var metrics = new CoordinationMetrics();
        metrics.AddMessages(2048, 1024);
        metrics.AddRoundTrips(3, 10);
        metrics.AddFailures(1);

        var summary = metrics.Summary();

        Assert.That(summary, Is.EqualTo(new MetricsSummary(2048, 2.0, 3, 30, 1, 2.0 / 1024 * 0.02)));
    }

    [Test]
    [Category("behaviour")]
    public void Negative_amounts_are_rejected()
    {
        var metrics = new CoordinationMetrics();

        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.AddMessages(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.AddRoundTrips(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.AddRoundTrips(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.AddWaitingTime(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.AddFailures(-2));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.BandwidthCostUsd(-0.01));
    }

    [Test]
    [Category("behaviour")]
    public void A_negative_message_size_is_rejected()
    {
        var metrics = new CoordinationMetrics();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => metrics.AddMessages(1, -10), "a message cannot have a negative size");

        Assert.That(error?.ParamName, Is.EqualTo("sizeBytes"));
        Assert.That(metrics.Bytes, Is.Zero, "a refused call must not count anything");
    }
}
