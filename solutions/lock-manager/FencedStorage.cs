namespace DistSys.LockManager;

/// <summary>
/// A key-value store guarded by fencing tokens: it remembers, per key, the highest token any write has carried and
/// refuses writes whose token is lower. A client that lost its lock while paused (and still believes it holds it)
/// therefore cannot overwrite what the new holder wrote. Safe to use from many threads.
/// </summary>
public sealed class FencedStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Value, long Token)> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> if <paramref name="fencingToken"/> is at least the
    /// highest token seen for that key; returns false (and changes nothing) for a stale token.
    /// </summary>
    public bool TryWrite(string key, string value, long fencingToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var current) && fencingToken < current.Token)
            {
                return false;
            }

            _entries[key] = (value, fencingToken);
            return true;
        }
    }

    /// <summary>The value last accepted for <paramref name="key"/>, or null.</summary>
    public string? Read(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var current) ? current.Value : null;
        }
    }
}
