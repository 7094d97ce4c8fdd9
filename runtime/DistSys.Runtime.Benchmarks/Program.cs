using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using DistSys.Runtime.Benchmarks;

IConfig config = DefaultConfig.Instance.AddColumn(new SpeedColumn());
BenchmarkSwitcher.FromAssembly(typeof(HeartbeatBenchmark).Assembly).Run(args, config);
