using System.Globalization;
using System.Text;
using DistSys.Runtime;

namespace DistSys.Testing;

/// <summary>
/// Draws a simulation trace as a self-contained HTML page (inline SVG and CSS, no script, nothing fetched): one
/// vertical lane per node, one row per event, an arrow per delivered message, a red cross per dropped one, dots for
/// timers and log lines, bars for crashes, restarts and network changes, and the failure at the bottom.
/// Structure: <c>svg#timeline</c> with <c>data-events</c> (events drawn) and <c>data-omitted</c>; <c>.lane[data-node]</c>;
/// <c>line.m</c> per delivered copy; <c>path.x</c> per drop; <c>#failure</c>; <c>#trace-tail</c> (the last events as text).
/// </summary>
public static class TimelinePage
{
    /// <summary>The most events a page draws; a longer trace keeps its last events, where the failure is.</summary>
    public const int DefaultMaxEvents = 100_000;

    private const int LaneWidth = 150;
    private const int Left = 130;
    private const int Top = 50;
    private const int TitleLimit = 160;

    /// <summary>Renders the page.</summary>
    /// <param name="trace">The run.</param>
    /// <param name="title">A heading, for example the test's name.</param>
    /// <param name="failure">The failure message, shown at the top and marked at the end of the timeline; null for none.</param>
    /// <param name="maxEvents">How many events to draw at most (the last ones).</param>
    /// <returns>The HTML document.</returns>
    public static string Render(TraceDocument trace, string title, string? failure = null, int maxEvents = DefaultMaxEvents)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        int first = Math.Max(0, trace.Events.Count - maxEvents);
        int count = trace.Events.Count - first;
        int row = count <= 2_000 ? 16 : 4;
        var lanes = new Dictionary<NodeId, int>();
        for (int i = 0; i < trace.Nodes.Count; i++)
        {
            lanes[trace.Nodes[i]] = Left + i * LaneWidth + LaneWidth / 2;
        }

        int width = Left + Math.Max(1, trace.Nodes.Count) * LaneWidth + 20;
        int bottom = Top + (count + 1) * row;
        int height = bottom + 30;
        var html = new StringBuilder(4096 + count * 120);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Escape(title)).Append(" — timeline</title>\n<style>\n")
            .Append("body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222}h1{font-size:17px;margin:0 0 8px}\n")
            .Append("#failure{background:#fef2f2;border:1px solid #dc2626;padding:8px;white-space:pre-wrap;max-height:16em;overflow:auto}\n")
            .Append("#trace-tail{background:#f6f6f6;padding:8px;max-height:20em;overflow:auto}\n")
            .Append("svg{display:block}.lane line{stroke:#bbb}.lane text{font-weight:600}.tm{fill:#888;font-size:10px}\n")
            .Append(".m{stroke:#2563eb;stroke-width:1}.x{stroke:#dc2626;stroke-width:1.5;fill:none}.t{fill:#16a34a}.l{fill:#7c3aed}\n")
            .Append(".c{fill:#dc2626}.r{fill:#f59e0b}.n{stroke:#f59e0b;stroke-dasharray:4 3}.e{stroke:#999;stroke-dasharray:2 3}.f{stroke:#dc2626;stroke-width:3}\n")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(Escape(title)).Append("</h1>\n<p>Seed ").Append(Number(trace.Seed)).Append(", ")
            .Append(Number(trace.Events.Count)).Append(" events");
        if (first > 0)
        {
            html.Append(" (the first ").Append(Number(first)).Append(" are left out: this page shows the last ").Append(Number(count)).Append(", up to the failure)");
        }

        html.Append(". Time runs down; hover over an arrow or a dot for the event. Blue: delivered message; red cross: dropped; green dot: timer; purple: log; red bar: crash; orange: restart or network change.</p>\n");
        if (failure is not null)
        {
            html.Append("<pre id=\"failure\">").Append(Escape(failure)).Append("</pre>\n");
        }

        html.Append("<svg id=\"timeline\" data-events=\"").Append(Number(count)).Append("\" data-omitted=\"").Append(Number(first))
            .Append("\" width=\"").Append(Number(width)).Append("\" height=\"").Append(Number(height)).Append("\">\n");
        foreach ((NodeId node, int x) in lanes)
        {
            html.Append("<g class=\"lane\" data-node=\"").Append(Escape(node.Name)).Append("\"><text x=\"").Append(Number(x - 20)).Append("\" y=\"").Append(Number(Top - 16))
                .Append("\">").Append(Escape(node.Name)).Append("</text><line x1=\"").Append(Number(x)).Append("\" y1=\"").Append(Number(Top - 8))
                .Append("\" x2=\"").Append(Number(x)).Append("\" y2=\"").Append(Number(bottom)).Append("\"/></g>\n");
        }

        // A delivery or drop belongs to the oldest copy of the same message still in flight on its link.
        var inFlight = new Dictionary<(NodeId, NodeId, string), Queue<int>>();
        int labelEvery = row >= 16 ? 1 : 50;
        for (int i = 0; i < count; i++)
        {
            TraceEvent e = trace.Events[first + i];
            int y = Top + i * row;
            if (i % labelEvery == 0)
            {
                html.Append("<text class=\"tm\" x=\"4\" y=\"").Append(Number(y + 3)).Append("\">").Append(Escape(Time(e.Time))).Append("</text>\n");
            }

            int fromX = e.From is { } f && lanes.TryGetValue(f, out int fx) ? fx : -1;
            int toX = e.To is { } t && lanes.TryGetValue(t, out int tx) ? tx : -1;
            switch (e.Kind)
            {
                case TraceEventKind.Send or TraceEventKind.Duplicate when fromX >= 0 && toX >= 0:
                    Queue(inFlight, e).Enqueue(y);
                    break;
                case TraceEventKind.Deliver when fromX >= 0 && toX >= 0:
                    int sentY = Take(inFlight, e, e.Description) ?? y;
                    html.Append("<line class=\"m\" x1=\"").Append(Number(fromX)).Append("\" y1=\"").Append(Number(sentY)).Append("\" x2=\"").Append(Number(toX))
                        .Append("\" y2=\"").Append(Number(y)).Append("\"><title>").Append(Escape(Describe(e))).Append("</title></line>\n");
                    break;
                case TraceEventKind.Drop when fromX >= 0 && toX >= 0:
                    int reason = e.Description.LastIndexOf("  [", StringComparison.Ordinal);
                    int dropSentY = Take(inFlight, e, reason < 0 ? e.Description : e.Description[..reason]) ?? y;
                    int crossX = fromX + (toX - fromX) * 2 / 5;
                    html.Append("<path class=\"x\" d=\"M").Append(Number(fromX)).Append(',').Append(Number(dropSentY)).Append('L').Append(Number(crossX)).Append(',').Append(Number(y))
                        .Append("m-4,-4l8,8m0,-8l-8,8\"><title>").Append(Escape(Describe(e))).Append("</title></path>\n");
                    break;
                case TraceEventKind.Timer or TraceEventKind.Log when fromX >= 0:
                    html.Append("<circle class=\"").Append(e.Kind == TraceEventKind.Timer ? 't' : 'l').Append("\" cx=\"").Append(Number(fromX)).Append("\" cy=\"").Append(Number(y))
                        .Append("\" r=\"").Append(row >= 16 ? "4" : "2").Append("\"><title>").Append(Escape(Describe(e))).Append("</title></circle>\n");
                    break;
                case TraceEventKind.Crash or TraceEventKind.Restart when fromX >= 0:
                    html.Append("<rect class=\"").Append(e.Kind == TraceEventKind.Crash ? 'c' : 'r').Append("\" x=\"").Append(Number(fromX - 30)).Append("\" y=\"").Append(Number(y - 2))
                        .Append("\" width=\"60\" height=\"4\"><title>").Append(Escape(Describe(e))).Append("</title></rect>\n");
                    break;
                case TraceEventKind.Partition or TraceEventKind.Heal or TraceEventKind.External:
                    html.Append("<line class=\"").Append(e.Kind == TraceEventKind.External ? 'e' : 'n').Append("\" x1=\"").Append(Number(Left)).Append("\" y1=\"").Append(Number(y))
                        .Append("\" x2=\"").Append(Number(width - 20)).Append("\" y2=\"").Append(Number(y)).Append("\"><title>").Append(Escape(Describe(e))).Append("</title></line>\n");
                    break;
            }
        }

        if (failure is not null)
        {
            html.Append("<line class=\"f\" x1=\"0\" y1=\"").Append(Number(bottom)).Append("\" x2=\"").Append(Number(width)).Append("\" y2=\"").Append(Number(bottom))
                .Append("\"><title>the test failed here</title></line>\n<text x=\"4\" y=\"").Append(Number(bottom + 18)).Append("\" fill=\"#dc2626\">failed here</text>\n");
        }

        html.Append("</svg>\n<h2>Last events</h2>\n<pre id=\"trace-tail\">");
        for (int i = Math.Max(first, trace.Events.Count - 200); i < trace.Events.Count; i++)
        {
            html.Append(Escape(trace.Events[i].ToString())).Append('\n');
        }

        html.Append("</pre>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static Queue<int> Queue(Dictionary<(NodeId, NodeId, string), Queue<int>> inFlight, in TraceEvent e)
    {
        var key = (e.From!.Value, e.To!.Value, e.Description);
        if (!inFlight.TryGetValue(key, out Queue<int>? queue))
        {
            queue = new Queue<int>();
            inFlight.Add(key, queue);
        }

        return queue;
    }

    private static int? Take(Dictionary<(NodeId, NodeId, string), Queue<int>> inFlight, in TraceEvent e, string text) =>
        inFlight.TryGetValue((e.From!.Value, e.To!.Value, text), out Queue<int>? queue) && queue.TryDequeue(out int y) ? y : null;

    private static string Describe(in TraceEvent e)
    {
        string text = e.ToString().Trim();
        return text.Length <= TitleLimit ? text : text[..TitleLimit] + "…";
    }

    private static string Time(TimeSpan time) =>
        (time.Ticks / (double)TimeSpan.TicksPerMillisecond).ToString("0.####", CultureInfo.InvariantCulture) + " ms";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
    }
}
