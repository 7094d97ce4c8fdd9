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

    [Test]
    [Category("behaviour")]
    public void The_options_given_are_used_and_null_options_mean_the_defaults()
    {
        Manager.Dispose();
        Manager = new DistributedLockManager(Time, new LockManagerOptions { LeaseDuration = TimeSpan.FromSeconds(10) });
        Grant("alice", "orders");
        Assert.That(Manager.GetStatus("orders").ExpiresAt, Is.EqualTo(Time.GetUtcNow() + TimeSpan.FromSeconds(10)),
            "The options ask for a 10 s lease; the grant must use it, not the 30 s default.");

        Manager.Dispose();
        Manager = new DistributedLockManager(Time, null);
        Grant("alice", "orders");
        Assert.That(Manager.GetStatus("orders").ExpiresAt, Is.EqualTo(Time.GetUtcNow() + TimeSpan.FromSeconds(30)),
            "Without options the lease is the default 30 s.");
    }

    [Test]
    [Category("behaviour")]
    public void A_lease_has_run_out_at_its_expiry_time_and_the_cleanup_then_passes_the_lock_on()
    {
        Grant("alice", "orders");
        var bob = Bounded.Request(Manager, "bob", "orders", LongWait);

        KeepAlive(Lease, "alice", "bob");

        Assert.That(bob.IsCompleted, Is.True,
            "alice's lease ends at 30 s, exactly when the cleanup runs (every 5 s): that cleanup must see the lease as run " +
            "out (expiry time <= now, as Extend does) and grant the lock to bob, not wait for the next run at 35 s.");
        Assert.That(bob.Result.Success, Is.True);
    }

    [Test]
    [Category("behaviour")]
    public void A_client_silent_for_exactly_three_intervals_is_still_alive()
    {
        Grant("alice", "orders");
        var bob = Bounded.Request(Manager, "bob", "orders", LongWait);

        KeepAlive(3 * Interval, "bob");

        Assert.That(bob.IsCompleted, Is.False,
            "alice has been silent for exactly three 5 s intervals when the cleanup runs at 15 s; only silence of MORE than " +
            "three intervals makes a client presumed dead, so she keeps her lock until the cleanup at 20 s.");
        Assert.That(Manager.GetStatus("orders").Holder, Is.EqualTo("alice"));
    }

    [Test]
    [Category("behaviour")]
    public void A_silent_client_also_loses_its_queued_requests()
    {
        var bob = Grant("bob", "orders");
        var alice = Bounded.Request(Manager, "alice", "orders", LongWait);

        KeepAlive(4 * Interval, "bob");

        Assert.That(alice.IsCompleted, Is.True,
            "alice sent nothing for more than three intervals: she is presumed dead, and the cleanup at 20 s must end her queued request.");
        Assert.That(alice.Result.Success, Is.False, "A dead client's request fails; it is not granted.");
        Assert.That(Manager.GetStatus("orders").QueueLength, Is.Zero, "A dead client's request must leave the queue.");
        Manager.Release("bob", "orders", bob.RequestId);
        Assert.That(Manager.GetStatus("orders").State, Is.EqualTo(LockState.Available), "The lock must not go to a dead client.");
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
