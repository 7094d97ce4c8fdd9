namespace DistSys.CostVisualizer;

/// <summary>Rule-based advice on an analysis: what to change to make the run cheaper or healthier.</summary>
public static class Advisor
{
    /// <summary>
    /// Applies the rules of <see cref="SuggestionRule"/> with the thresholds in <see cref="TrafficAnalysis.Options"/>, in
    /// this order: <see cref="SuggestionRule.LeaderBottleneck"/> for each hot node (only when the run has three nodes or
    /// more; subject: the node's name; share: its share of all messages), then <see cref="SuggestionRule.HeartbeatsDominate"/>
    /// (subject <c>all</c>; share: messages whose kind contains <c>heartbeat</c>, ignoring case, over all messages), then
    /// <see cref="SuggestionRule.LossyLink"/> for each lossy link in the order of <see cref="TrafficAnalysis.Links"/>
    /// (subject <c>"n1 -> n2"</c>; share: retransmissions over the link's sends). Every threshold is strict (more than).
    /// A balanced run gets no suggestion.
    /// </summary>
    /// <param name="analysis">The analysis.</param>
    /// <returns>The suggestions, possibly none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="analysis"/> is null.</exception>
    public static IReadOnlyList<Suggestion> Suggest(TrafficAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var suggestions = new List<Suggestion>();
        if (analysis.MessagesSent == 0)
        {
            return suggestions;
        }

        double total = analysis.MessagesSent;
        if (analysis.Nodes.Count >= 3)
        {
            foreach (NodeTraffic node in analysis.Nodes.Where(n => analysis.HotNodes.Contains(n.Node)))
            {
                suggestions.Add(new Suggestion(SuggestionRule.LeaderBottleneck, node.Node.Name, node.MessagesSent / total));
            }
        }

        long heartbeats = analysis.Kinds.Where(k => k.Kind.Contains("heartbeat", StringComparison.OrdinalIgnoreCase)).Sum(k => k.Messages);
        if (heartbeats > analysis.Options.HeartbeatShare * total)
        {
            suggestions.Add(new Suggestion(SuggestionRule.HeartbeatsDominate, "all", heartbeats / total));
        }

        foreach (LinkTraffic link in analysis.Links)
        {
            if (link.Retransmissions >= analysis.Options.MinRetransmissions && link.Retransmissions > analysis.Options.RetransmissionShare * link.MessagesSent)
            {
                suggestions.Add(new Suggestion(SuggestionRule.LossyLink, $"{link.From.Name} -> {link.To.Name}", (double)link.Retransmissions / link.MessagesSent));
            }
        }

        return suggestions;
    }
}
