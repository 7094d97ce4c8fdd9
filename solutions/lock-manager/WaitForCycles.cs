namespace DistSys.LockManager;

/// <summary>Enumerates the elementary cycles of a small directed graph, each once, in a canonical form.</summary>
internal static class WaitForCycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, SortedSet<string>> edges)
    {
        var nodes = edges.Keys.Concat(edges.Values.SelectMany(t => t)).Distinct().Order(StringComparer.Ordinal).ToList();
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var start in nodes)
        {
            // Only walk through nodes greater than the start, so each cycle is found once: from its smallest member.
            var path = new List<string> { start };
            Walk(start, start, path, edges, cycles);
        }

        return cycles;
    }

    private static void Walk(string start, string current, List<string> path, IReadOnlyDictionary<string, SortedSet<string>> edges,
        List<IReadOnlyList<string>> cycles)
    {
        if (!edges.TryGetValue(current, out var next))
        {
            return;
        }

        foreach (var target in next)
        {
            if (target == start)
            {
                cycles.Add(path.ToArray());
            }
            else if (string.CompareOrdinal(target, start) > 0 && !path.Contains(target))
            {
                path.Add(target);
                Walk(start, target, path, edges, cycles);
                path.RemoveAt(path.Count - 1);
            }
        }
    }
}
