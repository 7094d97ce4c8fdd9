using DistSys.Testing;

namespace DistSys.LockManager.Tests;

public sealed class DeadlockAndFencingTests : LockManagerFixture
{
    [Test]
    [Category("behaviour")]
    public void Two_clients_each_waiting_for_the_others_lock_are_a_deadlock()
    {
        Hold("alice", "a");
        Hold("bob", "b");
        Bounded.Request(Manager, "alice", "b", LongWait);
        Bounded.Request(Manager, "bob", "a", LongWait);

        Assert.That(Describe(Manager.DetectDeadlocks()), Is.EqualTo("[alice -> bob]"),
            "alice waits for bob's lock b and bob waits for alice's lock a: one cycle, listed from its smallest id.");
    }

    [Test]
    [Category("behaviour")]
    public void A_cycle_of_three_clients_over_three_locks_is_found()
    {
        Hold("c1", "x");
        Hold("c2", "y");
        Hold("c3", "z");
        Bounded.Request(Manager, "c1", "y", LongWait);
        Bounded.Request(Manager, "c2", "z", LongWait);
        Bounded.Request(Manager, "c3", "x", LongWait);

        Assert.That(Describe(Manager.DetectDeadlocks()), Is.EqualTo("[c1 -> c2 -> c3]"),
            "c1 waits for c2 (lock y), c2 for c3 (lock z), c3 for c1 (lock x).");
    }

    [Test]
    [Category("behaviour")]
    public void Separate_cycles_are_reported_separately_and_bystanders_are_left_out()
    {
        Hold("a1", "p");
        Hold("a2", "q");
        Bounded.Request(Manager, "a1", "q", LongWait);
        Bounded.Request(Manager, "a2", "p", LongWait);
        Hold("b1", "r");
        Hold("b2", "s");
        Bounded.Request(Manager, "b1", "s", LongWait);
        Bounded.Request(Manager, "b2", "r", LongWait);
        Bounded.Request(Manager, "bystander", "p", LongWait);

        Assert.That(Describe(Manager.DetectDeadlocks()), Is.EqualTo("[a1 -> a2], [b1 -> b2]"),
            "Two independent cycles; 'bystander' waits for a1 but nobody waits for it, so it is on no cycle.");
    }

    [Test]
    [Category("behaviour")]
    public void A_waiting_chain_without_a_cycle_is_no_deadlock()
    {
        Hold("alice", "a");
        Hold("bob", "b");
        Bounded.Request(Manager, "bob", "a", LongWait);
        Bounded.Request(Manager, "carol", "b", LongWait);

        Assert.That(Manager.DetectDeadlocks(), Is.Empty, "carol waits for bob who waits for alice, who waits for nobody: no cycle.");
    }

    [Test]
    [Category("behaviour")]
    public void A_client_waiting_for_two_locks_is_on_a_cycle_only_through_the_holder_that_waits_back()
    {
        Hold("alice", "x");
        Hold("bob", "p");
        Hold("carol", "q");
        Bounded.Request(Manager, "alice", "p", LongWait);
        Bounded.Request(Manager, "alice", "q", LongWait);
        Bounded.Request(Manager, "carol", "x", LongWait);

        Assert.That(Describe(Manager.DetectDeadlocks()), Is.EqualTo("[alice -> carol]"),
            "alice waits for bob (lock p) and for carol (lock q); only carol waits back (for x). bob, a dead end of the " +
            "search, must not stay on the path when the search tries alice's next edge.");
    }

    [Test]
    [Category("safety")]
    public void Fencing_tokens_grow_with_every_grant_of_a_lock()
    {
        var tokens = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var grant = Hold($"client{i}", "orders");
            tokens.Add(grant.FencingToken);
            Manager.Release($"client{i}", "orders", grant.RequestId);
        }

        Assert.That(tokens, Is.Ordered.Ascending.And.Unique, $"Each grant of 'orders' needs a larger token than the last; got {string.Join(", ", tokens)}.");
        Assert.That(tokens[0], Is.Positive, "Token 0 means 'not granted', so real tokens start above it.");
    }

    [Test]
    [Category("safety")]
    public void A_paused_client_whose_lease_expired_cannot_overwrite_the_new_holders_write()
    {
        var storage = new FencedStorage();
        var alice = Hold("alice", "orders");
        var bob = Bounded.Request(Manager, "bob", "orders", LongWait);

        // alice pauses (think: a long GC pause) past her lease; bob keeps sending heartbeats.
        for (var second = 0; second < 35; second++)
        {
            Manager.Heartbeat("bob");
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var bobGrant = Bounded.Outcome(bob, "alice's lease ran out while she was paused");
        Assert.That(bobGrant.Success, Is.True, "bob must get the lock once alice's lease has expired.");
        Assert.That(storage.TryWrite("order-42", "bob's version", bobGrant.FencingToken), Is.True, "bob holds the lock and writes.");

        // alice wakes up, still believing she holds the lock, and writes with her old token.
        Assert.That(storage.TryWrite("order-42", "alice's stale version", alice.FencingToken), Is.False,
            $"alice's token {alice.FencingToken} is older than bob's {bobGrant.FencingToken}: the storage must refuse her late write.");
        Assert.That(storage.Read("order-42"), Is.EqualTo("bob's version"));
    }

    [Test]
    [Category("behaviour")]
    public void The_current_holder_may_write_repeatedly_with_its_token()
    {
        var storage = new FencedStorage();
        var alice = Hold("alice", "orders");

        Assert.That(storage.TryWrite("k", "one", alice.FencingToken), Is.True);
        Assert.That(storage.TryWrite("k", "two", alice.FencingToken), Is.True, "The same token is not stale: the holder writes as often as it likes.");
        Assert.That(storage.Read("k"), Is.EqualTo("two"));
    }

    private AcquireResult Hold(string client, string lockName)
    {
        var result = Bounded.Outcome(Bounded.Request(Manager, client, lockName, LongWait), $"{client} asked for the free lock {lockName}");
        Assert.That(result.Success, Is.True, $"{client} must be granted the free lock {lockName}.");
        return result;
    }

    private static string Describe(IReadOnlyList<IReadOnlyList<string>> cycles) =>
        string.Join(", ", cycles.Select(c => "[" + string.Join(" -> ", c) + "]"));
}
