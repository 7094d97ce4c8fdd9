namespace DistSys.CoordinationBenchmark;

/// <summary>How per-worker counters are laid out in memory.</summary>
public enum CounterLayout
{
    /// <summary>Each counter on its own 128-byte block, so no two workers ever write the same cache line.</summary>
    Padded,

    /// <summary>Counters next to each other in one array: up to eight share a 64-byte cache line (false sharing).</summary>
    Adjacent,
}

// Every strategy starts its workers as real threads (new Thread), lets them start together, splits the operations as
// evenly as possible (the shares must add up exactly), waits for all of them and returns the total. Workers <= 0 and
// operations < 0 are an ArgumentOutOfRangeException, thrown before any thread starts. A shared helper for starting and joining the workers is a good idea: keep it internal.

/// <summary>
/// No coordination while counting: each worker increments its own counter (through memory: a <c>long[]</c> slot, not a
/// local variable), and the counters are summed once all workers are done.
/// With <see cref="CounterLayout.Padded"/> each worker's slot is 128 bytes away from the next; with
/// <see cref="CounterLayout.Adjacent"/> the slots are consecutive, so workers fight over cache lines they do not share
/// logically (false sharing). Name: "no coordination" (padded) or "no coordination, adjacent counters".
/// </summary>
public sealed class NoCoordination : ICountingStrategy
{
    /// <summary>Creates the strategy with the given counter layout (padded unless you want to see false sharing).</summary>
    public NoCoordination(CounterLayout layout = CounterLayout.Padded) =>
        throw new NotImplementedException("NoCoordination constructor: remember the layout.");

    /// <summary>Where the per-worker counters sit in memory.</summary>
    public CounterLayout Layout => throw new NotImplementedException("NoCoordination.Layout: return the layout given to the constructor.");

    /// <inheritdoc />
    public string Name => throw new NotImplementedException("NoCoordination.Name: \"no coordination\" or \"no coordination, adjacent counters\".");

    /// <inheritdoc />
    public long Count(int workers, long operations) =>
        throw new NotImplementedException("NoCoordination.Count: per-worker counters in a long[] (padded or adjacent), summed at the end.");
}

/// <summary>One lock around one shared counter. Name: "coarse lock".</summary>
public sealed class CoarseLock : ICountingStrategy
{
    /// <inheritdoc />
    public string Name => throw new NotImplementedException("CoarseLock.Name: \"coarse lock\".");

    /// <inheritdoc />
    public long Count(int workers, long operations) =>
        throw new NotImplementedException("CoarseLock.Count: every increment takes the one lock.");
}

/// <summary>
/// A counter per stripe, each with its own lock; a worker's i-th operation uses stripe i mod <see cref="Stripes"/>.
/// The total is the sum of the stripes. Name: "16 striped locks" (with the actual stripe count).
/// </summary>
public sealed class StripedLocks : ICountingStrategy
{
    /// <summary>Creates the strategy with <paramref name="stripes"/> lock-and-counter pairs (the seed uses 16); at least 1.</summary>
    public StripedLocks(int stripes = 16) =>
        throw new NotImplementedException("StripedLocks constructor: check and remember the stripe count.");

    /// <summary>How many lock-and-counter pairs there are.</summary>
    public int Stripes => throw new NotImplementedException("StripedLocks.Stripes: return the stripe count.");

    /// <inheritdoc />
    public string Name => throw new NotImplementedException("StripedLocks.Name: \"<n> striped locks\".");

    /// <inheritdoc />
    public long Count(int workers, long operations) =>
        throw new NotImplementedException("StripedLocks.Count: operation i increments stripe i mod n under that stripe's lock.");
}

/// <summary>One shared counter updated with an atomic read-modify-write (<see cref="Interlocked.Increment(ref long)"/>). Name: "interlocked".</summary>
public sealed class InterlockedCounter : ICountingStrategy
{
    /// <inheritdoc />
    public string Name => throw new NotImplementedException("InterlockedCounter.Name: \"interlocked\".");

    /// <inheritdoc />
    public long Count(int workers, long operations) =>
        throw new NotImplementedException("InterlockedCounter.Count: Interlocked.Increment on one shared long.");
}

/// <summary>
/// Message passing: workers count locally and send a message with each full batch of <see cref="BatchSize"/> (and one
/// with the remainder) to a single aggregator, which adds the messages up; use a channel or a concurrent queue. There is no
/// shared mutable counter. The aggregator must stop once every worker is done, even when there were no messages at all.
/// Name: "batched messages (1000)" (with the actual batch size).
/// </summary>
public sealed class BatchedMessages : ICountingStrategy
{
    /// <summary>Creates the strategy sending one message per <paramref name="batchSize"/> operations (the seed uses 1000); at least 1.</summary>
    public BatchedMessages(int batchSize = 1000) =>
        throw new NotImplementedException("BatchedMessages constructor: check and remember the batch size.");

    /// <summary>Operations per message.</summary>
    public int BatchSize => throw new NotImplementedException("BatchedMessages.BatchSize: return the batch size.");

    /// <inheritdoc />
    public string Name => throw new NotImplementedException("BatchedMessages.Name: \"batched messages (<batch size>)\".");

    /// <inheritdoc />
    public long Count(int workers, long operations) =>
        throw new NotImplementedException("BatchedMessages.Count: workers send batch counts to one aggregator, which sums them.");
}

/// <summary>
/// One thread-pool task per operation (each worker starts a task per operation of its share and waits for them), each
/// incrementing a shared counter atomically: shows what scheduling work in tiny pieces costs. Refuses more than
/// <see cref="MaxOperations"/> operations with an <see cref="ArgumentOutOfRangeException"/>. Name: "task per operation".
/// </summary>
public sealed class TaskPerOperation : ICountingStrategy
{
    /// <summary>The largest operation count this strategy accepts: beyond it, it is just slow.</summary>
    public const long MaxOperations = 100_000;

    /// <inheritdoc />
    public string Name => throw new NotImplementedException("TaskPerOperation.Name: \"task per operation\".");

    /// <inheritdoc />
    public long Count(int workers, long operations) =>
        throw new NotImplementedException("TaskPerOperation.Count: one Task.Run per operation, atomically incrementing one counter.");
}

/// <summary>The strategies of this exercise, in a fixed order.</summary>
public static class CountingStrategies
{
    /// <summary>
    /// Every strategy: no coordination (padded, then adjacent counters), coarse lock, 16 striped locks, interlocked,
    /// batched messages (1000 per message), task per operation.
    /// </summary>
    public static IReadOnlyList<ICountingStrategy> All() =>
        throw new NotImplementedException("CountingStrategies.All: one of each strategy, in the documented order.");
}
