using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS010AsyncVoidTests
{
    private static readonly DS010AsyncVoidAnalyzer Analyzer = new();

    [Test]
    public Task Reports_an_async_void_method() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Replicator
        {
            public async void {|DS010:Replicate|}(Func<Task> send) { await send(); }
        }
        """);

    [Test]
    public Task Reports_an_async_lambda_passed_as_an_Action() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Fanout
        {
            public void Send(int[] peers, Func<int, Task> send)
            {
                Parallel.ForEach(peers, {|DS010:async|} peer => await send(peer));
            }
        }
        """);

    [Test]
    public Task Reports_an_async_void_local_function() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Starter
        {
            public void Start(Func<Task> work)
            {
                async void {|DS010:Run|}() { await work(); }
                Run();
            }
        }
        """);

    [Test]
    public Task Is_silent_for_async_Task_methods() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Replicator
        {
            public async Task Replicate(Func<Task> send) { await send(); }
            public async ValueTask<int> Count(Func<Task<int>> read) => await read();
        }
        """);

    [Test]
    public Task Is_silent_for_event_handlers() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class View
        {
            public event EventHandler? Clicked;
            public View() { Clicked += async (sender, e) => await Task.Yield(); }
            private async void OnClicked(object? sender, EventArgs e) { await Task.Yield(); }
            public void Wire() => Clicked += OnClicked;
        }
        """);

    [Test]
    public Task Is_silent_for_async_lambdas_that_return_a_task() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Fanout
        {
            public Task Send(int[] peers, Func<int, Task> send) =>
                Task.WhenAll(peers.Select(async peer => await send(peer)));
            public Task Later(Func<Task> work) => Task.Run(async () => await work());
        }
        """);

    [Test]
    public Task Fix_returns_Task() => CodeFixHarness.VerifyAsync(Analyzer, new AsyncVoidCodeFix(), """
        class Replicator
        {
            public async void {|DS010:Replicate|}(Func<Task> send) { await send(); }
        }
        """, """
        class Replicator
        {
            public async Task Replicate(Func<Task> send) { await send(); }
        }
        """);
}
