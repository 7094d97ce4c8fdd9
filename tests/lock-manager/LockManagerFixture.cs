using DistSys.Testing;

namespace DistSys.LockManager.Tests;

/// <summary>A fresh lock manager on a manual clock for every test, disposed afterwards so its cleanup timer stops.</summary>
public abstract class LockManagerFixture
{
    /// <summary>A wait long enough never to expire unless a test advances the clock past it.</summary>
    protected static readonly TimeSpan LongWait = TimeSpan.FromMinutes(10);
    protected static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected ManualTimeProvider Time { get; private set; } = null!;

    protected DistributedLockManager Manager { get; set; } = null!;

    protected DateTimeOffset Start { get; private set; }

    [SetUp]
    public void CreateManager()
    {
        Time = new ManualTimeProvider();
        Start = Time.GetUtcNow();
        Manager = new DistributedLockManager(Time, new LockManagerOptions { HeartbeatInterval = Interval, LeaseDuration = Lease });
    }

    [TearDown]
    public void DisposeManager() => Manager?.Dispose();
}
