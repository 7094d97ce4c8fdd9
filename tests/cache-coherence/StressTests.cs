using DistSys.Testing;

namespace DistSys.CacheCoherence.Tests;

/// <summary>Several real threads issue random operations at once; afterwards the caches must be coherent and nothing lost.</summary>
public sealed class StressTests
{
    private const int Threads = 4;
    private const int OperationsPerThread = 3000;
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("safety")]
    public void Concurrent_operations_leave_the_caches_coherent(CoherenceProtocol protocol)
    {
        foreach (var seed in Seeds.Few)
        {
            Replay.Run(seed, () =>
            {
                var controller = new CoherenceController(protocol);
                var accesses = 0;
                var workers = Enumerable.Range(0, Threads).Select(worker => Task.Factory.StartNew(() =>
                {
                    var random = new Random(seed * 100 + worker);
                    var node = $"CPU{worker + 1}";
                    for (var i = 0; i < OperationsPerThread; i++)
                    {
                        var address = random.Next(8);
                        switch (random.Next(10))
                        {
                            case < 5: controller.Read(node, address); Interlocked.Increment(ref accesses); break;
                            case < 9: controller.Write(node, address, random.Next(1, 1000)); Interlocked.Increment(ref accesses); break;
                            default: controller.Flush(node); break;
                        }
                    }
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

                Assert.That(Task.WaitAll(workers, HangLimit), Is.True,
                    $"{Threads} threads doing {OperationsPerThread} operations each did not finish within {HangLimit.TotalSeconds:0} s (a deadlock?).");
                var violations = Coherence.Violations(controller);
                Assert.That(violations, Is.Empty, "Incoherent after concurrent use:\n" + string.Join("\n", violations));
                var stats = controller.GetStatistics();
                Assert.That(stats.Hits + stats.Misses, Is.EqualTo(accesses),
                    $"Each of the {accesses} reads and writes counts once as a hit or a miss; updates to the counters were lost.");
            });
        }
    }

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("safety")]
    public void Concurrent_writers_of_disjoint_addresses_lose_no_write(CoherenceProtocol protocol)
    {
        var controller = new CoherenceController(protocol);
        var workers = Enumerable.Range(0, Threads).Select(worker => Task.Factory.StartNew(() =>
        {
            var node = $"CPU{worker + 1}";
            for (var i = 1; i <= OperationsPerThread; i++)
            {
                controller.Write(node, worker, i);
                controller.Read($"CPU{(worker + 1) % Threads + 1}", worker); // a neighbour reads it, forcing writebacks
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        Assert.That(Task.WaitAll(workers, HangLimit), Is.True, $"The writers did not finish within {HangLimit.TotalSeconds:0} s (a deadlock?).");
        for (var address = 0; address < Threads; address++)
        {
            Assert.That(controller.Read("observer", address), Is.EqualTo(OperationsPerThread),
                $"Address {address} was last written with {OperationsPerThread}; a fresh node must read that.");
        }

        var stats = controller.GetStatistics();
        Assert.That(stats.Hits + stats.Misses, Is.EqualTo(2L * Threads * OperationsPerThread + Threads),
            "Every read and write counts exactly once as a hit or a miss; updates to the counters were lost.");
    }
}
