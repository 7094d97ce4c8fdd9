using DistSys.Testing;

namespace DistSys.Crdts.Tests;

public class ConvergenceReportTests
{
    [Test]
    [SetCulture("de-DE")]
    [Category("report")]
    public void Convergence_report_matches_the_expected_walkthrough() => Snapshot.Verify(ConvergenceReport.Render());
}
