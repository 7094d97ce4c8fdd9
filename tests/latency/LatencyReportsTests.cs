using DistSys.Testing;

namespace DistSys.Latency.Tests;

[SetCulture("de-DE")]
public class LatencyReportsTests
{
    private static IEnumerable<string> Scenarios => LatencyReports.Scenarios;

    [TestCaseSource(nameof(Scenarios))]
    [Category("report")]
    public void Report(string scenario)
    {
        var report = LatencyReports.Render(scenario);
        TestContext.Out.WriteLine(report);

        Snapshot.Verify(report);
    }
}
