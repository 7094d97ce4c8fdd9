using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS006SleepSynchronizationTests
{
    private static readonly DS006SleepSynchronizationAnalyzer Analyzer = new();

    [Test]
    public Task Reports_a_polling_loop() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Waiter
        {
            private volatile bool _ready;
            public void Signal() => _ready = true;
            public void WaitReady() { while (!_ready) {|DS006:Thread.Sleep(10)|}; }
        }
        """);

    [Test]
    public Task Reports_a_sleep_in_an_async_method() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Retry
        {
            public async Task<int> Fetch(Func<Task<int>> call)
            {
                {|DS006:Thread.Sleep(100)|};
                return await call();
            }
        }
        """);

    [Test]
    public Task Reports_a_sleep_between_retries_and_in_an_async_lambda() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Retry
        {
            public bool Send(Func<bool> attempt)
            {
                for (var i = 0; i < 3; i++)
                {
                    if (attempt()) return true;
                    {|DS006:Thread.Sleep(TimeSpan.FromMilliseconds(50))|};
                }
                return false;
            }
            public Func<Task> Later(Action work) => async () => { {|DS006:Thread.Sleep(5)|}; work(); await Task.Yield(); };
        }
        """);

    [Test]
    public Task Is_silent_for_a_lone_sleep() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Demo
        {
            public void Pause() => Thread.Sleep(100);
        }
        """);

    [Test]
    public Task Is_silent_for_await_Task_Delay_in_a_loop() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Poller
        {
            public async Task Poll(Func<bool> done, CancellationToken token)
            {
                while (!done()) await Task.Delay(10, token);
            }
        }
        """);

    [Test]
    public Task Is_silent_for_a_sleep_in_a_sync_lambda_created_in_a_loop() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Starter
        {
            public List<Thread> Start(int count)
            {
                var threads = new List<Thread>();
                for (var i = 0; i < count; i++) threads.Add(new Thread(() => Thread.Sleep(1)));
                return threads;
            }
        }
        """);

    [Test]
    public Task Fix_awaits_Task_Delay_in_async_code() => CodeFixHarness.VerifyAsync(Analyzer, new SleepToDelayCodeFix(), """
        class Retry
        {
            public async Task<int> Fetch(Func<Task<int>> call)
            {
                {|DS006:Thread.Sleep(100)|};
                return await call();
            }
        }
        """, """
        class Retry
        {
            public async Task<int> Fetch(Func<Task<int>> call)
            {
                await Task.Delay(100);
                return await call();
            }
        }
        """);
}
