using DistSys.Testing;

namespace DistSys.LockManager.Tests;

/// <summary>Everything that happens because time passes: wait timeouts, lease expiry, dead clients. Time is manual.</summary>
public sealed class TimeoutAndLeaseTests : LockManagerFixture
{
    [Test]
    [Category("behaviour")]
    public void A_waiter_whose_timeout_passes_gives_up_and_leaves_the_queue()
    {
        var alice = Grant("alice", "orders");
        var bob = Bounded.Request(Manager, "bob", "orders", TimeSpan.FromSeconds(3));

        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(bob.IsCompleted, Is.False, "bob's 3 s wait has not run out after 2 s.");

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(Bounded.Outcome(bob, "bob's wait ran out").Success, Is.False, "After 3 s bob's request must fail.");
        Assert.That(Manager.GetStatus("orders").QueueLength, Is.Zero, "A timed-out request must leave the queue.");

        Manager.Release("alice", "orders", alice.RequestId);
        Assert.That(Manager.GetStatus("orders").State, Is.EqualTo(LockState.Available),
            "The lock must not go to bob, who stopped waiting.");
    }

    [Test]
    [Category("behaviour")]
    public void A_timed_out_waiter_is_skipped_and_the_next_one_is_granted()
    {
        var alice = Grant("alice", "orders");
        var bob = Bounded.Request(Manager, "bob", "orders", TimeSpan.FromSeconds(1));
        var carol = Bounded.Request(Manager, "carol", "orders", LongWait);

        Time.Advance(TimeSpan.FromSeconds(1));
        Manager.Release("alice", "orders", alice.RequestId);

        Assert.That(Bounded.Outcome(bob, "bob's wait ran out").Success, Is.False);
        Assert.That(Bounded.Outcome(carol, "carol was behind bob").Success, Is.True, "carol, still waiting, must get the lock.");
        Assert.That(Manager.GetStatus("orders").Holder, Is.EqualTo("carol"));
    }

    [Test]
    [Category("behaviour")]
    public void A_zero_timeout_on_a_held_lock_fails_at_once()
    {
        Grant("alice", "orders");

        var bob = Bounded.Request(Manager, "bob", "orders", TimeSpan.Zero);

        Assert.That(bob.IsCompleted, Is.True, "A zero timeout means try once: the task must already be complete.");
        Assert.That(bob.Result.Success, Is.False);
        Assert.That(Manager.GetStatus("orders").QueueLength, Is.Zero, "A try-once request is never queued.");
    }

    [Test]
    [Category("behaviour")]
    public void An_expired_lease_passes_the_lock_to_the_next_waiter()
    {
        Grant("alice", "orders");
        var bob = Bounded.Request(Manager, "bob", "orders", LongWait);
        KeepAlive(Lease - Interval, "alice", "bob");
        Assert.That(bob.IsCompleted, Is.False, "alice's 30 s lease is still running after 25 s.");

        KeepAlive(Lease + Interval, "alice", "bob");

        Assert.That(Bounded.Outcome(bob, "alice's lease expired at 30 s; the cleanup runs every 5 s").Success, Is.True,
            "When the lease runs out, the cleanup (a TimeProvider timer) must grant the lock to the next waiter.");
    }

    [Test]
    [Category("behaviour")]
    public void Extending_the_lease_keeps_the_lock()
    {
        var alice = Grant("alice", "orders");

        Assert.That(Manager.Extend("alice", "orders", alice.RequestId, TimeSpan.FromSeconds(20)), Is.True, "The holder may extend.");
        Assert.That(Manager.GetStatus("orders").ExpiresAt, Is.EqualTo(Time.GetUtcNow() + Lease + TimeSpan.FromSeconds(20)),
            "Extending adds to the current expiry time.");
        KeepAlive(Lease + TimeSpan.FromSeconds(15), "alice");

        Assert.That(Manager.GetStatus("orders").Holder, Is.EqualTo("alice"), "The extended lease (50 s) has not run out at 45 s.");
    }

    [Test]
    [Category("safety")]
    public void Only_the_holder_can_extend_and_not_after_the_lease_ran_out()
    {
        var alice = Grant("alice", "orders");

        Assert.That(Manager.Extend("bob", "orders", alice.RequestId, TimeSpan.FromSeconds(20)), Is.False, "bob does not hold the lock.");

        // Stop the cleanup so that the lease runs out while alice is still recorded as the holder.
        Manager.Dispose();
        Manager = new DistributedLockManager(Time, new LockManagerOptions { HeartbeatInterval = TimeSpan.FromHours(1), LeaseDuration = Lease });
        var late = Grant("alice", "orders");
        Time.Advance(Lease);
        Assert.That(Manager.Extend("alice", "orders", late.RequestId, TimeSpan.FromSeconds(20)), Is.False,
            "A lease that has run out cannot be extended, even before the cleanup has noticed.");
    }

    [Test]
    [Category("behaviour")]
    public void A_client_silent_for_three_heartbeat_intervals_loses_its_locks()
    {
        Grant("alice", "orders");
        var bob = Bounded.Request(Manager, "bob", "orders", LongWait);

        KeepAlive(2 * Interval, "bob");
        Assert.That(bob.IsCompleted, Is.False, "alice has been silent for only two intervals.");

        KeepAlive(4 * Interval + TimeSpan.FromSeconds(1), "bob");
        Assert.That(Bounded.Outcome(bob, "alice went silent").Success, Is.True,
            "alice sent nothing for more than three 5 s intervals (and her lease had 30 s left): she is presumed dead " +
            "and her lock goes to bob.");
    }

    [Test]
    [Category("behaviour")]
    public void Heartbeats_keep_a_client_alive()
    {
        Grant("alice", "orders");

        KeepAlive(Lease - TimeSpan.FromSeconds(1), "alice");

        Assert.That(Manager.GetStatus("orders").Holder, Is.EqualTo("alice"), "A client that sends heartbeats keeps its lock until its lease ends.");
    }

    [Test]
    [Category("behaviour")]
    public void Disposing_stops_the_cleanup_and_fails_the_waiters()
    {
        Grant("alice", "orders");
        var bob = Bounded.Request(Manager, "bob", "orders", LongWait);

        Manager.Dispose();
        Assert.That(Bounded.Outcome(bob, "the manager was disposed").Success, Is.False, "Dispose must not leave anyone waiting forever.");

        Time.Advance(Lease * 3);
        Assert.That(Manager.GetStatus("orders").Holder, Is.EqualTo("alice"),
            "After Dispose the cleanup timer must be stopped: nothing expires any more.");
    }

    private AcquireResult Grant(string client, string lockName)
    {
        var result = Bounded.Outcome(Bounded.Request(Manager, client, lockName, LongWait), $"{client} asked for {lockName}");
        Assert.That(result.Success, Is.True, $"{client} must be granted the free lock {lockName}.");
        return result;
    }

    // Advances the clock a second at a time until `until` after the start, the given clients sending a heartbeat each second.
    private void KeepAlive(TimeSpan until, params string[] clients)
    {
        while (Time.GetUtcNow() < Start + until)
        {
            foreach (var client in clients)
            {
                Manager.Heartbeat(client);
            }

            Time.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
