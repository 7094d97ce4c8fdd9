namespace DistSys.LockManager;

/// <summary>
/// A lock service for many clients and many named locks, shared by real threads. Requests for a held lock queue in
/// arrival order; grants are leases that expire unless extended; clients that stop sending heartbeats are presumed
/// dead and lose their locks. Every grant carries a fencing token. Time comes from the injected
/// <see cref="TimeProvider"/>, and the periodic cleanup is a timer created through it.
/// </summary>
public sealed class DistributedLockManager : IDisposable
{
    private readonly TimeProvider _time;
    private readonly LockManagerOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LockEntry> _locks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastHeard = new(StringComparer.Ordinal);
    private readonly ITimer _cleanup;
    private long _lastRequestId;
    private bool _disposed;

    /// <summary>Creates a manager and starts its cleanup timer (every <see cref="LockManagerOptions.HeartbeatInterval"/>).</summary>
    public DistributedLockManager(TimeProvider time, LockManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _options = options ?? new LockManagerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.HeartbeatInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.LeaseDuration, TimeSpan.Zero);
        _cleanup = time.CreateTimer(_ => CleanUp(), null, _options.HeartbeatInterval, _options.HeartbeatInterval);
    }

    /// <summary>
    /// Asks for <paramref name="lockName"/> on behalf of <paramref name="clientId"/>. Returns at once: the task is already
    /// complete when the lock was free, and otherwise completes when the lock is granted (FIFO) or when
    /// <paramref name="waitTimeout"/> passes (then <c>Success</c> is false and the request has left the queue).
    /// </summary>
    public Task<AcquireResult> AcquireAsync(string clientId, string lockName, TimeSpan waitTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(lockName);
        if (waitTimeout < TimeSpan.Zero && waitTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(waitTimeout), waitTimeout, "Use a positive wait, zero, or Timeout.InfiniteTimeSpan.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            _lastHeard[clientId] = now;
            var entry = EntryFor(lockName);
            var waiter = new Waiter(clientId, ++_lastRequestId);
            if (entry.Holder is null && entry.Queue.Count == 0)
            {
                Grant(entry, waiter, now);
            }
            else if (waitTimeout == TimeSpan.Zero)
            {
                waiter.Finish(new AcquireResult(false, waiter.RequestId, 0));
            }
            else
            {
                waiter.Node = entry.Queue.AddLast(waiter);
                if (waitTimeout != Timeout.InfiniteTimeSpan)
                {
                    waiter.WaitTimer = _time.CreateTimer(_ => GiveUp(waiter), null, waitTimeout, Timeout.InfiniteTimeSpan);
                }
            }

            return waiter.Result.Task;
        }
    }

    /// <summary>
    /// Releases the lock if <paramref name="clientId"/> holds it under <paramref name="requestId"/>, and grants it to the
    /// next waiter. Returns false, changing nothing, for anyone else.
    /// </summary>
    public bool Release(string clientId, string lockName, long requestId)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_locks.TryGetValue(lockName, out var entry) || !entry.IsHeldBy(clientId, requestId))
            {
                return false;
            }

            PassOn(entry, _time.GetUtcNow());
            return true;
        }
    }

    /// <summary>
    /// Adds <paramref name="extension"/> to the holder's lease. Refused (false) for a non-holder and for a lease that has
    /// already run out, even if the cleanup has not yet taken the lock away. Counts as a heartbeat.
    /// </summary>
    public bool Extend(string clientId, string lockName, long requestId, TimeSpan extension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(extension, TimeSpan.Zero);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            if (!_locks.TryGetValue(lockName, out var entry) || !entry.IsHeldBy(clientId, requestId) || entry.ExpiresAt <= now)
            {
                return false;
            }

            entry.ExpiresAt += extension;
            _lastHeard[clientId] = now;
            return true;
        }
    }

    /// <summary>Records that <paramref name="clientId"/> is alive.</summary>
    public void Heartbeat(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _lastHeard[clientId] = _time.GetUtcNow();
        }
    }

    /// <summary>The current state of <paramref name="lockName"/>; a lock never used is reported as available.</summary>
    public LockStatus GetStatus(string lockName)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockName);
        lock (_gate)
        {
            return _locks.TryGetValue(lockName, out var entry)
                ? new LockStatus(lockName, entry.Holder is null ? LockState.Available : LockState.Held, entry.Holder?.ClientId,
                    entry.Queue.Count, entry.AcquiredAt, entry.ExpiresAt)
                : new LockStatus(lockName, LockState.Available, null, 0, null, null);
        }
    }

    /// <summary>
    /// Finds deadlocks: cycles in the wait-for graph, where a client waiting for a lock points at that lock's holder.
    /// Each cycle lists its clients in wait-for order starting from the ordinally smallest id; cycles are sorted.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> DetectDeadlocks()
    {
        Dictionary<string, SortedSet<string>> waitsFor;
        lock (_gate)
        {
            waitsFor = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (var entry in _locks.Values.Where(e => e.Holder is not null))
            {
                foreach (var waiter in entry.Queue)
                {
                    if (!waitsFor.TryGetValue(waiter.ClientId, out var targets))
                    {
                        waitsFor[waiter.ClientId] = targets = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    targets.Add(entry.Holder!.ClientId);
                }
            }
        }

        return WaitForCycles.Find(waitsFor);
    }

    /// <summary>Stops the cleanup timer and fails every waiting request; status queries keep working.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _cleanup.Dispose();
            foreach (var waiter in _locks.Values.SelectMany(e => e.Queue).ToList())
            {
                Abandon(waiter);
            }
        }
    }

    private LockEntry EntryFor(string lockName)
    {
        if (!_locks.TryGetValue(lockName, out var entry))
        {
            _locks[lockName] = entry = new LockEntry();
        }

        return entry;
    }

    private void Grant(LockEntry entry, Waiter waiter, DateTimeOffset now)
    {
        entry.Holder = waiter;
        entry.AcquiredAt = now;
        entry.ExpiresAt = now + _options.LeaseDuration;
        waiter.Finish(new AcquireResult(true, waiter.RequestId, ++entry.LastFencingToken));
    }

    // The holder is gone (released, expired or dead): the oldest waiter gets the lock, if any.
    private void PassOn(LockEntry entry, DateTimeOffset now)
    {
        entry.Holder = null;
        entry.AcquiredAt = null;
        entry.ExpiresAt = null;
        if (entry.Queue.First is { } first)
        {
            entry.Queue.RemoveFirst();
            first.Value.Node = null;
            Grant(entry, first.Value, now);
        }
    }

    private void GiveUp(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is not null)
            {
                Abandon(waiter);
            }
        }
    }

    private void Abandon(Waiter waiter)
    {
        waiter.Node?.List?.Remove(waiter.Node);
        waiter.Node = null;
        waiter.Finish(new AcquireResult(false, waiter.RequestId, 0));
    }

    private void CleanUp()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetUtcNow();
            foreach (var entry in _locks.Values.Where(e => e.ExpiresAt <= now))
            {
                PassOn(entry, now);
            }

            var silence = 3 * _options.HeartbeatInterval;
            var dead = _lastHeard.Where(c => now - c.Value > silence).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var client in dead)
            {
                _lastHeard.Remove(client);
            }

            foreach (var entry in _locks.Values)
            {
                foreach (var waiter in entry.Queue.Where(w => dead.Contains(w.ClientId)).ToList())
                {
                    Abandon(waiter);
                }

                if (entry.Holder is { } holder && dead.Contains(holder.ClientId))
                {
                    PassOn(entry, now);
                }
            }
        }
    }

    private sealed class LockEntry
    {
        public Waiter? Holder { get; set; }

        public DateTimeOffset? AcquiredAt { get; set; }

        public DateTimeOffset? ExpiresAt { get; set; }

        public long LastFencingToken { get; set; }

        public LinkedList<Waiter> Queue { get; } = new();

        public bool IsHeldBy(string clientId, long requestId) =>
            Holder is { } holder && holder.ClientId == clientId && holder.RequestId == requestId;
    }

    private sealed class Waiter(string clientId, long requestId)
    {
        public string ClientId { get; } = clientId;

        public long RequestId { get; } = requestId;

        // Continuations run elsewhere, so completing under the manager's lock never runs a client's code there.
        public TaskCompletionSource<AcquireResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public ITimer? WaitTimer { get; set; }

        public void Finish(AcquireResult result)
        {
            WaitTimer?.Dispose();
            WaitTimer = null;
            Result.TrySetResult(result);
        }
    }
}
