using DistSys.Testing;

namespace DistSys.LockManager.Tests;

public sealed class AcquireAndReleaseTests : LockManagerFixture
{
    [Test]
    [Category("behaviour")]
    public void A_free_lock_is_granted_at_once()
    {
        var result = Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", LongWait), "alice asked for a free lock");

        Assert.That(result.Success, Is.True, "A lock nobody holds must be granted immediately.");
        var status = Manager.GetStatus("orders");
        Assert.That((status.State, status.Holder, status.QueueLength), Is.EqualTo((LockState.Held, "alice", 0)),
            "After the grant the status must show alice holding the lock with nobody queued.");
    }

    [Test]
    [Category("safety")]
    public void A_second_client_waits_until_the_holder_releases()
    {
        var alice = Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", LongWait), "alice asked first");
        var bob = Bounded.Request(Manager, "bob", "orders", LongWait);

        Assert.That(bob.IsCompleted, Is.False, "bob must wait while alice holds the lock.");
        Assert.That(Manager.GetStatus("orders").QueueLength, Is.EqualTo(1), "bob's request must be queued.");

        Assert.That(Manager.Release("alice", "orders", alice.RequestId), Is.True, "The holder's release must succeed.");
        var granted = Bounded.Outcome(bob, "bob waited for alice's release");
        Assert.That(granted.Success, Is.True, "Releasing must hand the lock to the waiting client.");
        Assert.That(Manager.GetStatus("orders").Holder, Is.EqualTo("bob"));
    }

    [Test]
    [Category("behaviour")]
    public void Waiters_are_granted_in_arrival_order()
    {
        var holder = Bounded.Outcome(Bounded.Request(Manager, "c0", "orders", LongWait), "c0 asked first");
        var waiting = Enumerable.Range(1, 5).Select(i => ($"c{i}", Bounded.Request(Manager, $"c{i}", "orders", LongWait))).ToList();

        var order = new List<string>();
        var (client, requestId) = ("c0", holder.RequestId);
        foreach (var (next, request) in waiting)
        {
            Assert.That(Manager.Release(client, "orders", requestId), Is.True, $"{client} holds the lock and must be able to release it.");
            var granted = Bounded.Outcome(request, $"{next} was next in the queue");
            var status = Manager.GetStatus("orders");
            order.Add(status.Holder ?? "(nobody)");
            (client, requestId) = (next, granted.RequestId);
        }

        Assert.That(order, Is.EqualTo(new[] { "c1", "c2", "c3", "c4", "c5" }),
            "Waiters queued as c1..c5 must be granted first come, first served.");
    }

    [Test]
    [Category("safety")]
    public void Only_the_holder_with_its_request_id_can_release()
    {
        var alice = Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", LongWait), "alice asked first");

        Assert.That(Manager.Release("mallory", "orders", alice.RequestId), Is.False, "Another client must not release alice's lock.");
        Assert.That(Manager.Release("alice", "orders", alice.RequestId + 1000), Is.False,
            "A release with the wrong request id must be refused, even from the holding client.");
        Assert.That(Manager.Release("alice", "never-used", alice.RequestId), Is.False, "Releasing an unknown lock must be refused.");
        Assert.That(Manager.GetStatus("orders").Holder, Is.EqualTo("alice"), "Refused releases must leave alice holding the lock.");
    }

    [Test]
    [Category("behaviour")]
    public void A_released_lock_with_nobody_waiting_becomes_available()
    {
        var alice = Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", LongWait), "alice asked first");
        Manager.Release("alice", "orders", alice.RequestId);

        var status = Manager.GetStatus("orders");
        Assert.That((status.State, status.Holder, status.AcquiredAt, status.ExpiresAt),
            Is.EqualTo((LockState.Available, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null)),
            "A released lock with an empty queue is available, with no holder and no times.");
    }

    [Test]
    [Category("behaviour")]
    public void Requests_get_distinct_ids()
    {
        var first = Bounded.Outcome(Bounded.Request(Manager, "alice", "a", LongWait), "alice asked for a");
        var second = Bounded.Outcome(Bounded.Request(Manager, "alice", "b", LongWait), "alice asked for b");

        Assert.That(second.RequestId, Is.Not.EqualTo(first.RequestId), "Each request needs its own id, or releases could be confused.");
    }

    [Test]
    [Category("behaviour")]
    public void The_status_reports_when_the_lock_was_acquired_and_when_the_lease_ends()
    {
        Time.Advance(TimeSpan.FromSeconds(2));
        var acquiredAt = Time.GetUtcNow();
        Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", LongWait), "alice asked first");

        var status = Manager.GetStatus("orders");
        Assert.That((status.AcquiredAt, status.ExpiresAt), Is.EqualTo(((DateTimeOffset?)acquiredAt, (DateTimeOffset?)(acquiredAt + TimeSpan.FromSeconds(30)))),
            "AcquiredAt is the grant time from the TimeProvider; ExpiresAt is that plus the 30 s lease.");
    }

    [Test]
    [Category("behaviour")]
    public void An_unknown_lock_is_reported_available()
    {
        var status = Manager.GetStatus("never-used");

        Assert.That((status.State, status.Holder, status.QueueLength), Is.EqualTo((LockState.Available, (string?)null, 0)));
    }
}
