namespace DistSys.LockManager.Tests;

/// <summary>
/// The documented argument checks (exception type and parameter name, never the message) and what a disposed manager
/// still does and refuses.
/// </summary>
public sealed class BadInputAndDisposalTests : LockManagerFixture
{
    [Test]
    [Category("behaviour")]
    public void The_manager_needs_a_time_provider()
    {
        Assert.That(() => new DistributedLockManager(null!),
            Throws.TypeOf<ArgumentNullException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("time"),
            "Without a TimeProvider the manager has no clock and no cleanup timer: reject null under the name 'time'.");
    }

    [Test]
    [Category("behaviour")]
    public void A_heartbeat_interval_of_zero_is_refused()
    {
        var options = new LockManagerOptions { HeartbeatInterval = TimeSpan.Zero };

        Assert.That(() => new DistributedLockManager(Time, options).Dispose(), Throws.TypeOf<ArgumentOutOfRangeException>(),
            "The heartbeat interval is the cleanup period and the unit of failure detection; it must be positive.");
    }

    [Test]
    [Category("behaviour")]
    public void A_lease_duration_of_zero_is_refused()
    {
        var options = new LockManagerOptions { LeaseDuration = TimeSpan.Zero };

        Assert.That(() => new DistributedLockManager(Time, options).Dispose(), Throws.TypeOf<ArgumentOutOfRangeException>(),
            "A zero lease would expire the moment it is granted; the lease duration must be positive.");
    }

    [Test]
    [Category("behaviour")]
    public void Acquiring_needs_a_client_id_and_a_lock_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Manager.AcquireAsync(null!, "orders", LongWait), ThrowsNull("clientId"), "a null client id");
            Assert.That(() => Manager.AcquireAsync("", "orders", LongWait), ThrowsEmpty("clientId"),
                "an empty client id names nobody");
            Assert.That(() => Manager.AcquireAsync("alice", null!, LongWait), ThrowsNull("lockName"), "a null lock name");
            Assert.That(() => Manager.AcquireAsync("alice", "", LongWait), ThrowsEmpty("lockName"),
                "an empty lock name names no lock");
        });
        Assert.That(Manager.GetStatus("orders").State, Is.EqualTo(LockState.Available), "A refused request must grant nothing.");
    }

    [Test]
    [Category("behaviour")]
    public void A_negative_wait_timeout_is_refused_but_the_infinite_one_is_not()
    {
        Assert.That(() => Manager.AcquireAsync("alice", "orders", TimeSpan.FromSeconds(-1)),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("waitTimeout"),
            "A wait of -1 s is meaningless (only Timeout.InfiniteTimeSpan, also negative, means 'no limit'), even for a free lock.");
        Assert.That(Manager.GetStatus("orders").State, Is.EqualTo(LockState.Available), "A refused request must grant nothing.");

        var infinite = Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", Timeout.InfiniteTimeSpan), "alice asked without a limit");
        Assert.That(infinite.Success, Is.True, "Timeout.InfiniteTimeSpan is a valid wait; the free lock is granted.");
    }

    [Test]
    [Category("behaviour")]
    public void A_lease_cannot_be_extended_by_a_negative_amount()
    {
        var alice = Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", LongWait), "alice asked for the free lock");
        var expiresAt = Manager.GetStatus("orders").ExpiresAt;

        Assert.That(() => Manager.Extend("alice", "orders", alice.RequestId, TimeSpan.FromSeconds(-10)),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("extension"),
            "Extend only pushes the expiry back; a negative extension would shorten the lease.");
        Assert.That(Manager.GetStatus("orders").ExpiresAt, Is.EqualTo(expiresAt), "A refused extension leaves the expiry time alone.");
    }

    [Test]
    [Category("behaviour")]
    public void A_heartbeat_needs_a_client_id()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Manager.Heartbeat(null!), ThrowsNull("clientId"), "a null client id");
            Assert.That(() => Manager.Heartbeat(""), ThrowsEmpty("clientId"), "an empty client id names nobody");
        });
    }

    [Test]
    [Category("behaviour")]
    public void The_status_needs_a_lock_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Manager.GetStatus(null!), ThrowsNull("lockName"), "a null lock name");
            Assert.That(() => Manager.GetStatus(""), ThrowsEmpty("lockName"), "an empty lock name names no lock");
        });
    }

    [Test]
    [Category("behaviour")]
    public void Fenced_storage_needs_a_key_and_a_value()
    {
        var storage = new FencedStorage();

        Assert.Multiple(() =>
        {
            Assert.That(() => storage.TryWrite(null!, "v", 1), ThrowsNull("key"), "a write without a key");
            Assert.That(() => storage.TryWrite("k", null!, 1), ThrowsNull("value"),
                "a null value could not be told apart from 'never written' by Read");
            Assert.That(() => storage.Read(null!), ThrowsNull("key"), "a read without a key");
        });
        Assert.That(storage.Read("k"), Is.Null, "A refused write stores nothing.");
    }

    [Test]
    [Category("behaviour")]
    public void A_disposed_manager_refuses_acquire_release_extend_and_heartbeat()
    {
        var alice = Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", LongWait), "alice asked for the free lock");

        Manager.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(() => Manager.AcquireAsync("bob", "other", LongWait), Throws.TypeOf<ObjectDisposedException>(),
                "AcquireAsync after Dispose (even of a free lock)");
            Assert.That(() => Manager.Release("alice", "orders", alice.RequestId), Throws.TypeOf<ObjectDisposedException>(),
                "Release after Dispose (even by the holder)");
            Assert.That(() => Manager.Extend("alice", "orders", alice.RequestId, Interval), Throws.TypeOf<ObjectDisposedException>(),
                "Extend after Dispose (even by the holder)");
            Assert.That(() => Manager.Heartbeat("alice"), Throws.TypeOf<ObjectDisposedException>(), "Heartbeat after Dispose");
        });
    }

    [Test]
    [Category("behaviour")]
    public void A_disposed_manager_still_answers_queries_and_a_second_dispose_does_nothing()
    {
        Bounded.Outcome(Bounded.Request(Manager, "alice", "a", LongWait), "alice asked for a");
        Bounded.Outcome(Bounded.Request(Manager, "bob", "b", LongWait), "bob asked for b");
        Bounded.Request(Manager, "alice", "b", LongWait);

        Manager.Dispose();
        Manager.Dispose();

        Assert.That(Manager.GetStatus("a").Holder, Is.EqualTo("alice"), "GetStatus keeps working after Dispose.");
        Assert.That(Manager.DetectDeadlocks(), Is.Empty,
            "DetectDeadlocks keeps working after Dispose; alice's request for b was failed by Dispose, so nobody waits.");
    }

    [Test]
    [Category("behaviour")]
    public void Disposing_leaves_no_timer_running()
    {
        var clock = new TimerCountingTimeProvider(Time);
        Manager.Dispose();
        Manager = new DistributedLockManager(clock, new LockManagerOptions { HeartbeatInterval = Interval, LeaseDuration = Lease });
        var alice = Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", LongWait), "alice asked for the free lock");
        var bob = Bounded.Request(Manager, "bob", "orders", TimeSpan.FromMinutes(1));
        Bounded.Request(Manager, "carol", "orders", TimeSpan.FromMinutes(1));
        Manager.Release("alice", "orders", alice.RequestId);
        Assert.That(Bounded.Outcome(bob, "alice released to bob").Success, Is.True, "bob was first in the queue.");

        Manager.Dispose();

        Assert.That(clock.LiveTimers, Is.Zero,
            "After Dispose no timer may be left: the cleanup timer, carol's pending wait timer and the wait timer of bob's " +
            "request (granted before its minute ran out, so it is no longer needed) must all be disposed.");
    }

    private static NUnit.Framework.Constraints.IResolveConstraint ThrowsNull(string parameter) =>
        Throws.TypeOf<ArgumentNullException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo(parameter);

    private static NUnit.Framework.Constraints.IResolveConstraint ThrowsEmpty(string parameter) =>
        Throws.TypeOf<ArgumentException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo(parameter);
}
