using System.Globalization;
using System.Text;
using DistSys.Runtime;

namespace DistSys.CostVisualizer;

/// <summary>
/// Renders a run as one self-contained HTML page: inline CSS and SVG only, no script, nothing fetched from anywhere
/// (no <c>src</c>, no <c>&lt;link&gt;</c>, no <c>href</c> or <c>url()</c> other than <c>#id</c> references inside the page).
/// <para>The structure tests (and tools) rely on:</para>
/// <list type="bullet">
/// <item><c>&lt;svg id="space-time"&gt;</c>: the space-time diagram. One element with class <c>lane</c> and
/// <c>data-node="n1"</c> per node of <see cref="TraceDocument.Nodes"/>; one element with class <c>message</c> per
/// delivered message copy (<c>data-from</c>, <c>data-to</c>, <c>data-sent</c> and <c>data-delivered</c>: virtual
/// times in ticks); one element with class <c>drop</c> per dropped copy (<c>data-from</c>, <c>data-to</c>,
/// <c>data-dropped</c>: ticks).</item>
/// <item><c>&lt;table id="heat-map"&gt;</c>: one cell with class <c>heat</c> per ordered pair of distinct nodes,
/// with <c>data-from</c>, <c>data-to</c> and <c>data-messages</c> (sends on that link, 0 if none); hot links also
/// have class <c>hot</c>.</item>
/// <item><c>&lt;section id="cost"&gt;</c> with <c>data-messages-sent</c> and <c>data-bytes-sent</c>, showing the
/// run's cost, the cost per hour and per month as <see cref="Pricing.Usd"/> prints them.</item>
/// <item><c>&lt;ol id="suggestions"&gt;</c>: one <c>&lt;li&gt;</c> per suggestion, in order, with <c>data-rule</c>
/// (<see cref="Suggestion.RuleName"/>) and <c>data-subject</c>, showing <see cref="Suggestion.Text"/>.</item>
/// </list>
/// Text from the trace (node names, message texts) must be HTML-escaped.
/// </summary>
public static class CostPage
{
    private const int LaneGap = 56;
    private const int Left = 90;
    private const int Top = 30;

    /// <summary>The page for a trace, its analysis and the suggestions made for it.</summary>
    /// <param name="trace">The run's trace (its nodes give the lanes, its events the arrows).</param>
    /// <param name="analysis">The analysis of the same trace.</param>
    /// <param name="suggestions">The suggestions for it (may be empty).</param>
    /// <returns>The HTML document, starting with <c>&lt;!DOCTYPE html&gt;</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Render(TraceDocument trace, TrafficAnalysis analysis, IReadOnlyList<Suggestion> suggestions)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(suggestions);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>Message flow and cost, seed ").Append(Number(trace.Seed)).Append("</title>\n")
            .Append("<style>\n");
        // Stryker disable once String,Statement : presentation (CSS), not part of the page's contract
        html.Append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}\n")
            .Append("h1{font-size:20px}h2{font-size:16px;margin-top:28px}\n")
            .Append("dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px}dt{color:#555}dd{margin:0;font-weight:600}\n")
            .Append("table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}\n")
            .Append("td.hot{outline:2px solid #b00;font-weight:700}\n")
            .Append("#suggestions li{margin:4px 0}\n")
            .Append(".lane line{stroke:#999}.lane text{font-size:13px;fill:#222}\n")
            .Append(".message{stroke:#2563eb;stroke-width:1.2}.drop{stroke:#dc2626;stroke-width:1.5;fill:none}\n");
        html.Append("</style>\n</head>\n<body>\n");
        // Stryker disable once Statement : the heading is presentation; the page's contract names no heading
        html.Append("<h1>Message flow and cost — seed ").Append(Number(trace.Seed)).Append(", ")
            .Append(Escape(Pricing.Milliseconds(analysis.Duration))).Append(", ").Append(Escape(Pricing.Count(analysis.Events))).Append(" events</h1>\n");
        AppendCost(html, analysis);
        AppendSuggestions(html, suggestions);
        AppendHeatMap(html, trace.Nodes, analysis);
        AppendSpaceTime(html, trace, analysis.Duration);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendCost(StringBuilder html, TrafficAnalysis analysis)
    {
        html.Append("<section id=\"cost\" data-messages-sent=\"").Append(Number(analysis.MessagesSent))
            .Append("\" data-bytes-sent=\"").Append(Number(analysis.BytesSent)).Append("\">\n<h2>Cost</h2>\n<dl>\n");
        // Stryker disable once String : the label's wording is presentation; the contract fixes only the figures
        Term(html, "Messages sent", Pricing.Count(analysis.MessagesSent));
        Term(html, "Delivered / dropped / duplicated", $"{Pricing.Count(analysis.MessagesDelivered)} / {Pricing.Count(analysis.MessagesDropped)} / {Pricing.Count(analysis.MessagesDuplicated)}");
        // Stryker disable once String : the label's wording is presentation; the contract fixes only the figures
        Term(html, "Bytes sent", Pricing.Count(analysis.BytesSent));
        // Stryker disable once String : the label's wording is presentation; the contract fixes only the figures
        Term(html, "This run", Pricing.Usd(analysis.Cost.RunUsd));
        // Stryker disable once String : the label's wording is presentation; the contract fixes only the figures
        Term(html, "Per hour at this rate", Pricing.Usd(analysis.Cost.UsdPerHour));
        // Stryker disable once String : the label's wording is presentation; the contract fixes only the figures
        Term(html, "Per month at this rate", Pricing.Usd(analysis.Cost.UsdPerMonth));
        // Stryker disable once String : the label's wording is presentation; the contract fixes only the figures
        Term(html, "Price", Pricing.Usd(analysis.Options.PricePerGb) + " per GB");
        html.Append("</dl>\n</section>\n");
    }

    private static void AppendSuggestions(StringBuilder html, IReadOnlyList<Suggestion> suggestions)
    {
        html.Append("<section>\n<h2>Suggestions</h2>\n");
        if (suggestions.Count == 0)
        {
            // Stryker disable once Statement,String : a sentence for people; the contract is the empty list
            html.Append("<p>None: the traffic looks balanced.</p>\n");
        }

        html.Append("<ol id=\"suggestions\">\n");
        foreach (Suggestion suggestion in suggestions)
        {
            html.Append("<li data-rule=\"").Append(Escape(suggestion.RuleName)).Append("\" data-subject=\"").Append(Escape(suggestion.Subject))
                .Append("\">").Append(Escape(suggestion.Text)).Append("</li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    private static void AppendHeatMap(StringBuilder html, IReadOnlyList<NodeId> nodes, TrafficAnalysis analysis)
    {
        var sent = analysis.Links.ToDictionary(l => (l.From, l.To), l => l.MessagesSent);
        var hot = analysis.HotLinks.Select(l => (l.From, l.To)).ToHashSet();
        // Stryker disable once Linq : the cell colour is presentation (the count is data-messages)
        long max = Math.Max(1, sent.Values.DefaultIfEmpty(0).Max());
        html.Append("<section>\n<h2>Messages per link (row: sender, column: receiver)</h2>\n<table id=\"heat-map\">\n<tr><th></th>");
        foreach (NodeId to in nodes)
        {
            // Stryker disable once Statement : header cells are layout; the contract is the heat cells and their data attributes
            html.Append("<th>").Append(Escape(to.Name)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (NodeId from in nodes)
        {
            // Stryker disable once Statement : header cells are layout; the contract is the heat cells and their data attributes
            html.Append("<tr><th>").Append(Escape(from.Name)).Append("</th>");
            foreach (NodeId to in nodes)
            {
                if (from == to)
                {
                    // Stryker disable once Statement,String : the empty diagonal cell is layout; the contract has cells for distinct pairs only
                    html.Append("<td></td>");
                    continue;
                }

                long messages = sent.GetValueOrDefault((from, to));
                // Stryker disable once Arithmetic : the cell colour is presentation (the count is data-messages)
                int light = 100 - (int)Math.Round(55.0 * messages / max);
                html.Append("<td class=\"heat").Append(hot.Contains((from, to)) ? " hot" : "")
                    .Append("\" data-from=\"").Append(Escape(from.Name)).Append("\" data-to=\"").Append(Escape(to.Name))
                    .Append("\" data-messages=\"").Append(Number(messages))
                    .Append("\" style=\"background:hsl(8,85%,").Append(Number(light)).Append("%)\">")
                    .Append(Pricing.Count(messages)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void AppendSpaceTime(StringBuilder html, TraceDocument trace, TimeSpan duration)
    {
        // Stryker disable Equality,Arithmetic,Linq : the drawing's size in pixels is presentation, not part of the page's contract
        int messages = trace.Events.Count(e => e.Kind == TraceEventKind.Deliver);
        int width = Math.Clamp(messages * 6, 800, 6000);
        int height = Top + Math.Max(1, trace.Nodes.Count) * LaneGap;
        // Stryker restore all
        var lanes = new Dictionary<NodeId, int>();
        for (int i = 0; i < trace.Nodes.Count; i++)
        {
            // Stryker disable once Arithmetic : pixel position of the lane, presentation (the lanes' order is data-node's)
            lanes[trace.Nodes[i]] = Top + i * LaneGap + LaneGap / 2;
        }

        // Stryker disable once Equality,Arithmetic,Conditional : pixel geometry (time to x), not part of the page's contract
        double X(TimeSpan time) => Left + (duration > TimeSpan.Zero ? (double)time.Ticks / duration.Ticks * (width - 20) : 0);

        html.Append("<section>\n<h2>Message flow (time runs left to right; red crosses are dropped messages)</h2>\n")
            .Append("<svg id=\"space-time\"");
        // Stryker disable once String,Arithmetic,Statement : the drawing's size in pixels is presentation, not part of the page's contract
        html.Append(" width=\"").Append(Number(Left + width)).Append("\" height=\"").Append(Number(height))
            .Append("\" viewBox=\"0 0 ").Append(Number(Left + width)).Append(' ').Append(Number(height)).Append('"');
        html.Append(" role=\"img\">\n")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">")
            .Append("<path d=\"M0,0L10,5L0,10z\" fill=\"#2563eb\"/></marker></defs>\n");
        foreach ((NodeId node, int y) in lanes)
        {
            // Stryker disable once Arithmetic : pixel position of the lane's label, presentation
            int labelY = y + 4;
            html.Append("<g class=\"lane\" data-node=\"").Append(Escape(node.Name)).Append("\"><text x=\"8\" y=\"").Append(Number(labelY)).Append("\">")
                .Append(Escape(node.Name)).Append("</text><line");
            // Stryker disable once String,Arithmetic,Statement : pixel geometry of the lane's line, not part of the page's contract
            html.Append(" x1=\"").Append(Number(Left)).Append("\" y1=\"").Append(Number(y))
                .Append("\" x2=\"").Append(Number(Left + width)).Append("\" y2=\"").Append(Number(y)).Append('"');
            html.Append("/></g>\n");
        }

        // A delivery or drop belongs to the oldest copy of the same message still in flight on its link.
        var inFlight = new Dictionary<(NodeId, NodeId, string), Queue<TimeSpan>>();
        foreach (TraceEvent e in trace.Events)
        {
            if (e.From is not { } from || e.To is not { } to || !lanes.ContainsKey(from) || !lanes.ContainsKey(to))
            {
                continue;
            }

            var key = (from, to, MessageText(e));
            switch (e.Kind)
            {
                case TraceEventKind.Send or TraceEventKind.Duplicate:
                    if (!inFlight.TryGetValue(key, out Queue<TimeSpan>? queue))
                    {
                        queue = new Queue<TimeSpan>();
                        inFlight.Add(key, queue);
                    }

                    queue.Enqueue(e.Time);
                    break;
                case TraceEventKind.Deliver:
                    TimeSpan sentAt = Take(inFlight, key) ?? e.Time;
                    html.Append("<line class=\"message\" data-from=\"").Append(Escape(from.Name)).Append("\" data-to=\"").Append(Escape(to.Name))
                        .Append("\" data-sent=\"").Append(Number(sentAt.Ticks)).Append("\" data-delivered=\"").Append(Number(e.Time.Ticks)).Append('"');
                    // Stryker disable once String,Arithmetic,Statement : pixel geometry of the arrow, not part of the page's contract
                    html.Append(" x1=\"").Append(Number(X(sentAt))).Append("\" y1=\"").Append(Number(lanes[from]))
                        .Append("\" x2=\"").Append(Number(X(e.Time))).Append("\" y2=\"").Append(Number(lanes[to])).Append('"');
                    html.Append(" marker-end=\"url(#arrow)\"><title>").Append(Escape($"{from.Name} -> {to.Name}: {e.Description}"))
                        .Append("</title></line>\n");
                    break;
                case TraceEventKind.Drop:
                    TimeSpan dropSent = Take(inFlight, key) ?? e.Time;
                    double x = X(e.Time);
                    // Stryker disable once Arithmetic : pixel geometry of the cross
                    double y = lanes[from] + (lanes[to] - lanes[from]) * 0.4;
                    html.Append("<path class=\"drop\" data-from=\"").Append(Escape(from.Name)).Append("\" data-to=\"").Append(Escape(to.Name))
                        .Append("\" data-dropped=\"").Append(Number(e.Time.Ticks)).Append('"');
                    // Stryker disable once String,Arithmetic,Statement : pixel geometry of the cross, not part of the page's contract
                    html.Append(" d=\"M").Append(Number(X(dropSent))).Append(',').Append(Number(lanes[from]))
                        .Append('L').Append(Number(x)).Append(',').Append(Number(y))
                        .Append("M").Append(Number(x - 4)).Append(',').Append(Number(y - 4)).Append('l').Append("8,8")
                        .Append("m0,-8l-8,8\"");
                    html.Append("><title>").Append(Escape($"dropped {from.Name} -> {to.Name}: {e.Description}"))
                        .Append("</title></path>\n");
                    break;
            }
        }

        html.Append("</svg>\n</section>\n");
    }

    /// <summary>A drop's description ends in its reason ("  [lost]"); the message itself is what comes before.</summary>
    private static string MessageText(in TraceEvent e)
    {
        if (e.Kind != TraceEventKind.Drop)
        {
            return e.Description;
        }

        int reason = e.Description.LastIndexOf("  [", StringComparison.Ordinal);
        return reason < 0 ? e.Description : e.Description[..reason];
    }

    private static TimeSpan? Take(Dictionary<(NodeId, NodeId, string), Queue<TimeSpan>> inFlight, (NodeId, NodeId, string) key) =>
        inFlight.TryGetValue(key, out Queue<TimeSpan>? queue) && queue.TryDequeue(out TimeSpan sent) ? sent : null;

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(Escape(term)).Append("</dt><dd>").Append(Escape(value)).Append("</dd>\n");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Stryker disable once String : only coordinates are doubles; their format is presentation
    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
