using DistSys.Testing;

namespace DistSys.Queueing.Tests;

[SetCulture("de-DE")]
public class QueueingReportsTests
{
    private static IEnumerable<string> Scenarios => QueueingReports.Scenarios;

    [TestCaseSource(nameof(Scenarios))]
    [Category("report")]
    public void Report(string scenario)
    {
        var report = QueueingReports.Render(scenario);
        TestContext.Out.WriteLine(report);

        Snapshot.Verify(report);
    }
}
