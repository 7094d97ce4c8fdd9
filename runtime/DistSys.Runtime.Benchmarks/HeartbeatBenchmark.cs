using BenchmarkDotNet.Attributes;

namespace DistSys.Runtime.Benchmarks;

/// <summary>
/// A five-node cluster in which every node broadcasts a heartbeat every 10 ms: 500 timer events, 2,000 sends and
/// 2,000 deliveries per simulated second. One operation is one simulated second, so the reported mean is the wall-clock
/// time per simulated second and the "Speed" column is simulated seconds per wall-clock second.
/// </summary>
[MemoryDiagnoser]
public class HeartbeatBenchmark
{
    private const int SimulatedSeconds = 10;

    /// <summary>Whether the trace is recorded (tests record it; long experiments may not).</summary>
    [Params(true, false)]
    public bool RecordTrace { get; set; }

    /// <summary>The network: the fixed 1 ms default, and the lossy one that draws random numbers per message.</summary>
    [Params("Reliable", "Unreliable")]
    public string Network { get; set; } = "Reliable";

    /// <summary>Runs the cluster for ten simulated seconds.</summary>
    [Benchmark(OperationsPerInvoke = SimulatedSeconds)]
    public long FiveNodeHeartbeats()
    {
        var simulation = new Simulation(seed: 1, new SimulationOptions
        {
            RecordTrace = RecordTrace,
            Network = Network == "Reliable" ? LinkProfile.Reliable : LinkProfile.Unreliable,
        });
        for (int i = 1; i <= 5; i++)
        {
            simulation.AddNode($"n{i}", context => new HeartbeatNode(context));
        }

        simulation.RunFor(TimeSpan.FromSeconds(SimulatedSeconds));
        return simulation.Metrics.MessagesDelivered;
    }

    private sealed record Heartbeat(NodeId From);

    /// <summary>Broadcasts one (reused) heartbeat every 10 ms and remembers when it last heard from anyone.</summary>
    private sealed class HeartbeatNode : INode
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
        private readonly INodeContext _context;
        private readonly Heartbeat _heartbeat;
        private readonly Action _tick;
        private TimeSpan _lastHeard;

        public HeartbeatNode(INodeContext context)
        {
            _context = context;
            _heartbeat = new Heartbeat(context.Id);
            _tick = Tick;
        }

        public void OnStart() => _context.SetTimer(Interval, _tick, "heartbeat");

        public void OnMessage(NodeId from, object message) => _lastHeard = _context.Now;

        private void Tick()
        {
            _context.Broadcast(_heartbeat);
            _context.SetTimer(Interval, _tick, "heartbeat");
        }

        public override string ToString() => $"last heard {_lastHeard}";
    }
}
