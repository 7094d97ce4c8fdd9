using System.Globalization;

namespace DistSys.Grader.Running;

/// <summary>
/// Wall-clock time since <see cref="Restart"/> minus the time the process was ready to run but waiting for a core: on a
/// quiet machine the same as a stopwatch; on a machine with twenty runnable processes per core it advances only while
/// the process actually runs or waits for something (a lock, a sleep, a deadlock). This is what a wall-clock limit for
/// "waiting forever" must measure, since a starved test is not a hung one.
/// </summary>
/// <remarks>
/// Linux counts each thread's run-queue wait in <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/schedstat</c> (second field, in
/// nanoseconds). The credit is the largest increase over any one thread since the restart: the thread running the test
/// waits at least that long when it is the starved one, and threads wait in parallel, so summing them would overcount.
/// Where the file cannot be read (another OS, a process that is gone) the credit is zero and this is a plain stopwatch.
/// </remarks>
/// <param name="processRoot">Where the kernel's process files are (<c>/proc</c>; a fake tree in tests).</param>
internal sealed class StarvationClock(int processId, TimeProvider time, string processRoot = "/proc")
{
    private long started = time.GetTimestamp();
    private Dictionary<int, long> baseline = RunQueueWaits(processRoot, processId);

    public void Restart()
    {
        baseline = RunQueueWaits(processRoot, processId);
        started = time.GetTimestamp();
    }

    /// <summary>Time since the restart that the process was not kept off a core by other processes.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var elapsed = time.GetElapsedTime(started);
            long credit = 0;
            foreach (var (thread, waited) in RunQueueWaits(processRoot, processId))
            {
                credit = Math.Max(credit, waited - baseline.GetValueOrDefault(thread));
            }

            return elapsed - TimeSpan.FromTicks(Math.Clamp(credit / 100, 0, elapsed.Ticks));
        }
    }

    /// <summary>Total run-queue wait (ns) of each thread of the process, by thread id.</summary>
    private static Dictionary<int, long> RunQueueWaits(string processRoot, int processId)
    {
        var waits = new Dictionary<int, long>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories(Path.Combine(processRoot, processId.ToString(CultureInfo.InvariantCulture), "task")))
            {
                try
                {
                    var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                    if (fields.Length >= 2 && int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var thread)
                        && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var waited))
                    {
                        waits[thread] = waited;
                    }
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            // No /proc (not Linux) or the process is gone: no credit.
        }

        return waits;
    }
}
