namespace DistSys.LockManager;

/// <summary>Whether a lock is free or held by a client.</summary>
public enum LockState
{
    /// <summary>Nobody holds the lock; the next <c>AcquireAsync</c> gets it at once.</summary>
    Available,

    /// <summary>A client holds the lock; others queue behind it.</summary>
    Held,
}

/// <summary>The answer to an acquire request.</summary>
/// <param name="Success">True when the lock was granted; false when the wait timed out or the manager shut down.</param>
/// <param name="RequestId">Identifies this request; the holder passes it to <c>Release</c> and <c>Extend</c>.</param>
/// <param name="FencingToken">
/// Zero when not granted. Otherwise a number that grows with every grant of this lock: storage that remembers the
/// highest token it has seen can refuse writes from a holder whose lease has already passed to someone else.
/// </param>
public readonly record struct AcquireResult(bool Success, long RequestId, long FencingToken);

/// <summary>A snapshot of one lock.</summary>
/// <param name="LockName">The lock asked about.</param>
/// <param name="State">Held or available (a lock never used is available).</param>
/// <param name="Holder">The holding client, or null.</param>
/// <param name="QueueLength">How many requests wait for the lock.</param>
/// <param name="AcquiredAt">When the current holder was granted the lock, or null.</param>
/// <param name="ExpiresAt">When the current holder's lease runs out, or null.</param>
public sealed record LockStatus(
    string LockName,
    LockState State,
    string? Holder,
    int QueueLength,
    DateTimeOffset? AcquiredAt,
    DateTimeOffset? ExpiresAt);

/// <summary>Timing settings of a <c>DistributedLockManager</c>.</summary>
public sealed record LockManagerOptions
{
    /// <summary>
    /// How often the background cleanup runs, and the unit of failure detection: a client that has not been heard
    /// from (acquire, extend or heartbeat) for more than three intervals is presumed dead. Default 5 s.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a grant lasts unless extended. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);
}
