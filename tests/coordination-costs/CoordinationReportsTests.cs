using DistSys.Testing;

namespace DistSys.CoordinationCosts.Tests;

[SetCulture("de-DE")]
public class CoordinationReportsTests
{
    private static IEnumerable<string> Scenarios => CoordinationReports.Scenarios;

    [TestCaseSource(nameof(Scenarios))]
    [Category("report")]
    public void Report(string scenario)
    {
        var report = CoordinationReports.Render(scenario);
        TestContext.Out.WriteLine(report);

        Snapshot.Verify(report);
    }
}
