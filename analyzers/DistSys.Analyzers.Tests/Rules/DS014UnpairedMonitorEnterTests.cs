using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS014UnpairedMonitorEnterTests
{
    private static readonly DS014UnpairedMonitorEnterAnalyzer Analyzer = new();

    [Test]
    public Task Reports_an_exit_that_is_not_in_a_finally() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Add()
            {
                {|DS014:Monitor.Enter(_gate)|};
                _count++;
                Monitor.Exit(_gate);
            }
        }
        """);

    [Test]
    public Task Reports_an_enter_with_no_exit_at_all() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Gate
        {
            private readonly object _gate = new();
            public void Acquire() => {|DS014:Monitor.Enter(_gate)|};
            public void Release() => Monitor.Exit(_gate);
        }
        """);

    [Test]
    public Task Reports_a_finally_that_exits_another_object() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Pair
        {
            private readonly object _a = new();
            private readonly object _b = new();
            public void Touch()
            {
                var taken = false;
                try { {|DS014:Monitor.TryEnter(_a, ref taken)|}; }
                finally { if (taken) Monitor.Exit(_b); }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_the_lock_taken_pattern() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Add()
            {
                var taken = false;
                try { Monitor.Enter(_gate, ref taken); _count++; }
                finally { if (taken) Monitor.Exit(_gate); }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_enter_then_try_finally() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Add()
            {
                Monitor.Enter(_gate);
                try { _count++; } finally { Monitor.Exit(_gate); }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_lock_statements_and_TryEnter_with_timeout() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Add() { lock (_gate) { _count++; } }
            public bool TryAdd()
            {
                if (!Monitor.TryEnter(_gate, 10)) return false;
                try { _count++; return true; } finally { Monitor.Exit(_gate); }
            }
        }
        """);

    [Test]
    public Task Fix_turns_enter_and_exit_into_a_lock_statement() => CodeFixHarness.VerifyAsync(Analyzer, new MonitorToLockCodeFix(), """
        class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Add()
            {
                {|DS014:Monitor.Enter(_gate)|};
                _count++;
                Monitor.Exit(_gate);
            }
        }
        """, """
        class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Add()
            {
                lock (_gate)
                {
                    _count++;
                }
            }
        }
        """);
}
