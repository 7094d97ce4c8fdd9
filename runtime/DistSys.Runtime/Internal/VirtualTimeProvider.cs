namespace DistSys.Runtime;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock is the simulation's virtual time. Timers it creates are simulation events;
/// when it belongs to a node, they die with that node's incarnation.
/// </summary>
internal sealed class VirtualTimeProvider(Simulation simulation, NodeHost? owner, int incarnation) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => Simulation.Epoch.Add(simulation.Now);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => simulation.Now.Ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(simulation, owner, incarnation, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }
}

/// <summary>
/// A System.Threading.Timer look-alike on virtual time. Every <see cref="Change"/> bumps the generation, so events
/// scheduled by earlier settings are recognised as stale when they come due.
/// </summary>
internal sealed class VirtualTimer(Simulation simulation, NodeHost? owner, int incarnation, TimerCallback callback, object? state) : ITimer
{
    private long _generation;
    private long _periodTicks;
    private bool _disposed;

    /// <summary>Numbered from the same sequence as node timers, so trace lines name each timer uniquely.</summary>
    public long Id { get; } = simulation.NextTimerId();

    public NodeHost? Owner => owner;

    private bool OwnerAlive => owner is null || (owner.IsUp && owner.Incarnation == incarnation);

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidatePeriod(dueTime, nameof(dueTime));
        ValidatePeriod(period, nameof(period));
        if (_disposed || !OwnerAlive)
        {
            return false;
        }

        _generation++;
        _periodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            simulation.ScheduleProviderTimer(this, _generation, dueTime.Ticks);
        }

        return true;
    }

    public bool IsDue(long generation) => !_disposed && generation == _generation && OwnerAlive;

    /// <summary>Runs the callback; the next periodic tick is scheduled first so that a Change inside the callback supersedes it.</summary>
    public void Fire()
    {
        if (_periodTicks > 0)
        {
            simulation.ScheduleProviderTimer(this, _generation, _periodTicks);
        }

        callback(state);
    }

    public void Dispose() => _disposed = true;

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void ValidatePeriod(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "A timer's due time and period must be zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }
}
