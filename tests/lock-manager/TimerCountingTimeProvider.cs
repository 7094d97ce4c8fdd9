using DistSys.Testing;

namespace DistSys.LockManager.Tests;

/// <summary>
/// A <see cref="ManualTimeProvider"/> that also counts the timers created through it and not yet disposed, so a test can
/// see whether a disposed manager left a timer behind (which would keep it, and its callbacks, alive).
/// </summary>
internal sealed class TimerCountingTimeProvider(ManualTimeProvider clock) : TimeProvider
{
    private readonly Lock _gate = new();
    private int _live;

    public int LiveTimers
    {
        get
        {
            lock (_gate)
            {
                return _live;
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var inner = clock.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _live++;
        }

        return new CountedTimer(this, inner);
    }

    private void Disposed()
    {
        lock (_gate)
        {
            _live--;
        }
    }

    private sealed class CountedTimer(TimerCountingTimeProvider owner, ITimer inner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            inner.Dispose();
            // Count each timer once, however often it is disposed.
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Disposed();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
