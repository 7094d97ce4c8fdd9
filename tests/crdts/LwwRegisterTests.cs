using DistSys.Testing;

namespace DistSys.Crdts.Tests;

public class LwwRegisterTests
{
    private readonly ManualTimeProvider _clock = new();

    [Test]
    [Category("behaviour")]
    public void A_new_register_is_empty()
    {
        var register = new LwwRegister<string>("A", _clock);

        Assert.Multiple(() =>
        {
            Assert.That(register.Value, Is.Null, "no value before the first write");
            Assert.That(register.Timestamp, Is.Null, "no timestamp before the first write");
        });
    }

    [Test]
    [Category("behaviour")]
    public void A_write_is_stamped_with_the_injected_clock_and_the_writer()
    {
        var register = new LwwRegister<string>("A", _clock);
        _clock.Advance(TimeSpan.FromSeconds(1));

        register.Set("hello");

        Assert.That(register.Timestamp, Is.EqualTo(new LwwTimestamp(_clock.GetUtcNow().UtcTicks, "A")),
            "the timestamp must be the injected clock's UtcTicks and the writing replica's id (never DateTime.Now)");
    }

    [Test]
    [Category("safety")]
    public void The_later_write_wins_whichever_way_the_merge_goes()
    {
        var a = new LwwRegister<string>("A", _clock);
        var b = new LwwRegister<string>("B", _clock);
        a.Set("early");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        b.Set("late");

        a.Merge(b);
        b.Merge(a);

        Assert.That(new[] { a.Value, b.Value }, Is.All.EqualTo("late"));
    }

    [Test]
    [Category("safety")]
    public void Writes_at_the_same_instant_are_ordered_by_writer_id()
    {
        var a = new LwwRegister<string>("A", _clock);
        var b = new LwwRegister<string>("B", _clock);
        a.Set("from A");
        b.Set("from B");

        a.Merge(b);
        b.Merge(a);

        Assert.That(new[] { a.Value, b.Value }, Is.All.EqualTo("from B"), "on equal ticks the larger writer id (\"B\") wins");
    }

    [Test]
    [Category("safety")]
    public void The_tie_break_uses_the_writer_not_the_replica_that_merges()
    {
        // The seed compares the *merging* replica's id. With a third replica that never wrote, that makes replicas diverge.
        var a = new LwwRegister<string>("A", _clock);
        var b = new LwwRegister<string>("B", _clock);
        var c = new LwwRegister<string>("C", _clock);
        a.Set("x");
        b.Set("y");

        a.Merge(b);
        c.Merge(a);
        c.Merge(b);
        b.Merge(c);

        Assert.That(new[] { a.Value, b.Value, c.Value }, Is.All.EqualTo("y"),
            "B's write wins the tie on every replica; C, which only relays, must not decide ties by its own id");
    }

    [Test]
    [Category("safety")]
    public void A_second_write_wins_even_when_the_clock_has_not_moved()
    {
        var register = new LwwRegister<string>("A", _clock);
        register.Set("first");
        register.Set("second");
        var other = new LwwRegister<string>("B", _clock);
        other.Merge(register);

        Assert.That(other.Value, Is.EqualTo("second"),
            "two writes within one clock tick still need increasing timestamps, or peers may keep the first");
    }

    [Test]
    [Category("safety")]
    public void A_write_after_merging_a_value_from_a_fast_clock_still_wins()
    {
        var fastClock = new ManualTimeProvider(_clock.GetUtcNow().AddMinutes(5));
        var fast = new LwwRegister<string>("A", fastClock);
        var slow = new LwwRegister<string>("B", _clock);
        fast.Set("from the future");
        slow.Merge(fast);

        slow.Set("newer");
        fast.Merge(slow);

        Assert.That(fast.Value, Is.EqualTo("newer"),
            "B's write comes after it saw A's value, so it must carry a greater timestamp than A's, whatever B's clock says");
    }

    [Test]
    [Category("laws")]
    public void Merging_an_empty_register_changes_nothing()
    {
        var a = new LwwRegister<int>("A", _clock);
        a.Set(42);

        a.Merge(new LwwRegister<int>("B", _clock));

        Assert.That(a.Value, Is.EqualTo(42));
    }

    [Test]
    [Category("behaviour")]
    public void Invalid_arguments_are_rejected_under_their_own_names()
    {
        var register = new LwwRegister<string>("A", _clock);
        Assert.Multiple(() =>
        {
            Assert.That(() => new LwwRegister<string>(null!, _clock), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("replicaId"),
                "every write carries its writer's id, so a register needs one");
            Assert.That(() => new LwwRegister<string>(" ", _clock), Throws.ArgumentException.With.Property("ParamName").EqualTo("replicaId"),
                "a blank replica id is refused like a missing one");
            Assert.That(() => new LwwRegister<string>("A", null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("clock"),
                "a missing clock must be refused when the register is made, not discovered at the first Set");
            Assert.That(() => register.Merge(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("other"),
                "Merge(null) must name 'other': check the argument before reading its timestamp");
        });
    }
}
