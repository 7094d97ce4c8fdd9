namespace DistSys.LockManager;

/// <summary>
/// A lock service for many clients and many named locks, shared by real threads.
/// <list type="bullet">
/// <item>A free lock is granted at once; requests for a held lock queue in arrival order (FIFO) and are woken when granted.</item>
/// <item>A grant is a lease of <see cref="LockManagerOptions.LeaseDuration"/>; the holder may extend it; when it runs out the
/// lock passes to the next waiter.</item>
/// <item>A client not heard from (acquire, extend or heartbeat) for more than three
/// <see cref="LockManagerOptions.HeartbeatInterval"/>s is presumed dead: it loses its locks and its queued requests.</item>
/// <item>Every grant carries a fencing token that grows with each grant of that lock (see <see cref="FencedStorage"/>).</item>
/// </list>
/// Never read the wall clock: take every time from the injected <see cref="TimeProvider"/>, and run the periodic cleanup
/// (expired leases, dead clients) on a timer made with <see cref="TimeProvider.CreateTimer"/> every heartbeat interval.
/// Tests use a manual clock whose timers fire when the test advances it.
/// </summary>
public sealed class DistributedLockManager : IDisposable
{
    /// <summary>
    /// Creates a manager and starts its cleanup timer (every <see cref="LockManagerOptions.HeartbeatInterval"/>).
    /// A null <paramref name="options"/> means the defaults (5 s heartbeat interval, 30 s lease).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="time"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The heartbeat interval or the lease duration is zero or negative.</exception>
    public DistributedLockManager(TimeProvider time, LockManagerOptions? options = null) =>
        throw new NotImplementedException("DistributedLockManager constructor: keep the TimeProvider and options, and start the cleanup timer with time.CreateTimer.");

    /// <summary>
    /// Asks for <paramref name="lockName"/> on behalf of <paramref name="clientId"/>, and counts as a heartbeat.
    /// Must return at once, never blocking the caller: the task is already complete when the lock was free (or when
    /// <paramref name="waitTimeout"/> is zero and the lock is held: then it fails), and otherwise completes when the lock is
    /// granted in FIFO order, or with <c>Success == false</c> once <paramref name="waitTimeout"/> has passed on the
    /// TimeProvider's clock (the request then leaves the queue). <see cref="Timeout.InfiniteTimeSpan"/> waits without limit.
    /// Every request gets a new <see cref="AcquireResult.RequestId"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="clientId"/> or <paramref name="lockName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="clientId"/> or <paramref name="lockName"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="waitTimeout"/> is negative (other than <see cref="Timeout.InfiniteTimeSpan"/>).
    /// </exception>
    /// <exception cref="ObjectDisposedException">The manager has been disposed.</exception>
    public Task<AcquireResult> AcquireAsync(string clientId, string lockName, TimeSpan waitTimeout) =>
        throw new NotImplementedException("DistributedLockManager.AcquireAsync: grant a free lock at once, otherwise queue the request (FIFO) and complete its task when granted or timed out.");

    /// <summary>
    /// Releases the lock if <paramref name="clientId"/> holds it under <paramref name="requestId"/>, and grants it to the
    /// next waiter. Returns false, changing nothing, for anyone else (another client, a wrong request id, an unknown lock).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The manager has been disposed.</exception>
    public bool Release(string clientId, string lockName, long requestId) =>
        throw new NotImplementedException("DistributedLockManager.Release: check the holder and request id, then hand the lock to the next waiter.");

    /// <summary>
    /// Adds <paramref name="extension"/> to the holder's current expiry time. Refused (false) for a non-holder and for a
    /// lease that has already run out, even if the cleanup has not yet taken the lock away. Counts as a heartbeat.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="extension"/> is negative (a lease cannot be shortened).</exception>
    /// <exception cref="ObjectDisposedException">The manager has been disposed.</exception>
    public bool Extend(string clientId, string lockName, long requestId, TimeSpan extension) =>
        throw new NotImplementedException("DistributedLockManager.Extend: push the holder's expiry time back, unless the lease already ran out.");

    /// <summary>Records that <paramref name="clientId"/> is alive (now, by the TimeProvider).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="clientId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="clientId"/> is empty.</exception>
    /// <exception cref="ObjectDisposedException">The manager has been disposed.</exception>
    public void Heartbeat(string clientId) =>
        throw new NotImplementedException("DistributedLockManager.Heartbeat: remember when the client was last heard from.");

    /// <summary>The current state of <paramref name="lockName"/>; a lock never used is reported as available.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="lockName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="lockName"/> is empty.</exception>
    public LockStatus GetStatus(string lockName) =>
        throw new NotImplementedException("DistributedLockManager.GetStatus: report state, holder, queue length, acquired and expiry times.");

    /// <summary>
    /// Finds deadlocks: the cycles of the wait-for graph, which has an edge from each waiting client to the holder of the
    /// lock it waits for (over all locks). Each cycle is listed once, in wait-for order, starting from its ordinally
    /// smallest client id; cycles are listed in ordinal order of their first client. No cycle: an empty list.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> DetectDeadlocks() =>
        throw new NotImplementedException("DistributedLockManager.DetectDeadlocks: build the wait-for graph and list its cycles.");

    /// <summary>
    /// Stops the cleanup timer and fails every waiting request (their tasks complete with <c>Success == false</c>); no
    /// timer the manager created is left running (a granted or failed request's wait timer is stopped as well).
    /// <see cref="GetStatus"/> and <see cref="DetectDeadlocks"/> keep working afterwards and a second <c>Dispose</c> does
    /// nothing; <see cref="AcquireAsync"/>, <see cref="Release"/>, <see cref="Extend"/> and <see cref="Heartbeat"/> throw
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose() =>
        throw new NotImplementedException("DistributedLockManager.Dispose: stop the cleanup timer and fail the waiting requests.");
}
