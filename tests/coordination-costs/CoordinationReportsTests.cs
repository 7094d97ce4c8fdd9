using DistSys.Testing;

namespace DistSys.CoordinationCosts.Tests;

[SetCulture("de-DE")]
public class CoordinationReportsTests
{
    private static IEnumerable<string> Scenarios => CoordinationReports.Scenarios;

    [TestCaseSource(nameof(Scenarios))]
    public void Report(string scenario)
    {
        var report = CoordinationReports.Render(scenario);
        TestContext.Out.WriteLine(report);

        Snapshot.Verify(report);
    }

    [Test]
    public void An_unknown_scenario_is_an_error_that_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => CoordinationReports.Render("moon-base"));

        Assert.That(error!.Message, Does.Contain("comparison").And.Contain("global-2pc"));
    }
}
