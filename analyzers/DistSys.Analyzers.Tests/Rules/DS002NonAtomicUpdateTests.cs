using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS002NonAtomicUpdateTests
{
    private static readonly DS002NonAtomicUpdateAnalyzer Analyzer = new();

    [Test]
    public Task Reports_a_captured_counter_incremented_in_a_Parallel_For_body() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Census
        {
            public int CountEven(int[] values)
            {
                var count = 0;
                Parallel.For(0, values.Length, i => { if (values[i] % 2 == 0) {|DS002:count++|}; });
                return count;
            }
        }
        """);

    [Test]
    public Task Reports_a_field_added_to_by_tasks_started_in_a_loop() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Meter
        {
            private long _bytes;
            public Task Measure(int[] sizes)
            {
                var tasks = new List<Task>();
                foreach (var size in sizes)
                {
                    tasks.Add(Task.Run(() => { {|DS002:_bytes += size|}; }));
                }
                return Task.WhenAll(tasks);
            }
        }
        """);

    [Test]
    public Task Reports_a_plain_increment_of_a_field_also_updated_with_Interlocked() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Stats
        {
            private int _requests;
            public void OnRequest() => Interlocked.Increment(ref _requests);
            public void OnRetry() { {|DS002:_requests++|}; }
        }
        """);

    [Test]
    public Task Reports_an_increment_of_a_volatile_field() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Sequence
        {
            private volatile int _next;
            public int Take() { {|DS002:_next = _next + 1|}; return _next; }
        }
        """);

    [Test]
    public Task Reports_a_local_updated_by_a_thread_and_its_starter_at_once() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Race
        {
            public int Run()
            {
                var total = 0;
                var worker = new Thread(() => { for (var i = 0; i < 1000; i++) {|DS002:total++|}; });
                worker.Start();
                for (var i = 0; i < 1000; i++) {|DS002:total++|};
                worker.Join();
                return total;
            }
        }
        """);

    private const string Workers = """

        static class Workers
        {
            // Starts one thread per worker and runs the body on each: the body runs on several threads at once.
            public static void Run(int workers, long operations, Action<int, long> body)
            {
                var threads = new Thread[workers];
                for (var worker = 0; worker < workers; worker++)
                {
                    var id = worker;
                    threads[id] = new Thread(() => body(id, operations / workers));
                }
                foreach (var thread in threads) thread.Start();
                foreach (var thread in threads) thread.Join();
            }
        }
        """;

    [Test]
    public Task Reports_a_captured_counter_incremented_in_a_lambda_handed_to_a_thread_starting_helper() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class NoCoordination
        {
            public long Count(int workers, long operations)
            {
                long total = 0;
                Workers.Run(workers, operations, (_, share) => { for (long i = 0; i < share; i++) {|DS002:total++|}; });
                return total;
            }
        }
        """ + Workers);

    [Test]
    public Task Reports_a_field_added_to_in_a_lambda_handed_to_a_thread_starting_helper() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Meter
        {
            private long _bytes;
            public void Measure(int workers) => Workers.Run(workers, 1000, (_, share) => { {|DS002:_bytes += share|}; });
        }
        """ + Workers);

    [Test]
    public Task Reports_an_update_in_a_delegate_that_a_helper_runs_on_a_thread_and_on_the_caller() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Pair
        {
            public int Count()
            {
                var hits = 0;
                Twice.Run(() => {|DS002:hits += 1|});
                return hits;
            }
        }
        static class Twice
        {
            public static void Run(Action work)
            {
                var other = Task.Run(work);
                work();
                other.Wait();
            }
        }
        """);

    [Test]
    public Task Reports_an_update_in_a_delegate_passed_through_two_helpers() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Census
        {
            private int _seen;
            public void Observe(int workers) => Pool.Start(workers, () => {|DS002:_seen++|});
        }
        static class Pool
        {
            public static void Start(int workers, Action work) => Workers.Run(workers, workers, (_, _) => work());
        }
        """ + Workers);

    [Test]
    public Task Is_silent_for_a_helper_that_runs_its_delegate_on_the_calling_thread() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Census
        {
            public int Count(int times)
            {
                var total = 0;
                Inline.Run(times, () => total++);
                return total;
            }
        }
        static class Inline
        {
            public static void Run(int times, Action work) { for (var i = 0; i < times; i++) work(); }
        }
        """ + Workers);

    [Test]
    public Task Is_silent_for_Interlocked_and_per_worker_state_in_a_helper_lambda() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Counting
        {
            public long Count(int workers, long operations)
            {
                long total = 0;
                var counters = new long[workers];
                Workers.Run(workers, operations, (worker, share) =>
                {
                    long mine = 0;
                    for (long i = 0; i < share; i++) { mine++; counters[worker]++; }
                    Interlocked.Add(ref total, mine);
                });
                return total + counters.Sum();
            }
        }
        """ + Workers);

    [Test]
    public Task Is_silent_for_Interlocked_updates_in_a_parallel_body() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Census
        {
            public int CountEven(int[] values)
            {
                var count = 0;
                Parallel.For(0, values.Length, i => { if (values[i] % 2 == 0) Interlocked.Increment(ref count); });
                return count;
            }
        }
        """);

    [Test]
    public Task Is_silent_for_updates_under_a_lock_inside_the_parallel_body() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Census
        {
            public int Sum(int[] values)
            {
                var sum = 0;
                var gate = new object();
                Parallel.ForEach(values, v => { lock (gate) { sum += v; } });
                return sum;
            }
        }
        """);

    [Test]
    public Task Is_silent_for_locals_that_never_leave_their_thread() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Worker
        {
            private int _processed;
            public void Process(int[] items)
            {
                var local = 0;
                foreach (var item in items) { local += item; _processed++; }
                Parallel.For(0, items.Length, i => { var mine = 0; mine++; items[i] = mine; });
            }
        }
        """);

    [Test]
    public Task Is_silent_when_the_thread_is_joined_before_the_next_update() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Handoff
        {
            public async Task<int> Run()
            {
                var total = 0;
                var first = Task.Run(() => { total++; });
                await first;
                total++;
                return total;
            }
        }
        """);

    [Test]
    public Task Fix_replaces_an_increment_with_Interlocked_Increment() => CodeFixHarness.VerifyAsync(Analyzer, new NonAtomicUpdateCodeFix(), """
        class Stats
        {
            private int _requests;
            public void OnRequest() => Interlocked.Increment(ref _requests);
            public void OnRetry() { {|DS002:_requests++|}; }
        }
        """, """
        class Stats
        {
            private int _requests;
            public void OnRequest() => Interlocked.Increment(ref _requests);
            public void OnRetry() { Interlocked.Increment(ref _requests); }
        }
        """);

    [Test]
    public Task Fix_replaces_a_compound_subtraction_with_Interlocked_Add_of_the_negation() => CodeFixHarness.VerifyAsync(Analyzer, new NonAtomicUpdateCodeFix(), """
        class Budget
        {
            public long Spend(int[] costs)
            {
                long left = 1000;
                Parallel.ForEach(costs, c => { {|DS002:left -= c|}; });
                return left;
            }
        }
        """, """
        class Budget
        {
            public long Spend(int[] costs)
            {
                long left = 1000;
                Parallel.ForEach(costs, c => { Interlocked.Add(ref left, -(c)); });
                return left;
            }
        }
        """);
}
