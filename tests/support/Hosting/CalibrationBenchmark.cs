using BenchmarkDotNet.Attributes;

namespace DistSys.Testing.Hosting;

/// <summary>
/// A fixed workload that ships with the grader: contended locking and atomic increments on two threads. When a kit has no
/// reference solutions, a student's benchmark is compared with this instead, scaled by the reference's own ratio to it
/// (recorded by the instructor), so that the machine's speed cancels out.
/// </summary>
public class CalibrationBenchmark
{
    /// <summary>Increments per invocation.</summary>
    public const int Operations = 400_000;

    /// <summary>Two threads: half of the increments under one lock, half with Interlocked.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long ContendedIncrements()
    {
        var gate = new Lock();
        long locked = 0;
        long atomic = 0;
        var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < Operations / 4; i++)
            {
                lock (gate)
                {
                    locked++;
                }

                Interlocked.Increment(ref atomic);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return locked + atomic;
    }
}
