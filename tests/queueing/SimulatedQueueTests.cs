using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.Queueing.Tests;

/// <summary>
/// Theory and simulation check each other: an M/M/k queue run on the kit's simulator must show the waiting that
/// Erlang C predicts. A seeded run is exactly repeatable, so the result never flakes; the tolerances are still wide
/// enough for any seed: with 500,000 customers at this load the standard error of the measured P(wait) is about 1.6%
/// and of the mean wait about 3.2%, so the bounds sit more than four standard errors out.
/// </summary>
public class SimulatedQueueTests
{
    private const double ArrivalRate = 200;     // per second
    private const double ServiceRate = 20;      // per second per server
    private const int Servers = 12;             // 10 erlangs on 12 servers: rho = 0.83, C = 0.4494
    private const int Customers = 500_000;
    private const int WarmUpCustomers = 50_000; // the queue starts empty; skip the start-up transient
    private const double WaitProbabilityTolerance = 0.07;
    private const double MeanWaitTolerance = 0.15;

    [Test]
    [Category("behaviour")]
    public void A_simulated_mmk_queue_waits_as_erlang_c_predicts()
    {
        var predicted = MMkQueue.Analyze(ArrivalRate, ServiceRate, Servers).Metrics!;

        foreach (var seed in Seeds.Few)
        {
            Replay.Run(seed, () =>
            {
                var measured = SimulatedStation.Run(seed, ArrivalRate, ServiceRate, Servers, Customers, WarmUpCustomers);
                TestContext.Out.WriteLine(
                    $"seed {seed}: P(wait) measured {measured.WaitProbability:0.0000}, predicted {predicted.ProbabilityOfWaiting:0.0000}; " +
                    $"mean wait measured {measured.MeanWaitSeconds * 1000:0.000} ms, predicted {predicted.MeanWaitInQueue * 1000:0.000} ms");

                Assert.That(measured.WaitProbability, Is.EqualTo(predicted.ProbabilityOfWaiting).Within(WaitProbabilityTolerance * 100).Percent,
                    $"Share of simulated customers who found every server busy vs Erlang C (seed {seed}).");
                Assert.That(measured.MeanWaitSeconds, Is.EqualTo(predicted.MeanWaitInQueue).Within(MeanWaitTolerance * 100).Percent,
                    $"Mean simulated wait in queue vs Wq = C / (k*mu - lambda) (seed {seed}).");
            });
        }
    }

    private sealed record Measurement(double WaitProbability, double MeanWaitSeconds);

    /// <summary>k servers and one FIFO queue, driven by the simulator's clock and its seeded scenario stream.</summary>
    private sealed class SimulatedStation
    {
        private readonly Simulation _simulation;
        private readonly double _arrivalRate;
        private readonly double _serviceRate;
        private readonly int _servers;
        private readonly int _customers;
        private readonly int _warmUp;
        private readonly Queue<(int Customer, TimeSpan ArrivedAt)> _waiting = new();
        private int _busy;
        private int _arrived;
        private int _measured;
        private int _waited;
        private double _totalWaitSeconds;

        private SimulatedStation(int seed, double arrivalRate, double serviceRate, int servers, int customers, int warmUp)
        {
            _simulation = new Simulation(seed, new SimulationOptions { RecordTrace = false });
            _arrivalRate = arrivalRate;
            _serviceRate = serviceRate;
            _servers = servers;
            _customers = customers;
            _warmUp = warmUp;
        }

        public static Measurement Run(int seed, double arrivalRate, double serviceRate, int servers, int customers, int warmUp)
        {
            var station = new SimulatedStation(seed, arrivalRate, serviceRate, servers, customers, warmUp);
            station._simulation.Schedule(station.Exponential(arrivalRate), station.Arrive, "arrival");
            while (station._simulation.Step())
            {
            }

            return new Measurement((double)station._waited / station._measured, station._totalWaitSeconds / station._measured);
        }

        private void Arrive()
        {
            var customer = _arrived++;
            if (_busy < _servers)
            {
                _busy++;
                Record(customer, TimeSpan.Zero);
                _simulation.Schedule(Exponential(_serviceRate), Depart, "departure");
            }
            else
            {
                _waiting.Enqueue((customer, _simulation.Now));
            }

            if (_arrived < _customers)
            {
                _simulation.Schedule(Exponential(_arrivalRate), Arrive, "arrival");
            }
        }

        private void Depart()
        {
            if (_waiting.TryDequeue(out var next))
            {
                Record(next.Customer, _simulation.Now - next.ArrivedAt);
                _simulation.Schedule(Exponential(_serviceRate), Depart, "departure");
            }
            else
            {
                _busy--;
            }
        }

        private void Record(int customer, TimeSpan wait)
        {
            if (customer < _warmUp)
            {
                return;
            }

            _measured++;
            if (wait > TimeSpan.Zero)
            {
                _waited++;
            }

            _totalWaitSeconds += wait.TotalSeconds;
        }

        private TimeSpan Exponential(double rate) => TimeSpan.FromSeconds(-Math.Log(1 - _simulation.Random.NextDouble()) / rate);
    }
}
