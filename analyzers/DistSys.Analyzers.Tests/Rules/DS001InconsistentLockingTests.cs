using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS001InconsistentLockingTests
{
    private static readonly DS001InconsistentLockingAnalyzer Analyzer = new();

    [Test]
    public Task Reports_a_read_outside_the_lock_of_a_counter_written_under_it() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Increment() { lock (_gate) { _count++; } }
            public int Count => {|DS001:_count|};
        }
        """);

    [Test]
    public Task Reports_a_call_on_a_dictionary_that_is_elsewhere_used_under_a_lock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Store
        {
            private readonly object _gate = new();
            private readonly Dictionary<string, int> _map = new();
            public void Put(string key, int value) { lock (_gate) { _map[key] = value; } }
            public void Delete(string key) { {|DS001:_map|}.Remove(key); }
        }
        """);

    [Test]
    public Task Reports_an_unlocked_write_beside_locked_ones() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Leader
        {
            private readonly object _gate = new();
            private int _term;
            public int NextTerm() { lock (_gate) { return ++_term; } }
            public void Reset() { {|DS001:_term|} = 0; }
        }
        """);

    [Test]
    public Task Reports_an_access_outside_a_Monitor_region_when_others_are_inside_one() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Log
        {
            private readonly object _gate = new();
            private readonly List<string> _lines = new();
            public void Append(string line)
            {
                Monitor.Enter(_gate);
                try { _lines.Add(line); } finally { Monitor.Exit(_gate); }
            }
            public void Clear() => {|DS001:_lines|}.Clear();
        }
        """);

    [Test]
    public Task Is_silent_when_every_access_is_locked() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Counter
        {
            private readonly object _gate = new();
            private int _count;
            public void Increment() { lock (_gate) { _count++; } }
            public int Count { get { lock (_gate) { return _count; } } }
        }
        """);

    [Test]
    public Task Is_silent_for_volatile_fast_path_reads() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Flag
        {
            private readonly object _gate = new();
            private volatile bool _closed;
            public void Close() { lock (_gate) { _closed = true; } }
            public bool IsClosed => _closed;
        }
        """);

    [Test]
    public Task Is_silent_for_constructor_accesses_and_the_lock_object_itself() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Queue
        {
            private readonly object _gate;
            private readonly List<int> _items;
            public Queue() { _gate = new object(); _items = new List<int>(); _items.Add(0); }
            public void Push(int item) { lock (_gate) { _items.Add(item); } }
        }
        """);

    [Test]
    public Task Is_silent_for_private_helpers_only_called_under_the_lock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Account
        {
            private readonly object _gate = new();
            private decimal _balance;
            public void Deposit(decimal amount) { lock (_gate) { Apply(amount); } }
            public decimal Balance { get { lock (_gate) { return _balance; } } }
            private void Apply(decimal amount) { _balance += amount; }
        }
        """);

    [Test]
    public Task Is_silent_for_thread_safe_collections_and_interlocked_updates() => AnalyzerHarness.VerifyAsync(Analyzer, """
        using System.Collections.Concurrent;
        class Registry
        {
            private readonly object _gate = new();
            private readonly ConcurrentDictionary<string, int> _map = new();
            private long _hits;
            public void Reset() { lock (_gate) { _map.Clear(); _hits = 0; } }
            public void Hit(string key) { _map.TryAdd(key, 0); Interlocked.Increment(ref _hits); }
        }
        """);

    [Test]
    public Task Is_silent_for_fields_only_read_after_construction() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Window
        {
            private readonly object _gate = new();
            private int _capacity;
            private int _used;
            public Window(int capacity) { _capacity = capacity; }
            public bool TryUse() { lock (_gate) { if (_used == _capacity) return false; _used++; return true; } }
            public int Capacity => _capacity;
        }
        """);

    [Test]
    public Task Is_silent_for_a_private_nested_type_whose_callers_outside_it_hold_the_lock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Scheduler
        {
            private readonly object _gate = new();
            private readonly List<Job> _jobs = new();
            public void Tick() { lock (_gate) { foreach (var job in _jobs) job.Advance(); } }
            public void Add(TimeSpan period) { lock (_gate) { _jobs.Add(new Job(this, period)); } }

            private sealed class Job(Scheduler owner, TimeSpan period)
            {
                private TimeSpan _period = period;
                private TimeSpan _left = period;
                public void Change(TimeSpan next) { lock (owner._gate) { _period = next; } }
                // Only Scheduler.Tick calls this, under the scheduler's lock.
                public void Advance() { _left -= TimeSpan.FromSeconds(1); if (_left <= TimeSpan.Zero) _left = _period; }
            }
        }
        """);
}
