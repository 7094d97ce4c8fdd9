namespace DistSys.Crdts;

/// <summary>Counter that can go down: two grow-only counters, one for increments and one for decrements.</summary>
public sealed class PNCounter
{
    private readonly GCounter _increments;
    private readonly GCounter _decrements;

    public PNCounter(string replicaId)
    {
        _increments = new GCounter(replicaId);
        _decrements = new GCounter(replicaId);
    }

    public string ReplicaId => _increments.ReplicaId;

    public long Value => _increments.Value - _decrements.Value;

    public IReadOnlyDictionary<string, long> Increments => _increments.Counts;

    public IReadOnlyDictionary<string, long> Decrements => _decrements.Counts;

    public void Increment(long amount = 1) => _increments.Increment(amount);

    public void Decrement(long amount = 1) => _decrements.Increment(amount);

    public void Merge(PNCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _increments.Merge(other._increments);
        _decrements.Merge(other._decrements);
    }

    public PNCounter Copy()
    {
        var copy = new PNCounter(ReplicaId);
        copy.Merge(this);
        return copy;
    }
}
