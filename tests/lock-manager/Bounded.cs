namespace DistSys.LockManager.Tests;

/// <summary>
/// Waits with generous real-time limits, so that a wrong implementation (a lost wake-up, a deadlock, a blocking call)
/// fails with an explanation instead of hanging the suite. The limits never decide a correct run: correct code is done
/// in microseconds.
/// </summary>
internal static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Calls AcquireAsync on another thread; the call itself must return (a pending task) without blocking.</summary>
    public static Task<AcquireResult> Request(DistributedLockManager manager, string client, string lockName, TimeSpan waitTimeout)
    {
        // StartNew, not Task.Run: the outer task must finish when the call returns, not when the lock is granted.
        var call = Task.Factory.StartNew(() => manager.AcquireAsync(client, lockName, waitTimeout), CancellationToken.None,
            TaskCreationOptions.None, TaskScheduler.Default);
        if (!call.Wait(Limit))
        {
            Assert.Fail($"AcquireAsync(\"{client}\", \"{lockName}\") did not return within {Limit.TotalSeconds:0} s. " +
                        "It must return a task at once, even when the lock is held, and complete that task later.");
        }

        return call.Result;
    }

    /// <summary>The result of a request that must have finished (granted, timed out or refused) by now.</summary>
    public static AcquireResult Outcome(Task<AcquireResult> request, string what)
    {
        if (!request.Wait(Limit))
        {
            Assert.Fail($"{what}: the request was still waiting after {Limit.TotalSeconds:0} s (a lost wake-up?).");
        }

        return request.Result;
    }

    /// <summary>Runs <paramref name="body"/> on worker threads and fails if any is still running after the limit.</summary>
    public static void RunThreads(int count, Action<int> body, string what)
    {
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                body(i);
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        }) { IsBackground = true, Name = $"{what} #{i}" }).ToList();
        threads.ForEach(t => t.Start());
        var deadline = DateTime.UtcNow + Limit; // real time only as a hang guard
        foreach (var thread in threads)
        {
            var left = deadline - DateTime.UtcNow;
            if (!thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                Assert.Fail($"{what}: thread '{thread.Name}' was still running after {Limit.TotalSeconds:0} s; " +
                            "a waiter was never woken, or two threads wait for each other.");
            }
        }

        if (!failures.IsEmpty)
        {
            throw new AggregateException($"{what}: a worker thread failed.", failures);
        }
    }
}
