using BenchmarkDotNet.Attributes;
using DistSys.Testing.Linearizability;

namespace DistSys.Testing.Benchmarks;

/// <summary>
/// The checker on a generated, linearizable key-value history of 10,000 operations from 10 clients (each with one
/// call outstanding at a time, so up to 10 overlap) on a few keys. The target is a verdict in under one second.
/// </summary>
[MemoryDiagnoser]
public class LinearizabilityBenchmark
{
    private IReadOnlyList<Operation<KvInput, KvOutput>> _history = [];

    /// <summary>How many keys the operations spread over (fewer keys: longer partitions, harder search; see the
    /// checker's README for why one key under heavy overlap is out of reach).</summary>
    [Params(3, 10)]
    public int Keys { get; set; }

    /// <summary>Generates the history (not measured).</summary>
    [GlobalSetup]
    public void Setup() => _history = SampleHistories.LinearizableKv(seed: 1, clients: 10, keys: Keys, operations: 10_000);

    /// <summary>Decides the history.</summary>
    [Benchmark]
    public bool Check10000Operations()
    {
        var result = LinearizabilityChecker.Check(new KeyValueModel(), _history);
        return result.IsLinearizable ? true : throw new InvalidOperationException(result.Explanation);
    }
}
