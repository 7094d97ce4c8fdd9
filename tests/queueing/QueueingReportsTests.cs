using DistSys.Testing;

namespace DistSys.Queueing.Tests;

[SetCulture("de-DE")]
public class QueueingReportsTests
{
    private static IEnumerable<string> Scenarios => QueueingReports.Scenarios;

    [TestCaseSource(nameof(Scenarios))]
    public void Report(string scenario)
    {
        var report = QueueingReports.Render(scenario);
        TestContext.Out.WriteLine(report);

        Snapshot.Verify(report);
    }

    [Test]
    public void An_unknown_scenario_is_an_error_that_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => QueueingReports.Render("moon-base"));

        Assert.That(error!.Message, Does.Contain("web-server").And.Contain("connection-pool"));
    }
}
