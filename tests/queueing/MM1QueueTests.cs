namespace DistSys.Queueing.Tests;

public class MM1QueueTests
{
    // rho = 0.8: eight arrivals per second, ten completions per second.
    private static QueueAnalysis Busy => MM1Queue.Analyze(8, 10);

    [Test]
    [Category("behaviour")]
    public void At_80_percent_utilization_3_2_requests_wait_on_average()
    {
        Assert.That(Busy.Utilization, Is.EqualTo(0.8).Within(1e-12));
        Assert.That(Busy.Metrics!.MeanInQueue, Is.EqualTo(3.2).Within(1e-9), "Lq = rho^2 / (1 - rho) = 0.64 / 0.2.");
        Assert.That(Busy.Metrics.MeanInSystem, Is.EqualTo(4).Within(1e-9), "L = rho / (1 - rho).");
    }

    [Test]
    [Category("behaviour")]
    public void At_80_percent_utilization_a_request_spends_five_service_times_in_the_system()
    {
        var serviceTime = 1.0 / 10;

        Assert.That(Busy.Metrics!.MeanTimeInSystem, Is.EqualTo(5 * serviceTime).Within(1e-12), "W = 1 / (mu - lambda) = 0.5 s.");
        Assert.That(Busy.Metrics.MeanWaitInQueue, Is.EqualTo(4 * serviceTime).Within(1e-12), "Wq = W - 1/mu = 0.4 s.");
    }

    [Test]
    [Category("behaviour")]
    public void The_server_is_idle_with_probability_one_minus_rho_and_an_arrival_waits_with_probability_rho()
    {
        Assert.That(Busy.Metrics!.ProbabilityEmpty, Is.EqualTo(0.2).Within(1e-12));
        Assert.That(Busy.Metrics.ProbabilityOfWaiting, Is.EqualTo(0.8).Within(1e-12));
        Assert.That(Busy.Servers, Is.EqualTo(1));
        Assert.That(Busy.IsStable, Is.True);
    }

    [Test]
    [Category("behaviour")]
    public void The_95th_percentile_of_time_in_system_is_ln20_over_mu_minus_lambda()
    {
        Assert.That(Busy.Metrics!.TimeInSystemPercentile95, Is.EqualTo(Math.Log(20) / 2).Within(1e-9),
            "The sojourn time of M/M/1 is exponential with rate mu - lambda = 2/s: P(T > t) = e^(-2t) = 0.05.");
    }

    [Test]
    [Category("behaviour")]
    public void The_95th_percentile_of_waiting_time_excludes_service_and_counts_those_who_never_wait()
    {
        Assert.That(Busy.Metrics!.WaitPercentile95, Is.EqualTo(Math.Log(0.8 / 0.05) / 2).Within(1e-9),
            "P(Wq > t) = rho * e^(-(mu - lambda) t) = 0.05. The seed printed the sojourn percentile under this name.");
        Assert.That(Busy.Metrics.WaitPercentile95, Is.LessThan(Busy.Metrics.TimeInSystemPercentile95));
    }

    [Test]
    [Category("behaviour")]
    public void Under_light_load_95_percent_of_arrivals_do_not_wait_at_all()
    {
        var light = MM1Queue.Analyze(0.4, 10);

        Assert.That(light.Metrics!.WaitPercentile95, Is.Zero, "rho = 0.04: 96% of arrivals find the server idle.");
    }

    [TestCase(10.0, 10.0, 1.0)]
    [TestCase(15.0, 10.0, 1.5)]
    [Category("behaviour")]
    public void An_overloaded_queue_is_reported_as_unstable_with_its_utilization(double arrivalRate, double serviceRate, double utilization)
    {
        var analysis = MM1Queue.Analyze(arrivalRate, serviceRate);

        Assert.That(analysis.IsStable, Is.False, "lambda >= mu: the queue grows without bound.");
        Assert.That(analysis.Metrics, Is.Null);
        Assert.That(analysis.Utilization, Is.EqualTo(utilization).Within(1e-12));
    }

    [TestCase(0.0, 10.0)]
    [TestCase(-1.0, 10.0)]
    [TestCase(5.0, 0.0)]
    [TestCase(5.0, double.NaN)]
    [TestCase(double.PositiveInfinity, 10.0)]
    [Category("behaviour")]
    public void Rates_that_are_not_positive_and_finite_are_rejected(double arrivalRate, double serviceRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MM1Queue.Analyze(arrivalRate, serviceRate));
    }
}
