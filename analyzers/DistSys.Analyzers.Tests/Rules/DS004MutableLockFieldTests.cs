using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS004MutableLockFieldTests
{
    private static readonly DS004MutableLockFieldAnalyzer Analyzer = new();

    [Test]
    public Task Reports_lock_on_a_field_that_is_not_readonly() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Account
        {
            private object _gate = new();
            private int _balance;
            public void Deposit(int amount) { lock ({|DS004:_gate|}) { _balance += amount; } }
        }
        """);

    [Test]
    public Task Reports_lock_on_a_field_that_is_reassigned() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Table
        {
            private List<int> _rows = new();
            public void Add(int row) { lock ({|DS004:_rows|}) { _rows.Add(row); } }
            public void Reset() { _rows = new List<int>(); }
        }
        """);

    [Test]
    public Task Reports_Monitor_Enter_on_a_static_mutable_field() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Ids
        {
            private static object s_gate = new();
            private static int s_next;
            public static int Next()
            {
                Monitor.Enter({|DS004:s_gate|});
                try { return ++s_next; } finally { Monitor.Exit(s_gate); }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_a_readonly_field() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Account
        {
            private readonly object _gate = new();
            private int _balance;
            public void Deposit(int amount) { lock (_gate) { _balance += amount; } }
        }
        """);

    [Test]
    public Task Is_silent_for_a_readonly_field_assigned_in_the_constructor() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Account
        {
            private readonly object _gate;
            private int _balance;
            public Account(object gate) { _gate = gate; }
            public void Deposit(int amount) { lock (_gate) { _balance += amount; } }
        }
        """);

    [Test]
    public Task Is_silent_for_locals_and_parameters() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Helper
        {
            public static void Under(object gate, Action action) { lock (gate) { action(); } }
            public static void Local() { var gate = new object(); lock (gate) { } }
        }
        """);

    [Test]
    public Task Fix_makes_the_lock_field_readonly() => CodeFixHarness.VerifyAsync(Analyzer, new ReadonlyLockFieldCodeFix(), """
        class Account
        {
            private object _gate = new();
            private int _balance;
            public void Deposit(int amount) { lock ({|DS004:_gate|}) { _balance += amount; } }
        }
        """, """
        class Account
        {
            private readonly object _gate = new();
            private int _balance;
            public void Deposit(int amount) { lock (_gate) { _balance += amount; } }
        }
        """);
}
