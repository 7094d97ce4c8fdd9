using System.Globalization;
using System.Text;

namespace DistSys.Testing;

/// <summary>One client operation of a history checked for linearizability: when it was invoked and when it returned.</summary>
/// <param name="Client">Who issued it (one row per client).</param>
/// <param name="Invoked">Virtual time of the call.</param>
/// <param name="Returned">Virtual time of the response; null if it never returned.</param>
/// <param name="Description">What it did, for example <c>put(x, 1) → ok</c>.</param>
public sealed record HistoryOperation(string Client, TimeSpan Invoked, TimeSpan? Returned, string Description);

/// <summary>
/// Porcupine-style picture of a rejected history: one row per client, a bar per operation from invocation to return,
/// the operations of the longest linearizable prefix in green, the first one that cannot be placed in red, the rest grey.
/// Structure: <c>svg#history</c>; <c>.client[data-client]</c>; <c>rect.op</c> with <c>data-index</c> and class <c>ok</c>,
/// <c>bad</c> or <c>rest</c>.
/// </summary>
public static class HistoryPage
{
    /// <summary>Renders the page.</summary>
    /// <param name="operations">The history, in any order (drawn by time).</param>
    /// <param name="linearizablePrefix">How many operations, in the order given, the checker could linearize before it got stuck.</param>
    /// <param name="title">A heading.</param>
    /// <param name="failure">The failure message, or null.</param>
    /// <returns>The HTML document.</returns>
    public static string Render(IReadOnlyList<HistoryOperation> operations, int linearizablePrefix, string title, string? failure = null)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfNegative(linearizablePrefix);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(linearizablePrefix, operations.Count);
        string[] clients = [.. operations.Select(o => o.Client).Distinct().Order(StringComparer.Ordinal)];
        long end = Math.Max(1, operations.Select(o => (o.Returned ?? o.Invoked).Ticks).DefaultIfEmpty(1).Max());
        const int left = 120, top = 20, rowHeight = 34, plot = 1000;
        double X(TimeSpan t) => left + (double)t.Ticks / end * plot;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(TimelinePage.Escape(title)).Append(" — history</title>\n<style>\n")
            .Append("body{font:13px/1.4 system-ui,sans-serif;margin:16px}#failure{background:#fef2f2;border:1px solid #dc2626;padding:8px;white-space:pre-wrap}\n")
            .Append(".op.ok{fill:#86efac}.op.bad{fill:#fca5a5;stroke:#dc2626;stroke-width:2}.op.rest{fill:#e5e7eb}.op{stroke:#555}\n")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(TimelinePage.Escape(title)).Append("</h1>\n<p>")
            .Append(linearizablePrefix.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(operations.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" operations form the longest linearizable prefix (green); the red one cannot be placed after them.</p>\n");
        if (failure is not null)
        {
            html.Append("<pre id=\"failure\">").Append(TimelinePage.Escape(failure)).Append("</pre>\n");
        }

        html.Append("<svg id=\"history\" width=\"").Append(left + plot + 40).Append("\" height=\"").Append(top + clients.Length * rowHeight + 20).Append("\">\n");
        for (int c = 0; c < clients.Length; c++)
        {
            html.Append("<g class=\"client\" data-client=\"").Append(TimelinePage.Escape(clients[c])).Append("\"><text x=\"4\" y=\"").Append(top + c * rowHeight + 18).Append("\">")
                .Append(TimelinePage.Escape(clients[c])).Append("</text></g>\n");
        }

        for (int i = 0; i < operations.Count; i++)
        {
            HistoryOperation op = operations[i];
            int row = Array.IndexOf(clients, op.Client);
            double x1 = X(op.Invoked), x2 = Math.Max(x1 + 3, X(op.Returned ?? new TimeSpan(end)));
            string state = i < linearizablePrefix ? "ok" : i == linearizablePrefix ? "bad" : "rest";
            html.Append("<rect class=\"op ").Append(state).Append("\" data-index=\"").Append(i.ToString(CultureInfo.InvariantCulture))
                .Append("\" x=\"").Append(x1.ToString("0.#", CultureInfo.InvariantCulture)).Append("\" y=\"").Append(top + row * rowHeight + 4)
                .Append("\" width=\"").Append((x2 - x1).ToString("0.#", CultureInfo.InvariantCulture)).Append("\" height=\"22\"><title>")
                .Append(TimelinePage.Escape($"{op.Client}: {op.Description} [{op.Invoked.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms – {(op.Returned is { } r ? r.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms" : "no response")}]"))
                .Append("</title></rect>\n");
        }

        html.Append("</svg>\n</body>\n</html>\n");
        return html.ToString();
    }
}
