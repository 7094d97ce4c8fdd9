using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace DistSys.Testing.Hosting;

/// <summary>
/// Runs a suite's BenchmarkDotNet classes inside the suite process (in-process toolchain), for the grader's benchmark
/// stage (<see cref="BenchmarkProtocol.GradedMode"/>) or for instructors (<see cref="BenchmarkProtocol.FullMode"/>):
/// <c>dotnet run -c Release --project tests/&lt;slug&gt; -- --distsys-benchmarks --mode full</c>.
/// </summary>
public static class BenchmarkHost
{
    private const string FilterOption = "--filter";

    // Full mode only: "--job graded" times the chosen classes with the graded stage's job and reports its statistic
    // (the fastest of 9 invocations), so that a probe and a strategy are compared the way the grader compares them.
    private const string JobOption = "--job";
    private const string GradedJob = "graded";

    /// <summary>Entry point, reached from <see cref="SuiteHost.Run"/> when the arguments contain <see cref="BenchmarkProtocol.Argument"/>.</summary>
    public static int Run(Assembly suite, string[] args)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(args);
        var mode = Option(args, BenchmarkProtocol.ModeOption) ?? BenchmarkProtocol.GradedMode;
        var types = BenchmarkTypes(suite, graded: mode == BenchmarkProtocol.GradedMode);
        if (mode == BenchmarkProtocol.FullMode)
        {
            // --filter PATTERN[,PATTERN...] (BenchmarkDotNet's globs over Type.Method) runs a part of the full suite, say
            // one probe class, or a probe and the strategies it bounds in one process.
            var config = Option(args, JobOption) == GradedJob ? GradedStatisticConfig() : FullConfig();
            config = Option(args, FilterOption) is { } pattern ? config.AddFilter(new GlobFilter(pattern.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))) : config;
            BenchmarkRunner.Run(types, config);
            return 0;
        }

        if (mode != BenchmarkProtocol.GradedMode || Option(args, BenchmarkProtocol.ResultsOption) is not { } resultsPath)
        {
            Console.Error.WriteLine($"Usage: {BenchmarkProtocol.Argument} [{BenchmarkProtocol.ModeOption} graded|full] [{FilterOption} glob[,glob...]] [{JobOption} {GradedJob}] (full mode) " +
                                    $"[{BenchmarkProtocol.ResultsOption} results.json] [{BenchmarkProtocol.TestOutcomesOption} outcomes.txt]");
            return 2;
        }

        var outcomesPath = Option(args, BenchmarkProtocol.TestOutcomesOption);
        var outcomes = outcomesPath is null ? null : BenchmarkProtocol.ParseOutcomes(File.ReadAllText(outcomesPath));
        var results = RunGraded(types, outcomes, calibration: !args.Contains(BenchmarkProtocol.NoCalibrationOption));
        File.WriteAllText(resultsPath, BenchmarkProtocol.Format(results));
        return 0;
    }

    private static BenchmarkResults RunGraded(Type[] types, IReadOnlyList<(string TestName, bool Passed)>? outcomes, bool calibration)
    {
        var gated = new List<BenchmarkCaseResult>();
        var config = GradedConfig().AddFilter(new SimpleFilter(benchmark =>
        {
            if (benchmark.Descriptor.Type == typeof(CalibrationBenchmark) || GatePasses(benchmark, outcomes))
            {
                return true;
            }

            gated.Add(new BenchmarkCaseResult(CaseId(benchmark), false, null, "its correctness tests did not all pass"));
            return false;
        }));
        var summaries = BenchmarkRunner.Run(calibration ? [.. types, typeof(CalibrationBenchmark)] : types, config);
        var measured = summaries.SelectMany(s => s.Reports).Select(report => new BenchmarkCaseResult(
            CaseId(report.BenchmarkCase),
            true,
            // The fastest iteration: other work on a shared machine only ever adds time to an iteration, never takes any
            // away, so the minimum is the estimate that load disturbs least (the median followed the load: identical
            // code measured up to 3x apart under load). Student and reference are measured the same way.
            report.Success ? report.ResultStatistics?.Min : null,
            report.Success ? null : "the benchmark failed (an exception, or no result)"));
        return new BenchmarkResults([.. measured, .. gated.DistinctBy(g => g.Id)]);
    }

    // Graded mode: the graded classes. Full mode: the others (the graded ones repeat a subset of them), or all if none.
    private static Type[] BenchmarkTypes(Assembly suite, bool graded)
    {
        var all = suite.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true })
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
        var chosen = all.Where(t => IsGraded(t) == graded).ToArray();
        return graded || chosen.Length > 0 ? chosen : all;
    }

    private static bool IsGraded(Type type) =>
        type.GetCustomAttributes<BenchmarkCategoryAttribute>().Any(c => c.Categories.Contains(BenchmarkProtocol.GradedCategory)) ||
        type.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.Contains(BenchmarkProtocol.GradedCategory) == true);

    private static bool GatePasses(BenchmarkCase benchmark, IReadOnlyList<(string TestName, bool Passed)>? outcomes)
    {
        if (outcomes is null)
        {
            return true;
        }

        var gate = benchmark.Descriptor.Type.GetCustomAttribute<BenchmarkGateAttribute>();
        if (gate is null)
        {
            return outcomes.Count > 0 && outcomes.All(o => o.Passed);
        }

        var pattern = benchmark.Parameters.Items.Aggregate(gate.TestNamePattern,
            (text, parameter) => text.Replace("{" + parameter.Name + "}", Convert.ToString(parameter.Value, CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var gating = outcomes.Where(o => o.TestName.Contains(pattern, StringComparison.Ordinal)).ToList();
        return gating.Count > 0 && gating.All(o => o.Passed);
    }

    /// <summary>Type, method and parameters: stable across runs and identical for the student's and the reference build.</summary>
    private static string CaseId(BenchmarkCase benchmark)
    {
        var parameters = string.Join(", ", benchmark.Parameters.Items.Select(p =>
            p.Name + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)));
        return $"{benchmark.Descriptor.Type.Name}.{benchmark.Descriptor.WorkloadMethod.Name}({parameters})";
    }

    // Short and fixed: the stage alternates several student and reference processes within its cap, and more short
    // processes, paired, say more about a loaded machine than a few long ones. Monitoring: each iteration is one
    // invocation (a million increments, 1-60 ms), with no pilot and no overhead stages, which at that size measure
    // nothing and cost most of the time: the default job's stages took 81 s of wall time (5 s of CPU) per process at
    // a load average of 50, this one a fraction of that.
    private static Job GradedJobDefinition =>
        Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(9)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId(GradedJob);

    private static ManualConfig GradedConfig() =>
        ManualConfig.CreateEmpty()
            .AddJob(GradedJobDefinition)
            .AddLogger(new DiscardingLogger())
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "distsys-benchmarks", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);

    private static ManualConfig FullConfig() =>
        ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun
                .WithToolchain(InProcessEmitToolchain.Instance)
                // BenchmarkDotNet 0.14 does not recognise .NET 10 and then refuses the ThreadingDiagnoser; in process the
                // code runs on the current runtime whatever this says, so name the newest runtime it knows.
                .WithRuntime(CoreRuntime.Core90)
                .WithWarmupCount(2)
                .WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithUnrollFactor(1))
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default, ThreadingDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithOptions(ConfigOptions.JoinSummary);

    // The graded job with a readable table: Min is the statistic the stage scores.
    private static ManualConfig GradedStatisticConfig() =>
        ManualConfig.CreateEmpty()
            .AddJob(GradedJobDefinition)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Min)
            .AddExporter(MarkdownExporter.GitHub)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableOptimizationsValidator);

    /// <summary>The grader reads the JSON results; BenchmarkDotNet's progress log would only fill its capture.</summary>
    private sealed class DiscardingLogger : ILogger
    {
        public string Id => nameof(DiscardingLogger);

        public int Priority => 0;

        public void Write(LogKind logKind, string text)
        {
        }

        public void WriteLine()
        {
        }

        public void WriteLine(LogKind logKind, string text)
        {
        }

        public void Flush()
        {
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
