namespace DistSys.Testing.Tests;

public class ManualTimeProviderTests
{
    [Test]
    public void The_clock_moves_only_when_advanced()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var startStamp = time.GetTimestamp();

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Multiple(() =>
        {
            Assert.That(time.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(time.GetElapsedTime(startStamp), Is.EqualTo(TimeSpan.FromSeconds(3)), "timestamps move with the clock");
        });
    }

    [Test]
    public void Timers_fire_at_their_due_time_in_order_while_advancing()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var fired = new List<string>();
        using var late = time.CreateTimer(_ => fired.Add($"late at {(time.GetUtcNow() - start).TotalSeconds}"), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add($"early at {(time.GetUtcNow() - start).TotalSeconds}"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.That(fired, Is.EqualTo(new[] { "early at 2", "late at 5" }), "each callback sees the clock at its own due time");
    }

    [Test]
    public void Periodic_timers_fire_once_per_period()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(3.5));

        Assert.That(count, Is.EqualTo(3), "due at 1, 2 and 3 seconds");
    }

    [Test]
    public void A_disposed_or_stopped_timer_never_fires()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        var disposed = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var stopped = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(fired, Is.Zero);
    }

    [Test]
    public void Advancing_backwards_is_refused()
    {
        var time = new ManualTimeProvider();
        Assert.That(() => time.Advance(TimeSpan.FromTicks(-1)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
