using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace DistSys.CoordinationBenchmark.Tests.Benchmarks;

/// <summary>Adds the exercise's own overhead and scaling tables (<see cref="CoordinationReport"/>) to BenchmarkDotNet's output.</summary>
public sealed class CoordinationTablesConfig : ManualConfig
{
    /// <summary>Registers the table exporter.</summary>
    public CoordinationTablesConfig()
    {
        AddExporter(new CoordinationTablesExporter());
    }

    private sealed class CoordinationTablesExporter : ExporterBase
    {
        protected override string FileExtension => "md";

        protected override string FileCaption => "coordination-tables";

        public override void ExportToLog(Summary summary, ILogger logger)
        {
            var measurements = summary.Reports
                .Where(r => r.Success && r.ResultStatistics is not null)
                .Where(r => r.BenchmarkCase.HasParameters && r.BenchmarkCase.Parameters.Items.Any(p => p.Name == "Workers"))
                .Select(r =>
                {
                    var key = (string)r.BenchmarkCase.Parameters["Strategy"];
                    var workers = (int)r.BenchmarkCase.Parameters["Workers"];
                    var operations = r.BenchmarkCase.Descriptor.OperationsPerInvoke;
                    var elapsed = TimeSpan.FromTicks((long)(r.ResultStatistics!.Mean * operations / 100));
                    return new Measurement(StrategyCatalog.Create(key).Name, workers, operations, elapsed);
                })
                .ToList();
            logger.WriteLine(CoordinationReport.Format(measurements));
        }
    }
}
