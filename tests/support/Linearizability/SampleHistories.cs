namespace DistSys.Testing.Linearizability;

/// <summary>
/// Generated key-value histories for testing and benchmarking checkers: clients issue overlapping Get/Put/Append
/// calls, each takes effect at a random instant inside its interval, and outputs are computed in that order, so the
/// history is linearizable by construction.
/// </summary>
public static class SampleHistories
{
    /// <summary>A linearizable history of <paramref name="operations"/> operations from <paramref name="clients"/>
    /// clients on <paramref name="keys"/> keys; each client has one call outstanding at a time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    public static IReadOnlyList<Operation<KvInput, KvOutput>> LinearizableKv(int seed, int clients, int keys, int operations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clients);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(operations);
        var random = new Random(seed);
        var clientFree = new long[clients];
        var planned = new List<(int Client, long Call, long Return, long Effect, KvInput Input)>(operations);
        for (var i = 0; i < operations; i++)
        {
            var client = random.Next(clients);
            var call = clientFree[client] + random.Next(1, 20);
            var ret = call + random.Next(1, 100);
            clientFree[client] = ret;
            var key = $"k{random.Next(keys)}";
            var input = random.Next(3) switch
            {
                0 => new KvInput(KvOp.Get, key),
                1 => new KvInput(KvOp.Put, key, $"{i}"),
                _ => new KvInput(KvOp.Append, key, $"{i % 10}"),
            };
            planned.Add((client, call, ret, random.NextInt64(call, ret + 1), input));
        }

        var values = new Dictionary<string, string>();
        var outputs = new KvOutput[operations];
        foreach (var index in Enumerable.Range(0, operations).OrderBy(i => planned[i].Effect).ThenBy(i => i))
        {
            var input = planned[index].Input;
            var current = values.GetValueOrDefault(input.Key, string.Empty);
            (values[input.Key], outputs[index]) = input.Op switch
            {
                KvOp.Get => (current, new KvOutput(current)),
                KvOp.Put => (input.Value!, new KvOutput(null)),
                _ => (current + input.Value, new KvOutput(null)),
            };
        }

        return [.. planned.Select((p, i) => new Operation<KvInput, KvOutput>(p.Client, p.Call, p.Return, p.Input, outputs[i]))];
    }
}
