using System.Collections.Concurrent;

namespace DistSys.CoordinationBenchmark;

/// <summary>How per-worker counters are laid out in memory.</summary>
public enum CounterLayout
{
    /// <summary>Each counter on its own 128-byte block, so no two workers ever write the same cache line.</summary>
    Padded,

    /// <summary>Counters next to each other in one array: up to eight share a 64-byte cache line (false sharing).</summary>
    Adjacent,
}

/// <summary>No coordination while counting: each worker increments its own counter; the counters are summed at the end.</summary>
public sealed class NoCoordination : ICountingStrategy
{
    // 128 bytes: a cache line, plus the neighbouring line that the adjacent-line prefetcher pulls in with it.
    private const int PaddedStride = 128 / sizeof(long);

    /// <summary>Creates the strategy with the given counter layout (padded unless you want to see false sharing).</summary>
    public NoCoordination(CounterLayout layout = CounterLayout.Padded)
    {
        Layout = layout;
    }

    /// <summary>Where the per-worker counters sit in memory.</summary>
    public CounterLayout Layout { get; }

    /// <inheritdoc />
    public string Name => Layout == CounterLayout.Padded ? "no coordination" : "no coordination, adjacent counters";

    /// <inheritdoc />
    public long Count(int workers, long operations)
    {
        var stride = Layout == CounterLayout.Padded ? PaddedStride : 1;
        var counters = new long[(workers + 1) * stride];
        Workers.Run(workers, operations, (worker, share) => IncrementInMemory(ref counters[(worker + 1) * stride - 1], share));
        return counters.Sum();
    }

    // Every increment goes through memory, as a shared counter's would; only the cache lines differ. A ref to the slot,
    // in a method of its own: the loop neither reloads the captured array nor checks its bounds on every pass.
    private static void IncrementInMemory(ref long counter, long times)
    {
        for (long i = 0; i < times; i++)
        {
            counter++;
        }
    }
}

/// <summary>One lock around one shared counter.</summary>
public sealed class CoarseLock : ICountingStrategy
{
    /// <inheritdoc />
    public string Name => "coarse lock";

    /// <inheritdoc />
    public long Count(int workers, long operations)
    {
        // A Monitor lock on a plain object, not System.Threading.Lock: the ThreadingDiagnoser counts Monitor contentions.
        var gate = new object();
        var total = new long[1];
        Workers.Run(workers, operations, (_, share) => IncrementUnderLock(gate, ref total[0], share));
        return total[0];
    }

    private static void IncrementUnderLock(object gate, ref long counter, long times)
    {
        for (long i = 0; i < times; i++)
        {
            lock (gate)
            {
                counter++;
            }
        }
    }
}

/// <summary>A counter per stripe, each with its own lock; operation i of a worker uses stripe i mod the stripe count.</summary>
public sealed class StripedLocks : ICountingStrategy
{
    /// <summary>Creates the strategy with <paramref name="stripes"/> lock-and-counter pairs (the seed uses 16).</summary>
    public StripedLocks(int stripes = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stripes);
        Stripes = stripes;
    }

    /// <summary>How many lock-and-counter pairs there are.</summary>
    public int Stripes { get; }

    /// <inheritdoc />
    public string Name => $"{Stripes} striped locks";

    /// <inheritdoc />
    public long Count(int workers, long operations)
    {
        var stripes = Enumerable.Range(0, Stripes).Select(_ => new Stripe()).ToArray();
        Workers.Run(workers, operations, (_, share) => CountStriped(stripes, share));
        return stripes.Sum(s => s.Count);
    }

    private static void CountStriped(Stripe[] stripes, long share)
    {
        // i mod the stripe count without a 64-bit division per increment: the index wraps as i advances.
        var index = 0;
        for (long i = 0; i < share; i++)
        {
            var stripe = stripes[index];
            lock (stripe)
            {
                stripe.Count++;
            }

            if (++index == stripes.Length)
            {
                index = 0;
            }
        }
    }

    // Each stripe is its own lock (a private object no other code can lock). The padding keeps two stripes, allocated one
    // after the other, off each other's 128 bytes, so workers on different stripes do not share a cache line.
    private sealed class Stripe
    {
        public long Count;
#pragma warning disable CS0169, IDE0051 // never read: they only take up space
        private readonly long _pad1, _pad2, _pad3, _pad4, _pad5, _pad6, _pad7, _pad8, _pad9, _pad10, _pad11, _pad12, _pad13, _pad14;
#pragma warning restore CS0169, IDE0051
    }
}

/// <summary>One shared counter updated with an atomic read-modify-write (<see cref="Interlocked.Increment(ref long)"/>).</summary>
public sealed class InterlockedCounter : ICountingStrategy
{
    /// <inheritdoc />
    public string Name => "interlocked";

    /// <inheritdoc />
    public long Count(int workers, long operations)
    {
        var total = new long[1];
        Workers.Run(workers, operations, (_, share) => IncrementAtomically(ref total[0], share));
        return total[0];
    }

    // The counter is an array slot reached through a ref, not a captured local: the loop is one atomic add and nothing else.
    private static void IncrementAtomically(ref long counter, long times)
    {
        for (long i = 0; i < times; i++)
        {
            Interlocked.Increment(ref counter);
        }
    }
}

/// <summary>
/// Message passing: workers count locally and send a message with each full batch (and the remainder) to one aggregator,
/// the calling thread, which adds the messages up. No shared mutable counter at all.
/// </summary>
public sealed class BatchedMessages : ICountingStrategy
{
    /// <summary>Creates the strategy sending one message per <paramref name="batchSize"/> operations (the seed uses 1000).</summary>
    public BatchedMessages(int batchSize = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        BatchSize = batchSize;
    }

    /// <summary>Operations per message.</summary>
    public int BatchSize { get; }

    /// <inheritdoc />
    public string Name => $"batched messages ({BatchSize})";

    /// <inheritdoc />
    public long Count(int workers, long operations)
    {
        // Checked here: thrown on the sender thread, the exception would take the whole process down.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        ArgumentOutOfRangeException.ThrowIfNegative(operations);
        using var mailbox = new BlockingCollection<long>(new ConcurrentQueue<long>());
        var running = workers;
        var sender = new Thread(() =>
        {
            Workers.Run(workers, operations, (_, share) =>
            {
                Send(mailbox, BatchSize, share);
                if (Interlocked.Decrement(ref running) == 0)
                {
                    mailbox.CompleteAdding();
                }
            });
        }) { IsBackground = true };
        sender.Start();

        long total = 0;
        foreach (var message in mailbox.GetConsumingEnumerable())
        {
            total += message;
        }

        sender.Join();
        return total;
    }

    // Counts each batch in a local (per-worker accumulation: no shared memory touched while counting), then sends it.
    private static void Send(BlockingCollection<long> mailbox, int batchSize, long share)
    {
        for (long sent = 0; sent < share;)
        {
            var batch = Math.Min(batchSize, share - sent);
            long pending = 0;
            for (long i = 0; i < batch; i++)
            {
                pending++;
            }

            mailbox.Add(pending);
            sent += pending;
        }
    }
}

/// <summary>
/// One thread-pool task per operation, each incrementing the shared counter atomically: shows what scheduling work in
/// tiny pieces costs. Limited to <see cref="MaxOperations"/> operations.
/// </summary>
public sealed class TaskPerOperation : ICountingStrategy
{
    /// <summary>The largest operation count this strategy accepts: beyond it, it is just slow.</summary>
    public const long MaxOperations = 100_000;

    /// <inheritdoc />
    public string Name => "task per operation";

    /// <inheritdoc />
    public long Count(int workers, long operations)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(operations, MaxOperations);
        long total = 0;
        Workers.Run(workers, operations, (_, share) =>
        {
            var tasks = new Task[share];
            for (long i = 0; i < share; i++)
            {
                tasks[i] = Task.Run(() => Interlocked.Increment(ref total));
            }

            Task.WaitAll(tasks);
        });
        return total;
    }
}

/// <summary>The strategies of this exercise, in a fixed order.</summary>
public static class CountingStrategies
{
    /// <summary>
    /// Every strategy: no coordination (padded, then adjacent counters), coarse lock, 16 striped locks, interlocked,
    /// batched messages (1000 per message), task per operation.
    /// </summary>
    public static IReadOnlyList<ICountingStrategy> All() =>
    [
        new NoCoordination(),
        new NoCoordination(CounterLayout.Adjacent),
        new CoarseLock(),
        new StripedLocks(),
        new InterlockedCounter(),
        new BatchedMessages(),
        new TaskPerOperation(),
    ];
}
