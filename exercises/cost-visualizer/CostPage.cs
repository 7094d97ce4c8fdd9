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
    /// <summary>The page for a trace, its analysis and the suggestions made for it.</summary>
    /// <param name="trace">The run's trace (its nodes give the lanes, its events the arrows).</param>
    /// <param name="analysis">The analysis of the same trace.</param>
    /// <param name="suggestions">The suggestions for it (may be empty).</param>
    /// <returns>The HTML document, starting with <c>&lt;!DOCTYPE html&gt;</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Render(TraceDocument trace, TrafficAnalysis analysis, IReadOnlyList<Suggestion> suggestions) =>
        throw new NotImplementedException("Implement CostPage.Render: the self-contained HTML page with the documented ids (space-time, heat-map, cost, suggestions).");
}
