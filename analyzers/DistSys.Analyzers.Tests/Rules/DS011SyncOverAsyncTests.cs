using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS011SyncOverAsyncTests
{
    private static readonly DS011SyncOverAsyncAnalyzer Analyzer = new();

    [Test]
    public Task Reports_Result_on_a_task_not_yet_awaited() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Client
        {
            public async Task<int> Read(Func<Task<int>> fetch)
            {
                await Task.Yield();
                var pending = fetch();
                return {|DS011:pending.Result|};
            }
        }
        """);

    [Test]
    public Task Reports_Wait_in_an_async_method() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Client
        {
            public async Task Flush(Func<Task> write)
            {
                {|DS011:write().Wait()|};
                await Task.Yield();
            }
        }
        """);

    [Test]
    public Task Reports_GetAwaiter_GetResult_in_an_async_lambda() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Client
        {
            public Func<Task<int>> Reader(Func<Task<int>> fetch) => async () =>
            {
                await Task.Yield();
                return {|DS011:fetch().ConfigureAwait(false).GetAwaiter().GetResult()|};
            };
        }
        """);

    [Test]
    public Task Is_silent_after_the_task_was_awaited() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Client
        {
            public async Task<int> Sum(Task<int> a, Task<int> b)
            {
                await Task.WhenAll(a, b);
                var winner = await Task.WhenAny(a, b);
                return a.Result + b.Result + winner.Result;
            }
        }
        """);

    [Test]
    public Task Is_silent_in_synchronous_methods() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Program
        {
            public static int Main2(Func<Task<int>> run) => run().GetAwaiter().GetResult();
        }
        """);

    [Test]
    public Task Is_silent_for_completed_tasks_and_tasks_checked_for_completion() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Cache
        {
            public async Task<int> Get(Task<int> pending, Task<int>[] all)
            {
                if (pending.IsCompletedSuccessfully) return pending.Result;
                await Task.WhenAll(all);
                var sum = Task.FromResult(1).Result;
                foreach (var t in all) sum += t.Result;
                return sum;
            }
        }
        """);

    [Test]
    public Task Fix_awaits_instead_of_Result() => CodeFixHarness.VerifyAsync(Analyzer, new SyncOverAsyncCodeFix(), """
        class Client
        {
            public async Task<int> Read(Func<Task<int>> fetch)
            {
                await Task.Yield();
                var pending = fetch();
                return {|DS011:pending.Result|} + 1;
            }
        }
        """, """
        class Client
        {
            public async Task<int> Read(Func<Task<int>> fetch)
            {
                await Task.Yield();
                var pending = fetch();
                return (await pending) + 1;
            }
        }
        """);

    [Test]
    public Task Fix_awaits_instead_of_Wait() => CodeFixHarness.VerifyAsync(Analyzer, new SyncOverAsyncCodeFix(), """
        class Client
        {
            public async Task Flush(Func<Task> write)
            {
                {|DS011:write().Wait()|};
                await Task.Yield();
            }
        }
        """, """
        class Client
        {
            public async Task Flush(Func<Task> write)
            {
                await write();
                await Task.Yield();
            }
        }
        """);
}
