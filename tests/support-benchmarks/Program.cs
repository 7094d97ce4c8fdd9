using System.Diagnostics;
using BenchmarkDotNet.Running;
using DistSys.Testing.Benchmarks;
using DistSys.Testing.Linearizability;

if (args is ["--once", ..])
{
    // A quick look without BenchmarkDotNet: one timed check per configuration.
    foreach (var keys in new[] { 10, 3 })
    {
        foreach (var operations in args.Skip(1).Select(int.Parse).DefaultIfEmpty(10_000))
        {
            var history = SampleHistories.LinearizableKv(seed: 1, clients: 10, keys, operations);
            var watch = Stopwatch.StartNew();
            var result = LinearizabilityChecker.Check(new KeyValueModel(), history);
            Console.WriteLine($"{operations} operations, {keys} key(s): {result.Outcome} in {watch.Elapsed.TotalMilliseconds:F1} ms");
        }
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(LinearizabilityBenchmark).Assembly).Run(args);
