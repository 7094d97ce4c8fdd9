using BenchmarkDotNet.Attributes;
using DistSys.Testing.Hosting;

namespace DistSys.CoordinationBenchmark.Tests.Benchmarks;

/// <summary>
/// Every scalable strategy at 1, 2, 4 and 8 workers, a million increments per invocation; results are per increment.
/// Run: <c>dotnet run -c Release --project tests/coordination-benchmark -- --distsys-benchmarks --mode full</c>
/// (add <c>-p:DistSysTarget=exercises</c> for your own code).
/// </summary>
[Config(typeof(CoordinationTablesConfig))]
public class CountingBenchmarks
{
    /// <summary>Increments per invocation.</summary>
    public const int Operations = 1_000_000;

    private ICountingStrategy _strategy = null!;

    /// <summary>The strategy's key in <see cref="StrategyCatalog"/>.</summary>
    [ParamsSource(nameof(Strategies))]
    public string Strategy { get; set; } = "";

    /// <summary>Worker threads (the machine may have fewer cores: that is part of the lesson).</summary>
    [Params(1, 2, 4, 8)]
    public int Workers { get; set; }

    /// <summary>Every strategy that can count a million operations.</summary>
    public static IEnumerable<string> Strategies => StrategyCatalog.ScalableKeys;

    /// <summary>Builds the strategy once, outside the measurement.</summary>
    [GlobalSetup]
    public void CreateStrategy() => _strategy = StrategyCatalog.Create(Strategy);

    /// <summary>One counting run.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long Count() => _strategy.Count(Workers, Operations);
}

/// <summary>One task per operation, at a count small enough for it.</summary>
[Config(typeof(CoordinationTablesConfig))]
public class TaskPerOperationBenchmarks
{
    /// <summary>Increments per invocation.</summary>
    public const int Operations = 10_000;

    private readonly ICountingStrategy _strategy = StrategyCatalog.Create(StrategyCatalog.TaskPerOperationKey);

    /// <summary>Always task per operation; a parameter so that the tables treat it like the others.</summary>
    [Params(StrategyCatalog.TaskPerOperationKey)]
    public string Strategy { get; set; } = "";

    /// <summary>Worker threads that start the tasks.</summary>
    [Params(1, 2, 4, 8)]
    public int Workers { get; set; }

    /// <summary>One counting run.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long Count() => _strategy.Count(Workers, Operations);
}

/// <summary>
/// What the grader times: every scalable strategy at the seed's four workers. A strategy counts only if its exactness
/// tests passed (<see cref="BenchmarkGateAttribute"/>).
/// </summary>
[BenchmarkCategory(BenchmarkCategories.Graded)]
[BenchmarkGate("Counts_every_operation_exactly({Strategy},")]
public class GradedCountingBenchmarks
{
    private ICountingStrategy _strategy = null!;

    /// <summary>The strategy's key in <see cref="StrategyCatalog"/>.</summary>
    [ParamsSource(nameof(Strategies))]
    public string Strategy { get; set; } = "";

    /// <summary>Every strategy that can count a million operations.</summary>
    public static IEnumerable<string> Strategies => StrategyCatalog.ScalableKeys;

    /// <summary>Builds the strategy once, outside the measurement.</summary>
    [GlobalSetup]
    public void CreateStrategy() => _strategy = StrategyCatalog.Create(Strategy);

    /// <summary>One counting run with four workers.</summary>
    [Benchmark(OperationsPerInvoke = CountingBenchmarks.Operations)]
    public long Count() => _strategy.Count(4, CountingBenchmarks.Operations);
}
