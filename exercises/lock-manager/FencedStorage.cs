namespace DistSys.LockManager;

/// <summary>
/// A key-value store guarded by fencing tokens: it remembers, per key, the highest token any write has carried and
/// refuses writes whose token is lower. A client that lost its lock while paused (and still believes it holds it)
/// therefore cannot overwrite what the new holder wrote. Must be safe to use from many threads.
/// </summary>
public sealed class FencedStorage
{
    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> if <paramref name="fencingToken"/> is at least the
    /// highest token seen for that key (the same holder may write repeatedly); returns false, changing nothing, for a
    /// stale token.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="value"/> is null.</exception>
    public bool TryWrite(string key, string value, long fencingToken) =>
        throw new NotImplementedException("FencedStorage.TryWrite: accept a write only if its token is >= the highest token seen for the key.");

    /// <summary>The value last accepted for <paramref name="key"/>, or null.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public string? Read(string key) =>
        throw new NotImplementedException("FencedStorage.Read: return the last accepted value for the key, or null.");
}
