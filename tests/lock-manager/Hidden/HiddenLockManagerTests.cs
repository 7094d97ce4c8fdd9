namespace DistSys.LockManager.Tests;

/// <summary>
/// Hidden tests (tests/lock-manager/Hidden/, category "hidden"): they count in the grade, but student-facing reports
/// name them only once the rubric reveals hidden tests, and `grader release` leaves this folder out of the student kit.
/// </summary>
[Category("hidden")]
public sealed class HiddenLockManagerTests : LockManagerFixture
{
    [Test]
    [Category("safety")]
    public void Fenced_storage_judges_each_key_by_its_own_highest_token()
    {
        var storage = new FencedStorage();

        Assert.Multiple(() =>
        {
            Assert.That(storage.TryWrite("accounts", "v1", 5), Is.True, "the first write to a key is accepted");
            Assert.That(storage.TryWrite("orders", "w1", 1), Is.True,
                "token 1 is the newest token 'orders' has seen; token 5 was for another key (another lock)");
            Assert.That(storage.TryWrite("accounts", "v0", 4), Is.False, "token 4 is older than the 5 'accounts' has seen");
            Assert.That((storage.Read("accounts"), storage.Read("orders")), Is.EqualTo(("v1", "w1")), "a refused write changes nothing");
        });
    }

    [Test]
    [Category("safety")]
    public void A_lease_that_ran_out_with_nobody_waiting_frees_the_lock_and_the_old_holder_cannot_release_it()
    {
        var alice = Bounded.Outcome(Bounded.Request(Manager, "alice", "orders", LongWait), "alice asked for the free lock");
        for (var elapsed = TimeSpan.Zero; elapsed <= Lease + 2 * Interval; elapsed += TimeSpan.FromSeconds(1))
        {
            Manager.Heartbeat("alice"); // alive, but her lease is not extended: it runs out at 30 s
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That(Manager.GetStatus("orders").State, Is.EqualTo(LockState.Available),
            "the cleanup must free a lock whose lease has run out even when nobody waits for it");
        Assert.That(Manager.Release("alice", "orders", alice.RequestId), Is.False,
            "alice's grant ended with her lease; her late release must be refused");
        var bob = Bounded.Outcome(Bounded.Request(Manager, "bob", "orders", LongWait), "bob asked for the freed lock");
        Assert.That(bob.FencingToken, Is.GreaterThan(alice.FencingToken),
            "the next grant needs a larger fencing token, or alice (who may still believe she holds the lock) could overwrite bob's writes");
    }
}
