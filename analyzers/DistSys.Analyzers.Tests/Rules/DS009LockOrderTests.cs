using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS009LockOrderTests
{
    private static readonly DS009LockOrderAnalyzer Analyzer = new();

    [Test]
    public Task Reports_two_locks_nested_in_opposite_orders() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Bank
        {
            private readonly object _accounts = new();
            private readonly object _audit = new();
            public void Transfer() { lock (_accounts) { lock ({|DS009:_audit|}) { } } }
            public void Report() { lock (_audit) { lock ({|DS009:_accounts|}) { } } }
        }
        """);

    [Test]
    public Task Reports_opposite_order_through_a_private_helper() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Cache
        {
            private readonly object _index = new();
            private readonly object _data = new();
            public void Put() { lock (_index) { {|DS009:Store()|}; } }
            public void Evict() { lock (_data) { lock ({|DS009:_index|}) { } } }
            private void Store() { lock (_data) { } }
        }
        """);

    [Test]
    public Task Reports_static_locks_in_opposite_orders() => AnalyzerHarness.VerifyAsync(Analyzer, """
        static class Registry
        {
            private static readonly object s_names = new();
            private static readonly object s_ids = new();
            public static void A() { lock (s_names) { lock ({|DS009:s_ids|}) { } } }
            public static void B() { lock (s_ids) { lock ({|DS009:s_names|}) { } } }
        }
        """);

    [Test]
    public Task Is_silent_when_every_path_takes_the_locks_in_the_same_order() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Bank
        {
            private readonly object _accounts = new();
            private readonly object _audit = new();
            public void Transfer() { lock (_accounts) { lock (_audit) { } } }
            public void Report() { lock (_accounts) { lock (_audit) { } } }
        }
        """);

    [Test]
    public Task Is_silent_for_locks_taken_one_after_the_other() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Bank
        {
            private readonly object _accounts = new();
            private readonly object _audit = new();
            public void Transfer() { lock (_accounts) { } lock (_audit) { } }
            public void Report() { lock (_audit) { } lock (_accounts) { } }
        }
        """);

    [Test]
    public Task Is_silent_for_reentrant_locking_of_the_same_object() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Add() { lock (_gate) { Bump(); } }
            private void Bump() { lock (_gate) { _count++; } }
        }
        """);
}
