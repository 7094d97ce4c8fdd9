using DistSys.Testing;

namespace DistSys.Latency.Tests;

[SetCulture("de-DE")]
public class LatencyReportsTests
{
    private static IEnumerable<string> Scenarios => LatencyReports.Scenarios;

    [TestCaseSource(nameof(Scenarios))]
    public void Report(string scenario)
    {
        var report = LatencyReports.Render(scenario);
        TestContext.Out.WriteLine(report);

        Snapshot.Verify(report);
    }

    [Test]
    public void An_unknown_scenario_is_an_error_that_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => LatencyReports.Render("moon-base"));

        Assert.That(error!.Message, Does.Contain("speed-of-light").And.Contain("checkout").And.Contain("api-gateway"));
    }
}
