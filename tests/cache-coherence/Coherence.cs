using System.Globalization;
using System.Text;

namespace DistSys.CacheCoherence.Tests;

/// <summary>
/// The tests' own view of coherence, computed from the public state only, so a controller is judged by what it does and
/// not by what its own <c>FindViolations</c> says.
/// </summary>
internal static class Coherence
{
    /// <summary>Every violated rule, one sentence each; empty when the caches are coherent.</summary>
    public static List<string> Violations(CoherenceController controller)
    {
        var memory = controller.GetMemoryState();
        var valid = controller.Nodes
            .SelectMany(node => controller.GetCacheState(node).Select(line => (Node: node, Line: line)))
            .Where(x => x.Line.State != LineState.Invalid)
            .ToList();
        var violations = new List<string>();
        foreach (var copies in valid.GroupBy(x => x.Line.Address))
        {
            var owner = copies.FirstOrDefault(x => x.Line.State is LineState.Modified or LineState.Exclusive);
            if (owner.Node is not null && copies.Count() > 1)
            {
                violations.Add($"address {copies.Key}: {owner.Node} holds it {owner.Line.State}, yet " +
                               string.Join(", ", copies.Where(x => x.Node != owner.Node).Select(x => $"{x.Node} ({x.Line.State})")) +
                               " also hold valid copies (single writer or many readers, never both)");
            }

            var inMemory = memory.GetValueOrDefault(copies.Key);
            foreach (var (node, line) in copies.Where(x => x.Line.State is LineState.Shared or LineState.Exclusive))
            {
                if (line.Value != inMemory)
                {
                    violations.Add($"address {copies.Key}: {node} has a clean {line.State} copy of {line.Value}, but memory holds {inMemory} " +
                                   "(clean copies must agree with memory, and so with each other)");
                }
            }

            if (controller.Protocol == CoherenceProtocol.Msi && copies.Any(x => x.Line.State == LineState.Exclusive))
            {
                violations.Add($"address {copies.Key}: an Exclusive line under MSI");
            }
        }

        return violations;
    }

    /// <summary>Every node's lines, memory and the counters, one line each, for snapshots and failure messages.</summary>
    public static string Render(CoherenceController controller)
    {
        var text = new StringBuilder();
        foreach (var node in controller.Nodes)
        {
            var lines = controller.GetCacheState(node).Select(l => string.Create(CultureInfo.InvariantCulture, $"[{l.Address}]={l.Value} {Letter(l.State)}"));
            text.Append(node).Append(": ").AppendJoin(", ", lines).Append('\n');
        }

        text.Append("memory: ")
            .AppendJoin(", ", controller.GetMemoryState().OrderBy(m => m.Key).Select(m => string.Create(CultureInfo.InvariantCulture, $"[{m.Key}]={m.Value}")))
            .Append('\n');
        var s = controller.GetStatistics();
        text.Append(CultureInfo.InvariantCulture,
            $"hits {s.Hits}, misses {s.Misses}, hit rate {s.HitRate:P1}, bus transactions {s.BusTransactions}, " +
            $"invalidations {s.Invalidations}, writebacks {s.Writebacks}\n");
        return text.ToString();
    }

    private static char Letter(LineState state) => state.ToString()[0];
}
