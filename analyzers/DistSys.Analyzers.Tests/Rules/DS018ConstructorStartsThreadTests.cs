using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS018ConstructorStartsThreadTests
{
    private static readonly DS018ConstructorStartsThreadAnalyzer Analyzer = new();

    [Test]
    public Task Reports_a_thread_started_in_the_constructor() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Heartbeat
        {
            private readonly Thread _thread;
            public Heartbeat()
            {
                _thread = new Thread(() => { });
                {|DS018:_thread.Start()|};
            }
        }
        """);

    [Test]
    public Task Reports_a_timer_created_in_a_field_initializer() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Cache
        {
            private readonly Timer _sweeper = {|DS018:new Timer(_ => { }, null, 1000, 1000)|};
        }
        """);

    [Test]
    public Task Reports_a_System_Timers_Timer_enabled_in_the_constructor() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Poller
        {
            private readonly System.Timers.Timer _timer = new(1000);
            public Poller() { {|DS018:_timer.Enabled = true|}; {|DS018:new Thread(() => { }).Start()|}; }
        }
        """);

    [Test]
    public Task Is_silent_when_the_type_is_disposable() => AnalyzerHarness.VerifyAsync(Analyzer, """
        sealed class Heartbeat : IDisposable
        {
            private readonly Timer _timer;
            public Heartbeat() { _timer = new Timer(_ => { }, null, 0, 100); }
            public void Dispose() => _timer.Dispose();
        }
        """);

    [Test]
    public Task Is_silent_when_work_starts_outside_the_constructor() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Heartbeat
        {
            private readonly Thread _thread = new(() => { });
            public void Start() => _thread.Start();
        }
        """);

    [Test]
    public Task Is_silent_for_a_timer_created_without_a_due_time() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Election
        {
            private readonly Timer _timer;
            public Election() { _timer = new Timer(_ => { }, null, Timeout.Infinite, Timeout.Infinite); }
            public void Arm() => _timer.Change(150, Timeout.Infinite);
        }
        """);
}
