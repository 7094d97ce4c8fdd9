using System.Diagnostics;
using System.Globalization;

namespace DistSys.CoordinationBenchmark.Tests;

/// <summary>Before any strategy is timed, it must count exactly: a fast wrong answer is worth nothing.</summary>
public sealed class StrategyTests
{
    // Not a multiple of any worker count, so uneven shares are exercised too.
    private const long Operations = 200_003;
    private const long SmallOperations = 10_007;
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    // Measured: a shared counter incremented without synchronization fails 20 runs of 20 with these (grader/README.md).
    private const long LargestOperations = 1L << 26;
    // Per worker: every worker needs its own few time slices of CPU.
    private static readonly TimeSpan LongRoundPerWorker = TimeSpan.FromMilliseconds(20);
    private const int LongRoundsInBudget = 3;

    // Keep a correct strategy inside the grader's per-test limits (5 s of processor time, 15 s of wall-clock time).
    // On a heavily loaded machine the wall cap stops the repetition before the CPU budget is spent. The CPU cap matters
    // on a quiet machine with more cores than one: 3 s of wall-clock time on two busy cores is 6 s of processor time,
    // which once failed a correct strategy whose rounds stayed short even at LargestOperations.
    private static readonly TimeSpan WallCap = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CpuCap = TimeSpan.FromSeconds(2);

    private static IEnumerable<TestCaseData> EveryStrategyAndWorkerCount() =>
        from key in StrategyCatalog.Keys
        from workers in new[] { 1, 2, 4, 8 }
        select new TestCaseData(key, workers).SetArgDisplayNames(key, $"{workers} workers");

    [TestCaseSource(nameof(EveryStrategyAndWorkerCount))]
    [Category("safety")]
    public void Counts_every_operation_exactly(string key, int workers)
    {
        var strategy = StrategyCatalog.Create(key);
        var operations = key == StrategyCatalog.TaskPerOperationKey ? SmallOperations : Operations;
        var largest = key == StrategyCatalog.TaskPerOperationKey ? TaskPerOperation.MaxOperations : LargestOperations;

        // A lost update needs a thread to be between the read and the write of a shared counter while another thread
        // updates it: both running at once, or one preempted mid-update while the other runs. A run of a few
        // milliseconds can finish inside one time slice of a loaded machine and do neither, so a racy counter would pass
        // by luck. With several workers the count is therefore repeated, doubling the operations until one run keeps the
        // workers busy for LongRoundPerWorker of CPU time each (several time slices, so on a busy machine they are
        // preempted mid-loop and on a quiet one they overlap), until the runs used LongRoundsInBudget times that in all. CPU time,
        // not wall time: on a loaded machine a run lasts long while doing little. A correct strategy is exact every
        // round; a racy one loses increments.
        var wall = Stopwatch.StartNew();
        var cpuAtStart = ProcessCpuTime();
        var sawLongRound = false;
        for (var round = 1; ; round++)
        {
            var cpuBefore = ProcessCpuTime();
            var total = Bounded(() => strategy.Count(workers, operations), $"{strategy.Name} with {workers} workers");

            Assert.That(total, Is.EqualTo(operations),
                $"'{strategy.Name}' with {workers} workers counted {total} of {operations} operations (round {round}). " +
                (total < operations ? "Increments were lost: two threads updated shared state without coordination, or a share was dropped."
                                    : "More than asked: the shares of the workers must add up to the operation count."));
            if (workers == 1)
            {
                return;
            }

            var cpuNow = ProcessCpuTime();
            var longRound = cpuNow - cpuBefore >= LongRoundPerWorker * workers;
            sawLongRound |= longRound;
            var canGrow = operations <= largest / 2;
            // A fast strategy may never make a long round, even at the largest count: then rounds at that count fill the budget.
            var budgetSpent = cpuNow - cpuAtStart >= LongRoundsInBudget * LongRoundPerWorker * workers;
            if ((budgetSpent && (sawLongRound || !canGrow)) || cpuNow - cpuAtStart >= CpuCap || wall.Elapsed >= WallCap)
            {
                return;
            }

            if (!longRound && canGrow)
            {
                operations = operations * 2 + 1;
            }
        }
    }

    private static TimeSpan ProcessCpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    [TestCase(0L)]
    [TestCase(1L)]
    [TestCase(7L)]
    [Category("safety")]
    public void Counts_tiny_totals_with_more_workers_than_operations(long operations)
    {
        foreach (var key in StrategyCatalog.Keys)
        {
            var strategy = StrategyCatalog.Create(key);
            var total = Bounded(() => strategy.Count(8, operations), $"{strategy.Name} with 8 workers and {operations} operations");
            Assert.That(total, Is.EqualTo(operations), $"'{strategy.Name}' with 8 workers and {operations} operations counted {total}.");
        }
    }

    [Test]
    [Category("behaviour")]
    public void Every_strategy_has_its_own_name()
    {
        var names = StrategyCatalog.Keys.Select(k => StrategyCatalog.Create(k).Name).ToList();

        Assert.That(names, Is.Unique.And.All.Not.Empty, "Names label the rows of the benchmark tables: " + string.Join(", ", names));
    }

    [Test]
    [Category("behaviour")]
    public void The_list_of_all_strategies_holds_one_of_each_kind()
    {
        var kinds = CountingStrategies.All().Select(s => s is NoCoordination n ? $"{nameof(NoCoordination)}/{n.Layout}" : s.GetType().Name);

        Assert.That(kinds, Is.EqualTo(new[]
        {
            "NoCoordination/Padded", "NoCoordination/Adjacent", nameof(CoarseLock), nameof(StripedLocks), nameof(InterlockedCounter),
            nameof(BatchedMessages), nameof(TaskPerOperation),
        }));
    }

    [Test]
    [Category("behaviour")]
    public void Zero_or_negative_workers_are_refused()
    {
        foreach (var key in StrategyCatalog.Keys)
        {
            var strategy = StrategyCatalog.Create(key);
            Assert.That(() => strategy.Count(0, 10), Throws.InstanceOf<ArgumentOutOfRangeException>(), $"'{strategy.Name}' with 0 workers");
        }
    }

    [Test]
    [Category("behaviour")]
    public void One_task_per_operation_refuses_large_counts()
    {
        Assert.That(() => new TaskPerOperation().Count(4, TaskPerOperation.MaxOperations + 1), Throws.InstanceOf<ArgumentOutOfRangeException>(),
            $"Above {TaskPerOperation.MaxOperations} operations, one task each is just slow; refuse instead.");
    }

    private static IEnumerable<TestCaseData> EveryStrategyWithItsName()
    {
        var cases = new (string What, Func<ICountingStrategy> Create, string Name)[]
        {
            ("padded", () => new NoCoordination(), "no coordination"),
            ("adjacent", () => new NoCoordination(CounterLayout.Adjacent), "no coordination, adjacent counters"),
            ("coarse lock", () => new CoarseLock(), "coarse lock"),
            ("16 stripes", () => new StripedLocks(), "16 striped locks"),
            ("3 stripes", () => new StripedLocks(3), "3 striped locks"),
            ("interlocked", () => new InterlockedCounter(), "interlocked"),
            ("batches of 1000", () => new BatchedMessages(), "batched messages (1000)"),
            ("batches of 50", () => new BatchedMessages(50), "batched messages (50)"),
            ("task per operation", () => new TaskPerOperation(), "task per operation"),
        };
        return cases.Select(c => new TestCaseData(c.Create, c.Name).SetArgDisplayNames(c.What));
    }

    [TestCaseSource(nameof(EveryStrategyWithItsName))]
    [Category("behaviour")]
    public void Each_strategy_has_its_documented_name(Func<ICountingStrategy> create, string expected)
    {
        Assert.That(create().Name, Is.EqualTo(expected),
            "The name labels the strategy's row in the benchmark tables, so it must be the one the XML docs give " +
            "(padded counters are plain \"no coordination\"; the stripe count and batch size are the actual ones).");
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(17)]
    [Category("safety")]
    public void Striped_locks_count_exactly_with_any_stripe_count(int stripes)
    {
        var strategy = new StripedLocks(stripes);

        var total = Bounded(() => strategy.Count(2, SmallOperations), $"{stripes} striped locks with 2 workers");

        Assert.That(total, Is.EqualTo(SmallOperations),
            $"{stripes} striped locks with 2 workers counted {total} of {SmallOperations}: operation i of a worker uses " +
            $"stripe i mod {stripes}, so the index must wrap back to 0 after the last stripe, whatever the stripe count.");
    }

    [TestCase(0)]
    [TestCase(-1)]
    [Category("behaviour")]
    public void A_stripe_count_below_one_is_refused(int stripes)
    {
        Assert.That(() => new StripedLocks(stripes),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("stripes"),
            $"StripedLocks({stripes}) would have no stripe to count on: refuse it under the parameter's name.");
    }

    [TestCase(0)]
    [TestCase(-1)]
    [Category("behaviour")]
    public void A_batch_size_below_one_is_refused(int batchSize)
    {
        Assert.That(() => new BatchedMessages(batchSize),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("batchSize"),
            $"BatchedMessages({batchSize}) could never fill a batch: refuse it under the parameter's name.");
    }

    [Test]
    [Category("behaviour")]
    public void Negative_operations_are_refused()
    {
        foreach (var key in StrategyCatalog.Keys)
        {
            var strategy = StrategyCatalog.Create(key);
            var what = $"'{strategy.Name}' with 2 workers and -1 operations";
            var run = Task.Factory.StartNew(() => strategy.Count(2, -1), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            // WaitAny, unlike Wait, does not rethrow the exception we want to look at.
            if (Task.WaitAny([run], HangLimit) < 0)
            {
                Assert.Fail($"{what} did not finish within {HangLimit.TotalSeconds:0} s: check the arguments before starting any thread.");
            }

            Assert.That(run.Exception?.InnerException,
                Is.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("operations"),
                $"{what} returned {(run.IsFaulted ? "another exception" : run.Result.ToString(CultureInfo.InvariantCulture))}: " +
                "refuse a negative count on the calling thread, before any worker starts (an exception on a worker thread ends the process).");
        }
    }

    // A strategy whose workers wait for each other forever must fail, not hang the suite.
    private static long Bounded(Func<long> count, string what)
    {
        var run = Task.Factory.StartNew(count, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!run.Wait(HangLimit))
        {
            Assert.Fail($"{what} did not finish within {HangLimit.TotalSeconds:0} s: do all workers start, and does the aggregator stop?");
        }

        return run.Result;
    }
}
