namespace DistSys.CoordinationBenchmark;

/// <summary>Starts the worker threads of a strategy together and waits for them.</summary>
internal static class Workers
{
    /// <summary>Runs <paramref name="body"/>(worker, share) on <paramref name="workers"/> threads; the shares sum to <paramref name="operations"/>.</summary>
    public static void Run(int workers, long operations, Action<int, long> body)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        ArgumentOutOfRangeException.ThrowIfNegative(operations);
        // A barrier, so that no worker finishes before the last one has even started: they really contend.
        using var start = new Barrier(workers);
        var threads = new Thread[workers];
        for (var worker = 0; worker < workers; worker++)
        {
            var id = worker;
            var share = operations / workers + (id < operations % workers ? 1 : 0);
            threads[id] = new Thread(() =>
            {
                start.SignalAndWait();
                body(id, share);
            }) { IsBackground = true };
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }
}
