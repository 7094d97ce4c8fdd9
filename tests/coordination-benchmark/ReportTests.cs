using DistSys.Testing;

namespace DistSys.CoordinationBenchmark.Tests;

/// <summary>The report is checked on fixed measurements, so its layout is exact whatever machine runs the tests.</summary>
public sealed class ReportTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    [Test]
    [Category("report")]
    public void Formats_the_overhead_and_scaling_tables()
    {
        var measurements = new List<Measurement>();
        foreach (var (strategy, milliseconds) in new[]
                 {
                     ("no coordination", new[] { 4.0, 2.0, 2.1, 2.2 }),
                     ("coarse lock", new[] { 20.0, 45.0, 52.0, 55.0 }),
                     ("interlocked", new[] { 6.0, 14.0, 15.5, 15.0 }),
                 })
        {
            var workers = new[] { 1, 2, 4, 8 };
            measurements.AddRange(workers.Select((w, i) => new Measurement(strategy, w, 1_000_000, milliseconds[i] * Millisecond)));
        }

        measurements.Add(new Measurement("task per operation", 2, 10_000, 3 * Millisecond));

        Snapshot.Verify(CoordinationReport.Format(measurements));
    }

    [Test]
    [Category("report")]
    public void Without_the_baseline_the_slowdown_is_a_dash()
    {
        var report = CoordinationReport.Format([new Measurement("coarse lock", 4, 1_000, Millisecond)]);

        Snapshot.Verify(report);
    }
}
