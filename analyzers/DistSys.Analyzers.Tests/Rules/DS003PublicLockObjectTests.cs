using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS003PublicLockObjectTests
{
    private static readonly DS003PublicLockObjectAnalyzer Analyzer = new();

    [Test]
    public Task Reports_lock_on_this() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Account
        {
            private int _balance;
            public void Deposit(int amount) { lock ({|DS003:this|}) { _balance += amount; } }
        }
        """);

    [Test]
    public Task Reports_lock_on_a_type_and_on_a_string() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Registry
        {
            private static int s_count;
            private readonly string _name = "registry";
            public static void Register() { lock ({|DS003:typeof(Registry)|}) { s_count++; } }
            public void Touch() { lock ({|DS003:_name|}) { s_count++; } }
        }
        """);

    [Test]
    public Task Reports_lock_on_a_public_field_and_Monitor_Enter_on_a_protected_property() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Cache
        {
            public readonly object SyncRoot = new();
            protected object Gate { get; } = new();
            public void Clear() { lock ({|DS003:SyncRoot|}) { } }
            public void Trim()
            {
                Monitor.Enter({|DS003:Gate|});
                try { } finally { Monitor.Exit(Gate); }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_a_private_readonly_object() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Account
        {
            private readonly object _gate = new();
            private int _balance;
            public void Deposit(int amount) { lock (_gate) { _balance += amount; } }
        }
        """);

    [Test]
    public Task Is_silent_for_a_private_static_lock_and_a_System_Threading_Lock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Ids
        {
            private static readonly object s_gate = new();
            private readonly Lock _lock = new();
            private static int s_next;
            public static int Next() { lock (s_gate) { return ++s_next; } }
            public void Touch() { lock (_lock) { } }
        }
        """);

    [Test]
    public Task Is_silent_for_a_public_member_of_a_private_nested_class() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Striped
        {
            private readonly Stripe[] _stripes = [new(), new()];
            public void Add(int key) { var stripe = _stripes[key % 2]; lock (stripe.Gate) { stripe.Count++; } }
            private sealed class Stripe
            {
                public object Gate { get; } = new();
                public long Count { get; set; }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_a_local_lock_object() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Batch
        {
            public int Sum(int[] values)
            {
                var gate = new object();
                var sum = 0;
                Parallel.ForEach(values, v => { lock (gate) { sum += v; } });
                return sum;
            }
        }
        """);

    [Test]
    public Task Fix_introduces_a_private_readonly_gate_for_lock_on_this() => CodeFixHarness.VerifyAsync(Analyzer, new PrivateLockObjectCodeFix(), """
        class Account
        {
            private int _balance;

            public void Deposit(int amount)
            {
                lock ({|DS003:this|})
                {
                    _balance += amount;
                }
            }
        }
        """, """
        class Account
        {
            private readonly object _gate = new();
            private int _balance;

            public void Deposit(int amount)
            {
                lock (_gate)
                {
                    _balance += amount;
                }
            }
        }
        """);

    [Test]
    public Task Fix_uses_a_static_gate_in_static_code() => CodeFixHarness.VerifyAsync(Analyzer, new PrivateLockObjectCodeFix(), """
        class Registry
        {
            private static int s_count;

            public static void Register()
            {
                lock ({|DS003:typeof(Registry)|})
                {
                    s_count++;
                }
            }
        }
        """, """
        class Registry
        {
            private static readonly object s_gate = new();
            private static int s_count;

            public static void Register()
            {
                lock (s_gate)
                {
                    s_count++;
                }
            }
        }
        """);
}
