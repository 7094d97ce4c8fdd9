using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS017SimulatedNodeNondeterminismTests
{
    private static readonly DS017SimulatedNodeNondeterminismAnalyzer Analyzer = new();

    private const string Runtime = """

        namespace DistSys.Runtime
        {
            public readonly record struct NodeId(int Value);
            public interface INode { void OnStart(); void OnMessage(NodeId from, object message); }
            public interface INodeContext { TimeSpan Now { get; } TimeProvider Time { get; } }
        }
        """;

    [Test]
    public Task Reports_the_wall_clock_and_a_sleep_in_a_node() => AnalyzerHarness.VerifyAsync(Analyzer, """
        using DistSys.Runtime;
        class Follower : INode
        {
            private DateTime _lastHeartbeat;
            public void OnStart() { {|DS017:Thread.Sleep(10)|}; }
            public void OnMessage(NodeId from, object message) { _lastHeartbeat = {|DS017:DateTime.UtcNow|}; }
        }
        """ + Runtime);

    [Test]
    public Task Reports_real_timers_threads_and_guids_in_a_node() => AnalyzerHarness.VerifyAsync(Analyzer, """
        using DistSys.Runtime;
        class Candidate : INode
        {
            private Timer? _timer;
            private Guid _id;
            public void OnStart()
            {
                _timer = {|DS017:new Timer(_ => { }, null, 100, 100)|};
                _id = {|DS017:Guid.NewGuid()|};
                {|DS017:Task.Run(() => { })|};
            }
            public void OnMessage(NodeId from, object message) { }
        }
        """ + Runtime);

    [Test]
    public Task Reports_unseeded_randomness_stopwatches_and_tick_counts_in_a_derived_node() => AnalyzerHarness.VerifyAsync(Analyzer, """
        using DistSys.Runtime;
        abstract class NodeBase : INode
        {
            public abstract void OnStart();
            public void OnMessage(NodeId from, object message) { }
        }
        class Gossiper : NodeBase
        {
            private long _started;
            public override void OnStart()
            {
                var peer = {|DS017:new Random()|}.Next(5);
                _started = {|DS017:System.Diagnostics.Stopwatch.GetTimestamp()|} + {|DS017:Environment.TickCount64|} + peer;
            }
        }
        """ + Runtime);

    [Test]
    public Task Is_silent_for_a_node_that_uses_only_injected_time_and_seeded_random() => AnalyzerHarness.VerifyAsync(Analyzer, """
        using DistSys.Runtime;
        class Follower : INode
        {
            private readonly TimeProvider _time;
            private readonly Random _random;
            private DateTimeOffset _lastHeartbeat;
            public Follower(TimeProvider time, int seed) { _time = time; _random = new Random(seed); }
            public void OnStart() { _ = _random.Next(150, 300); }
            public void OnMessage(NodeId from, object message) { _lastHeartbeat = _time.GetUtcNow(); }
        }
        """ + Runtime);

    [Test]
    public Task Is_silent_for_a_delay_on_the_simulations_time_provider() => AnalyzerHarness.VerifyAsync(Analyzer, """
        using DistSys.Runtime;
        class Follower : INode
        {
            private readonly INodeContext _context;
            public Follower(INodeContext context) => _context = context;
            public void OnStart() { _ = Heartbeat(); }
            public void OnMessage(NodeId from, object message) { }
            private async Task Heartbeat()
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _context.Time);
                await Task.Delay(TimeSpan.FromMilliseconds(50), _context.Time, CancellationToken.None);
            }
        }
        """ + Runtime);

    [Test]
    public Task Reports_a_real_time_delay_also_when_the_system_clock_is_passed_explicitly() => AnalyzerHarness.VerifyAsync(Analyzer, """
        using DistSys.Runtime;
        class Follower : INode
        {
            public void OnStart() { _ = Heartbeat(); }
            public void OnMessage(NodeId from, object message) { }
            private async Task Heartbeat()
            {
                await {|DS017:Task.Delay(50)|};
                await {|DS017:Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None)|};
                await Task.Delay(TimeSpan.FromMilliseconds(50), {|DS017:TimeProvider.System|});
            }
        }
        """ + Runtime);

    [Test]
    public Task Is_silent_for_the_same_calls_outside_a_node() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Benchmark
        {
            public DateTime Started = DateTime.UtcNow;
            public void Run() { Thread.Sleep(1); _ = Guid.NewGuid(); Task.Run(() => { }); }
        }
        """ + Runtime);

    [Test]
    public Task Is_silent_for_a_look_alike_interface_in_another_namespace() => AnalyzerHarness.VerifyAsync(Analyzer, """
        namespace Other { public interface INode { void OnStart(); } }
        class Worker : Other.INode
        {
            public void OnStart() { Thread.Sleep(1); }
        }
        """ + Runtime);
}
