namespace DistSys.Crdts;

/// <summary>Grow-only counter: one non-decreasing slot per replica; merge takes the per-slot maximum.</summary>
public sealed class GCounter
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public GCounter(string replicaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        ReplicaId = replicaId;
    }

    public string ReplicaId { get; }

    public long Value => _counts.Values.Sum();

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public void Increment(long amount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        _counts[ReplicaId] = _counts.GetValueOrDefault(ReplicaId) + amount;
    }

    public void Merge(GCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (replica, count) in other._counts)
        {
            // Max, not sum: merging the same state twice must change nothing (idempotence).
            _counts[replica] = Math.Max(_counts.GetValueOrDefault(replica), count);
        }
    }

    public GCounter Copy()
    {
        var copy = new GCounter(ReplicaId);
        copy.Merge(this);
        return copy;
    }
}
