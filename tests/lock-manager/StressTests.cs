using DistSys.Testing;

namespace DistSys.LockManager.Tests;

/// <summary>
/// Many real threads hammering few locks. Iteration counts are fixed and the checks are invariants (never two holders,
/// nothing lost, everyone woken), not timings.
/// </summary>
public sealed class StressTests
{
    private const int Threads = 8;
    private const int RoundsPerThread = 300;

    [Test]
    [Category("safety")]
    public void No_two_clients_ever_hold_the_same_lock_at_once()
    {
        using var manager = new DistributedLockManager(new ManualTimeProvider());
        var inside = 0;
        var overlaps = 0;
        long unguardedCounter = 0;

        Bounded.RunThreads(Threads, worker =>
        {
            var client = $"client{worker}";
            for (var round = 0; round < RoundsPerThread; round++)
            {
                var grant = Bounded.Outcome(manager.AcquireAsync(client, "shared", Timeout.InfiniteTimeSpan), $"{client} round {round}");
                if (!grant.Success)
                {
                    throw new AssertionException($"{client} was refused the lock in round {round} although it waits without a timeout.");
                }

                if (Interlocked.Increment(ref inside) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                // A plain read-modify-write: only mutual exclusion keeps it exact.
                unguardedCounter = unguardedCounter + 1;
                Interlocked.Decrement(ref inside);
                if (!manager.Release(client, "shared", grant.RequestId))
                {
                    throw new AssertionException($"{client} could not release the lock it was granted in round {round}.");
                }
            }
        }, "mutual exclusion");

        Assert.That(overlaps, Is.Zero, $"{overlaps} times a client entered the critical section while another was still in it.");
        Assert.That(unguardedCounter, Is.EqualTo(Threads * RoundsPerThread),
            "Increments made inside the lock were lost, so two threads were inside at once.");
    }

    [Test]
    [Category("safety")]
    public void Every_waiter_is_woken_when_many_threads_share_a_few_locks()
    {
        using var manager = new DistributedLockManager(new ManualTimeProvider());
        var grants = 0;

        Bounded.RunThreads(Threads, worker =>
        {
            var client = $"client{worker}";
            for (var round = 0; round < RoundsPerThread; round++)
            {
                var lockName = $"lock{(worker + round) % 3}";
                var grant = Bounded.Outcome(manager.AcquireAsync(client, lockName, Timeout.InfiniteTimeSpan), $"{client} waiting for {lockName}");
                Interlocked.Increment(ref grants);
                manager.Release(client, lockName, grant.RequestId);
            }
        }, "wake-ups");

        Assert.That(grants, Is.EqualTo(Threads * RoundsPerThread), "Every request must eventually be granted.");
        for (var i = 0; i < 3; i++)
        {
            var status = manager.GetStatus($"lock{i}");
            Assert.That((status.State, status.QueueLength), Is.EqualTo((LockState.Available, 0)),
                $"lock{i}: after every client released, nothing may be held or queued.");
        }
    }
}
