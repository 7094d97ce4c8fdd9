using BenchmarkDotNet.Attributes;

namespace DistSys.CoordinationBenchmark.Tests.Benchmarks;

/// <summary>
/// The machine's limits: for each kind of coordination the strategies use, the cheapest code that does it, in the shape
/// the grader times (a million increments per invocation, split over four threads started together; the thread starts
/// are part of every strategy, so they are part of the limit too). A reference strategy should stay within 2x of the
/// limit of its kind, so that the benchmark stage grades the coordination and not the overhead around it.
/// Full mode only: <c>dotnet run -c Release --project tests/coordination-benchmark -- --distsys-benchmarks --mode full --filter '*MachineLimit*'</c>;
/// add <c>--job graded</c> to time it with the graded stage's job and statistic (the fastest of 9 invocations).
/// </summary>
/// <remarks>
/// Every loop is a static method over a <c>ref</c> to its counter: no closure to reload, no bounds check, nothing but the
/// increment itself. The plain increments go through memory, as <see cref="NoCoordination"/>'s must (the exercise
/// forbids counting in a local variable, so that padded and adjacent counters do the same work).
/// </remarks>
public class MachineLimitBenchmarks
{
    /// <summary>Increments per invocation (the graded case's count).</summary>
    public const int Operations = CountingBenchmarks.Operations;

    // 128 bytes between padded counters: a cache line and the neighbour that the adjacent-line prefetcher pulls in.
    private const int PaddedStride = 128 / sizeof(long);

    /// <summary>Threads: 1 (no other core involved) and the graded case's 4.</summary>
    [Params(1, 4)]
    public int Threads { get; set; }

    /// <summary>Limit of no coordination (and of batched messages' local counting): each thread its own padded counter in memory.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long OwnPaddedCounter()
    {
        var counters = new long[(Threads + 1) * PaddedStride];
        OnThreads(Threads, (thread, share) => IncrementInMemory(ref counters[(thread + 1) * PaddedStride], share));
        return counters.Sum();
    }

    /// <summary>Limit of adjacent counters: each thread its own counter, all counters in one cache line (false sharing).</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long AdjacentCounters()
    {
        var counters = new long[Threads];
        OnThreads(Threads, (thread, share) => IncrementInMemory(ref counters[thread], share));
        return counters.Sum();
    }

    /// <summary>Limit of a shared atomic counter: every thread <see cref="Interlocked.Increment(ref long)"/> on one counter.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long InterlockedOnOneCounter()
    {
        var counter = new long[1];
        OnThreads(Threads, (_, share) => IncrementAtomically(ref counter[0], share));
        return counter[0];
    }

    /// <summary>Limit of a lock: every thread takes one Monitor lock around each increment of one counter.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long LockAroundOneCounter()
    {
        var gate = new object();
        var counter = new long[1];
        OnThreads(Threads, (_, share) => IncrementUnderLock(gate, ref counter[0], share));
        return counter[0];
    }

    private static void IncrementInMemory(ref long counter, long times)
    {
        for (long i = 0; i < times; i++)
        {
            counter++;
        }
    }

    private static void IncrementAtomically(ref long counter, long times)
    {
        for (long i = 0; i < times; i++)
        {
            Interlocked.Increment(ref counter);
        }
    }

    private static void IncrementUnderLock(object gate, ref long counter, long times)
    {
        for (long i = 0; i < times; i++)
        {
            lock (gate)
            {
                counter++;
            }
        }
    }

    private static void OnThreads(int threads, Action<int, long> body)
    {
        using var start = new Barrier(threads);
        var started = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            start.SignalAndWait();
            body(thread, Operations / threads + (thread < Operations % threads ? 1 : 0));
        })).ToList();
        started.ForEach(t => t.Start());
        started.ForEach(t => t.Join());
    }
}
