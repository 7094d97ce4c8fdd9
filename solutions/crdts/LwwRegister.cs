namespace DistSys.Crdts;

/// <summary>Last-writer-wins register: keeps the value with the greatest <see cref="LwwTimestamp"/>.</summary>
public sealed class LwwRegister<T>
{
    private readonly TimeProvider _clock;

    public LwwRegister(string replicaId, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        ArgumentNullException.ThrowIfNull(clock);
        ReplicaId = replicaId;
        _clock = clock;
    }

    public string ReplicaId { get; }

    public T? Value { get; private set; }

    public LwwTimestamp? Timestamp { get; private set; }

    public void Set(T value)
    {
        var now = _clock.GetUtcNow().UtcTicks;
        // A write must beat everything this replica has seen, even when the clock stands still or lags a peer's.
        var ticks = Timestamp is { } seen && seen.Ticks >= now ? seen.Ticks + 1 : now;
        Value = value;
        Timestamp = new LwwTimestamp(ticks, ReplicaId);
    }

    public void Merge(LwwRegister<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Timestamp is { } theirs && (Timestamp is not { } mine || theirs > mine))
        {
            Value = other.Value;
            Timestamp = theirs;
        }
    }

    public LwwRegister<T> Copy()
    {
        var copy = new LwwRegister<T>(ReplicaId, _clock);
        copy.Merge(this);
        return copy;
    }
}
