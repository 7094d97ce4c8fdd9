using DistSys.Runtime;

namespace DistSys.AdaptiveSelector.Tests;

/// <summary>One client operation as the test saw it: invoked, and (once answered) completed with a result.</summary>
internal sealed class Operation(int id, NodeId node, bool write, long amount, TimeSpan invoked)
{
    public int Id { get; } = id;
    public NodeId Node { get; } = node;
    public bool Write { get; } = write;
    public long Amount { get; } = amount;
    public TimeSpan Invoked { get; } = invoked;
    public TimeSpan? Completed { get; set; }
    public ReadResult? Result { get; set; }
    public int Completions { get; set; }

    public override string ToString() =>
        $"#{Id} {(Write ? $"increment {Amount}" : "read")} at {Node}, invoked {Invoked.TotalMilliseconds:F3} ms" +
        (Completed is { } done ? $", completed {done.TotalMilliseconds:F3} ms" : ", never completed") +
        (Result is { } r ? $" -> {r.Value}{(r.Strong ? " (strong)" : "")}" : "");
}

/// <summary>
/// The recorded history of a run: the test, not the service, notes every invocation and completion with the
/// simulator's clock, and the guarantee is checked on it afterwards.
/// </summary>
internal sealed class History(Simulation simulation, AdaptiveCounter counter)
{
    public List<Operation> Operations { get; } = [];

    public void Increment(NodeId node, long amount)
    {
        var operation = new Operation(Operations.Count + 1, node, true, amount, simulation.Now);
        Operations.Add(operation);
        counter.Increment(node, amount, () => Complete(operation, null));
    }

    public void Read(NodeId node)
    {
        var operation = new Operation(Operations.Count + 1, node, false, 0, simulation.Now);
        Operations.Add(operation);
        counter.Read(node, result => Complete(operation, result));
    }

    // increments are sorted by completion time
    private static long AcknowledgedBefore(List<Operation> increments, TimeSpan time)
    {
        long sum = 0;
        foreach (var increment in increments)
        {
            if (increment.Completed >= time)
            {
                break;
            }

            sum += increment.Amount;
        }

        return sum;
    }

    private void Complete(Operation operation, ReadResult? result)
    {
        operation.Completions++;
        operation.Completed ??= simulation.Now;
        operation.Result ??= result;
    }

    /// <summary>Schedules <paramref name="writesPerSecond"/> and <paramref name="readsPerSecond"/> at uniformly random times and nodes.</summary>
    public void Phase(TimeSpan from, TimeSpan to, double writesPerSecond, double readsPerSecond)
    {
        var seconds = (to - from).TotalSeconds;
        var nodes = counter.Nodes;
        for (var i = 0; i < (int)(writesPerSecond * seconds); i++)
        {
            var node = nodes[simulation.Random.Next(nodes.Count)];
            var amount = simulation.Random.Next(1, 4);
            simulation.Schedule(from + ((to - from) * simulation.Random.NextDouble()), () => Increment(node, amount), "client increment");
        }

        for (var i = 0; i < (int)(readsPerSecond * seconds); i++)
        {
            var node = nodes[simulation.Random.Next(nodes.Count)];
            simulation.Schedule(from + ((to - from) * simulation.Random.NextDouble()), () => Read(node), "client read");
        }
    }

    /// <summary>
    /// The service's guarantee, checked on the history; returns every violation (at most a few per kind):
    /// reads never go backwards at a node; a read sees every increment acknowledged at its node before it began; a
    /// strong read sees every increment acknowledged anywhere before it began; every operation completes exactly once.
    /// </summary>
    public List<string> Violations()
    {
        var problems = new List<string>();
        var increments = Operations.Where(o => o.Write && o.Completed is not null).OrderBy(o => o.Completed).ToList();
        var reads = Operations.Where(o => !o.Write && o.Result is not null).ToList();

        problems.AddRange(Operations.Where(o => o.Completions != 1).Take(3)
            .Select(o => $"completed {o.Completions} times (must be exactly once): {o}"));

        foreach (var group in reads.GroupBy(r => r.Node))
        {
            var byCompletion = group.OrderBy(r => r.Completed).ToList();
            var own = increments.Where(i => i.Node == group.Key).ToList();
            foreach (var read in group)
            {
                var earlier = byCompletion.TakeWhile(r => r.Completed < read.Invoked).MaxBy(r => r.Result!.Value.Value);
                if (earlier is not null && earlier.Result!.Value.Value > read.Result!.Value.Value)
                {
                    problems.Add($"a read went backwards at {read.Node}: {earlier} was followed by {read}");
                }

                var ownAcknowledged = AcknowledgedBefore(own, read.Invoked);
                if (read.Result!.Value.Value < ownAcknowledged)
                {
                    problems.Add($"a read missed its own node's acknowledged increments (sum {ownAcknowledged}): {read}");
                }
            }
        }

        foreach (var read in reads.Where(r => r.Result!.Value.Strong))
        {
            var acknowledged = AcknowledgedBefore(increments, read.Invoked);
            if (read.Result!.Value.Value < acknowledged)
            {
                problems.Add($"a strong read missed increments acknowledged elsewhere before it began (sum {acknowledged}): {read}");
            }
        }

        return [.. problems.Take(10)];
    }
}
