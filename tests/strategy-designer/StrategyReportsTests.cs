using DistSys.Testing;

namespace DistSys.StrategyDesigner.Tests;

[SetCulture("de-DE")]
public class StrategyReportsTests
{
    private static IEnumerable<string> Scenarios => StrategyReports.Scenarios;

    [TestCaseSource(nameof(Scenarios))]
    public void Report(string scenario)
    {
        var report = StrategyReports.Render(scenario);
        TestContext.Out.WriteLine(report);

        Snapshot.Verify(report);
    }

    [Test]
    public void An_unknown_scenario_is_an_error_that_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => StrategyReports.Render("moon-base"));

        Assert.That(error!.Message, Does.Contain("financial-ledger").And.Contain("distributed-lock-service"));
    }
}
