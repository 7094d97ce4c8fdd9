using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DistSys.Runtime.Benchmarks;

/// <summary>Simulated seconds per wall-clock second, for benchmarks whose operation is one simulated second.</summary>
internal sealed class SpeedColumn : IColumn
{
    public string Id => nameof(SpeedColumn);
    public string ColumnName => "Speed (sim s / wall s)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Simulated seconds per wall-clock second (1 s / Mean)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0
            ? (1e9 / meanNanoseconds.Value).ToString("N0", CultureInfo.InvariantCulture) + "x"
            : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
