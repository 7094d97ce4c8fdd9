using DistSys.Grader.Running;
using DistSys.Testing;

namespace DistSys.Grader.Tests;

/// <summary>
/// The clock behind the grader's wall-clock limits does not count time a loaded machine kept the suite waiting for a
/// core (read from a fake /proc tree here, with a manual clock).
/// </summary>
public class StarvationClockTests
{
    private const int Pid = 4242;
    private string proc = string.Empty;
    private readonly ManualTimeProvider time = new();

    [SetUp]
    public void CreateFakeProc() => proc = Directory.CreateTempSubdirectory("distsys-proc-").FullName;

    [TearDown]
    public void DeleteFakeProc() => Directory.Delete(proc, recursive: true);

    [Test]
    public void On_a_quiet_machine_it_is_a_stopwatch()
    {
        Thread(1, waitedNs: 5_000);
        var clock = new StarvationClock(Pid, time, proc);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Time_spent_waiting_for_a_core_is_not_counted()
    {
        Thread(1, waitedNs: 0);
        var clock = new StarvationClock(Pid, time, proc);

        time.Advance(TimeSpan.FromSeconds(10));
        Thread(1, waitedNs: 8_000_000_000);

        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(2)), "10 s of wall-clock time, 8 of them waiting for a core");
    }

    [Test]
    public void Threads_waiting_at_the_same_time_are_not_added_up()
    {
        Thread(1, waitedNs: 0);
        Thread(2, waitedNs: 0);
        var clock = new StarvationClock(Pid, time, proc);

        time.Advance(TimeSpan.FromSeconds(10));
        Thread(1, waitedNs: 6_000_000_000);
        Thread(2, waitedNs: 7_000_000_000);

        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(3)), "the most starved thread's wait is the credit");
    }

    [Test]
    public void A_thread_started_after_the_restart_counts_all_of_its_wait()
    {
        var clock = new StarvationClock(Pid, time, proc);

        time.Advance(TimeSpan.FromSeconds(10));
        Thread(9, waitedNs: 4_000_000_000);

        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(6)));
    }

    [Test]
    public void Restarting_forgets_earlier_waits()
    {
        Thread(1, waitedNs: 0);
        var clock = new StarvationClock(Pid, time, proc);
        time.Advance(TimeSpan.FromSeconds(10));
        Thread(1, waitedNs: 9_000_000_000);

        clock.Restart();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void The_credit_never_exceeds_the_elapsed_time()
    {
        Thread(1, waitedNs: 0);
        var clock = new StarvationClock(Pid, time, proc);

        time.Advance(TimeSpan.FromSeconds(1));
        Thread(1, waitedNs: 3_600_000_000_000);

        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Without_the_process_files_it_is_a_stopwatch()
    {
        var clock = new StarvationClock(Pid, time, Path.Combine(proc, "missing"));

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    private void Thread(int id, long waitedNs)
    {
        var folder = Directory.CreateDirectory(Path.Combine(proc, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "task", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
        File.WriteAllText(Path.Combine(folder, "schedstat"), $"123456 {waitedNs} 7\n");
    }
}
