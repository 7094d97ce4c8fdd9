using System.Text;

namespace DistSys.CostVisualizer;

/// <summary>Prints an analysis and its suggestions as a plain-text report (culture-invariant, <c>\n</c> line ends).</summary>
public static class TrafficReport
{
    /// <summary>The report: totals, cost, nodes, links, message kinds, hot spots and suggestions.</summary>
    /// <param name="analysis">The analysis to print.</param>
    /// <param name="suggestions">The suggestions for it (may be empty).</param>
    /// <returns>The report text.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Format(TrafficAnalysis analysis, IReadOnlyList<Suggestion> suggestions)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(suggestions);
        var text = new StringBuilder();
        Line(text, $"Run: {Pricing.Milliseconds(analysis.Duration)} of virtual time, {Pricing.Count(analysis.Events)} events");
        Line(text, $"Messages: sent {Pricing.Count(analysis.MessagesSent)}, delivered {Pricing.Count(analysis.MessagesDelivered)}, " +
                   $"dropped {Pricing.Count(analysis.MessagesDropped)}, duplicated {Pricing.Count(analysis.MessagesDuplicated)}; bytes sent {Pricing.Count(analysis.BytesSent)}");
        Line(text, $"Cost: {Pricing.Usd(analysis.Cost.RunUsd)} for the run; {Pricing.Usd(analysis.Cost.UsdPerHour)} per hour and " +
                   $"{Pricing.Usd(analysis.Cost.UsdPerMonth)} per month at this rate ({Pricing.Usd(analysis.Options.PricePerGb)} per GB)");
        Line(text, "");
        Line(text, $"{"node",-12} {"sent",10} {"received",10} {"dropped",10} {"bytes out",12} {"bytes in",12} {"share",7}");
        foreach (NodeTraffic node in analysis.Nodes)
        {
            string hot = analysis.HotNodes.Contains(node.Node) ? "  hot" : "";
            Line(text, $"{node.Node.Name,-12} {Pricing.Count(node.MessagesSent),10} {Pricing.Count(node.MessagesReceived),10} {Pricing.Count(node.MessagesDropped),10} " +
                       $"{Pricing.Count(node.BytesSent),12} {Pricing.Count(node.BytesReceived),12} {Pricing.Percent(Share(node.MessagesSent, analysis.MessagesSent)),7}{hot}");
        }

        Line(text, "");
        Line(text, $"{"link",-20} {"sent",8} {"delivered",10} {"dropped",8} {"dup",6} {"resent",7} {"bytes",10} {"share",7}");
        foreach (LinkTraffic link in analysis.Links)
        {
            string hot = analysis.HotLinks.Any(h => h.From == link.From && h.To == link.To) ? "  hot" : "";
            Line(text, $"{link.From.Name + " -> " + link.To.Name,-20} {Pricing.Count(link.MessagesSent),8} {Pricing.Count(link.MessagesDelivered),10} " +
                       $"{Pricing.Count(link.MessagesDropped),8} {Pricing.Count(link.MessagesDuplicated),6} {Pricing.Count(link.Retransmissions),7} " +
                       $"{Pricing.Count(link.BytesSent),10} {Pricing.Percent(Share(link.MessagesSent, analysis.MessagesSent)),7}{hot}");
        }

        Line(text, "");
        Line(text, $"{"kind",-24} {"messages",10} {"bytes",12}");
        foreach (KindTraffic kind in analysis.Kinds)
        {
            Line(text, $"{kind.Kind,-24} {Pricing.Count(kind.Messages),10} {Pricing.Count(kind.Bytes),12}");
        }

        Line(text, "");
        Line(text, $"Hot nodes (> {Pricing.Percent(analysis.Options.HotNodeShare)} of messages): {List(analysis.HotNodes.Select(n => n.Name))}");
        Line(text, $"Hot links (> {Pricing.Percent(analysis.Options.HotLinkShare)} of messages): {List(analysis.HotLinks.Select(l => l.From.Name + " -> " + l.To.Name))}");
        Line(text, "");
        Line(text, suggestions.Count == 0 ? "Suggestions: none, the traffic looks balanced." : "Suggestions:");
        for (int i = 0; i < suggestions.Count; i++)
        {
            Line(text, $"  {i + 1}. [{suggestions[i].RuleName}] {suggestions[i].Text}");
        }

        return text.ToString();
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static string List(IEnumerable<string> names)
    {
        string joined = string.Join(", ", names);
        return joined.Length == 0 ? "none" : joined;
    }

    private static void Line(StringBuilder text, string line) => text.Append(line.TrimEnd()).Append('\n');
}
