using DistSys.Testing;
using FsCheck.Fluent;

namespace DistSys.Queueing.Tests;

public class MMkQueueTests
{
    [Test]
    [Category("behaviour")]
    public void The_web_tier_today_matches_erlang_c_for_two_erlangs_on_three_servers()
    {
        var analysis = MMkQueue.Analyze(100, 50, 3);
        var metrics = analysis.Metrics!;

        Assert.That(analysis.Utilization, Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(metrics.ProbabilityOfWaiting, Is.EqualTo(4.0 / 9).Within(1e-12));
        Assert.That(metrics.ProbabilityEmpty, Is.EqualTo(1.0 / 9).Within(1e-12), "P0 = 1 / (1 + 2 + 2 + (8/6) * 3) = 1/9.");
        Assert.That(metrics.MeanInQueue, Is.EqualTo(8.0 / 9).Within(1e-12), "Lq = C * rho / (1 - rho).");
        Assert.That(metrics.MeanWaitInQueue, Is.EqualTo(4.0 / 9 / 50).Within(1e-12), "Wq = C / (k*mu - lambda).");
        Assert.That(metrics.MeanTimeInSystem, Is.EqualTo(4.0 / 9 / 50 + 1.0 / 50).Within(1e-12), "W = Wq + 1/mu.");
        Assert.That(metrics.MeanInSystem, Is.EqualTo(8.0 / 9 + 2).Within(1e-12), "L = Lq + a.");
    }

    [TestCase(0.5, 2.0)]
    [TestCase(8.0, 10.0)]
    [TestCase(9.99, 10.0)]
    [Category("behaviour")]
    public void With_one_server_it_agrees_with_mm1(double arrivalRate, double serviceRate)
    {
        var expected = MM1Queue.Analyze(arrivalRate, serviceRate).Metrics!;
        var actual = MMkQueue.Analyze(arrivalRate, serviceRate, 1).Metrics!;

        Assert.Multiple(() =>
        {
            Assert.That(actual.ProbabilityEmpty, Is.EqualTo(expected.ProbabilityEmpty).Within(1e-9), "P0");
            Assert.That(actual.ProbabilityOfWaiting, Is.EqualTo(expected.ProbabilityOfWaiting).Within(1e-9), "P(wait)");
            Assert.That(actual.MeanInQueue, Is.EqualTo(expected.MeanInQueue).Within(1e-9), "Lq");
            Assert.That(actual.MeanTimeInSystem, Is.EqualTo(expected.MeanTimeInSystem).Within(1e-9), "W");
            Assert.That(actual.WaitPercentile95, Is.EqualTo(expected.WaitPercentile95).Within(1e-9), "p95 wait");
            Assert.That(actual.TimeInSystemPercentile95, Is.EqualTo(expected.TimeInSystemPercentile95).Within(1e-9), "p95 time in system");
        });
    }

    [TestCase(10.0, 12, 3.587627974333844e-05)]
    [TestCase(400.0, 420, 1.7647009803672605e-174)]
    [Category("behaviour")]
    public void The_probability_of_an_empty_system_stays_finite_for_hundreds_of_servers(double erlangs, int servers, double exact)
    {
        var metrics = MMkQueue.Analyze(erlangs, 1, servers).Metrics!;

        Assert.That(metrics.ProbabilityEmpty, Is.EqualTo(exact).Within(1e-9).Percent,
            "P0 computed with a^n / n! directly overflows; keep the terms as logarithms or scale them.");
        Assert.That(double.IsFinite(metrics.MeanWaitInQueue), Is.True);
    }

    [TestCase(1.0, 200)]
    [TestCase(0.5, 1000)]
    [Category("behaviour")]
    public void A_lightly_loaded_pool_of_hundreds_of_servers_is_empty_with_the_poisson_probability(double erlangs, int servers)
    {
        var metrics = MMkQueue.Analyze(erlangs, 1, servers).Metrics!;

        Assert.That(metrics.ProbabilityEmpty, Is.EqualTo(Math.Exp(-erlangs)).Within(1e-9).Percent,
            "With far more servers than erlangs nobody queues and P0 = 1 / sum(a^n / n!) = e^-a. The last terms are tiny " +
            "(a^k / k! < e^-800): scale the terms by the largest one, not the smallest, or their sum overflows.");
    }

    [Test]
    [Category("behaviour")]
    public void The_95th_percentile_wait_leaves_exactly_5_percent_of_arrivals_waiting_longer()
    {
        var analysis = MMkQueue.Analyze(200, 20, 12);
        var metrics = analysis.Metrics!;
        var drainRate = 12 * 20 - 200;

        var waitingLonger = metrics.ProbabilityOfWaiting * Math.Exp(-drainRate * metrics.WaitPercentile95);

        Assert.That(waitingLonger, Is.EqualTo(0.05).Within(1e-9), "P(Wq > t) = C * e^(-(k*mu - lambda) t).");
    }

    [TestCase(200.0, 20.0, 12)]
    [TestCase(100.0, 50.0, 3)] // k*mu - lambda = mu: the limit form of the tail applies
    [TestCase(60.0, 50.0, 2)]
    [Category("behaviour")]
    public void The_95th_percentile_time_in_system_leaves_exactly_5_percent_of_arrivals_in_the_system_longer(double arrivalRate, double serviceRate, int servers)
    {
        var metrics = MMkQueue.Analyze(arrivalRate, serviceRate, servers).Metrics!;
        var t = metrics.TimeInSystemPercentile95;
        var c = metrics.ProbabilityOfWaiting;
        var theta = servers * serviceRate - arrivalRate;

        // Time in system = (0 with probability 1 - C, else Exp(theta)) + Exp(mu).
        var waitedAndStillThere = theta == serviceRate
            ? (1 + serviceRate * t) * Math.Exp(-serviceRate * t)
            : (theta * Math.Exp(-serviceRate * t) - serviceRate * Math.Exp(-theta * t)) / (theta - serviceRate);
        var stillThere = (1 - c) * Math.Exp(-serviceRate * t) + c * waitedAndStillThere;

        Assert.That(stillThere, Is.EqualTo(0.05).Within(1e-9));
    }

    [TestCase(200.0, 20.0, 10, 1.0)]
    [TestCase(200.0, 20.0, 5, 2.0)]
    [Category("behaviour")]
    public void Arrivals_at_or_beyond_capacity_make_the_queue_unstable(double arrivalRate, double serviceRate, int servers, double utilization)
    {
        var analysis = MMkQueue.Analyze(arrivalRate, serviceRate, servers);

        Assert.That(analysis.IsStable, Is.False);
        Assert.That(analysis.Metrics, Is.Null, "No steady state exists: no metrics, rather than NaN or infinity.");
        Assert.That(analysis.Utilization, Is.EqualTo(utilization).Within(1e-12));
        Assert.That(analysis.Capacity, Is.EqualTo(servers * serviceRate));
    }

    [TestCase(0.0, 1.0, 1)]
    [TestCase(1.0, -1.0, 1)]
    [TestCase(1.0, 0.0, 2)] // an infinite offered load must not pass for an unstable queue
    [TestCase(1.0, double.PositiveInfinity, 2)]
    [TestCase(1.0, 1.0, 0)]
    [TestCase(1.0, 1.0, -3)]
    [Category("behaviour")]
    public void Non_positive_rates_or_servers_are_rejected(double arrivalRate, double serviceRate, int servers)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MMkQueue.Analyze(arrivalRate, serviceRate, servers));
    }

    [Test]
    [Category("laws")]
    public void Littles_law_holds_for_every_stable_queue()
    {
        var cases = Gen.Choose(1, 200).Zip(Gen.Choose(1, 100)).Zip(Gen.Choose(1, 99)).ToArbitrary();

        Properties.Check(Prop.ForAll(cases, c =>
        {
            var ((servers, serviceRate), percent) = c;
            var arrivalRate = servers * serviceRate * percent / 100.0;
            var metrics = MMkQueue.Analyze(arrivalRate, serviceRate, servers).Metrics!;
            return Close(metrics.MeanInSystem, arrivalRate * metrics.MeanTimeInSystem)
                && Close(metrics.MeanInQueue, arrivalRate * metrics.MeanWaitInQueue)
                && Close(metrics.MeanInSystem, metrics.MeanInQueue + arrivalRate / serviceRate);
        }));
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b));
}
