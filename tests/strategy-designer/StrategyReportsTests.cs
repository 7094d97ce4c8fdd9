using DistSys.Testing;

namespace DistSys.StrategyDesigner.Tests;

[SetCulture("de-DE")]
public class StrategyReportsTests
{
    private static IEnumerable<string> Scenarios => StrategyReports.Scenarios;

    [TestCaseSource(nameof(Scenarios))]
    [Category("report")]
    public void Report(string scenario)
    {
        var report = StrategyReports.Render(scenario);
        TestContext.Out.WriteLine(report);

        Snapshot.Verify(report);
    }
}
