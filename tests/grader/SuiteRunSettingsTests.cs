using DistSys.Grader.Running;

namespace DistSys.Grader.Tests;

public class SuiteRunSettingsTests
{
    private static readonly SuiteRunSettings FiveSeconds = new(TimeSpan.FromSeconds(5), new Dictionary<string, string?>());

    [Test]
    public void A_running_test_gets_its_processor_time_limit_three_times_over_in_wall_clock_time()
    {
        Assert.That(FiveSeconds.LimitWhile(listed: true, inTest: true), Is.EqualTo(TimeSpan.FromSeconds(15)),
            "a loaded machine stretches wall-clock time; processor time (5 s) stops loops, the wall clock (15 s) stops deadlocks");
    }

    [Test]
    public void Set_up_between_tests_gets_three_times_the_test_limit()
    {
        Assert.That(FiveSeconds.LimitWhile(listed: true, inTest: false), Is.EqualTo(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void Start_up_gets_at_least_thirty_seconds_however_short_the_test_limit()
    {
        var oneSecond = FiveSeconds with { TestTimeout = TimeSpan.FromSeconds(1) };

        Assert.That(oneSecond.LimitWhile(listed: false, inTest: false), Is.EqualTo(TimeSpan.FromSeconds(30)));
    }
}
