using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DistSys.Runtime;

namespace DistSys.CostVisualizer.Tests;

/// <summary>The HTML page's documented structure, read back with an HTML5 parser (AngleSharp).</summary>
public class PageTests
{
    private static (TraceDocument Trace, TrafficAnalysis Analysis, IReadOnlyList<Suggestion> Suggestions, IDocument Page) Rendered(TraceDocument trace)
    {
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(trace.Events);
        IReadOnlyList<Suggestion> suggestions = Advisor.Suggest(analysis);
        string html = CostPage.Render(trace, analysis, suggestions);
        return (trace, analysis, suggestions, new HtmlParser().ParseDocument(html));
    }

    private static TraceDocument Simulated() => ReportTests.LeaderWithLossyLinkTrace;

    [Test]
    [Category("report")]
    public void The_page_is_an_html5_document()
    {
        string html = CostPage.Render(new Traces().Document(), TrafficAnalyzer.Analyze([]), []);
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(new HtmlParser().ParseDocument(html).Title, Is.Not.Empty, "it has a title");
    }

    [Test]
    [Category("report")]
    public void There_is_one_lane_per_node_in_node_order()
    {
        var (trace, _, _, page) = Rendered(Simulated());
        Assert.That(page.QuerySelectorAll("#space-time .lane").Select(l => l.GetAttribute("data-node")), Is.EqualTo(trace.Nodes.Select(n => n.Name)));
    }

    [Test]
    [Category("report")]
    public void A_node_with_no_traffic_still_gets_a_lane()
    {
        var trace = new TraceDocument(1, [new NodeId("a"), new NodeId("b"), new NodeId("idle")], new Traces().Message(0, "a", "b", "Ping").Events);
        Assert.That(Rendered(trace).Page.QuerySelectorAll("#space-time .lane").Select(l => l.GetAttribute("data-node")), Is.EqualTo(new[] { "a", "b", "idle" }));
    }

    [Test]
    [Category("report")]
    public void Every_delivered_copy_is_an_arrow_from_its_send_time_to_its_delivery_time()
    {
        var (trace, _, _, page) = Rendered(Simulated());
        var expected = trace.Events.Where(e => e.Kind == TraceEventKind.Deliver)
            .Select(e => $"{e.From!.Value.Name}>{e.To!.Value.Name}@{e.Time.Ticks}").Order(StringComparer.Ordinal).ToList();
        var drawn = page.QuerySelectorAll("#space-time .message")
            .Select(m => $"{m.GetAttribute("data-from")}>{m.GetAttribute("data-to")}@{m.GetAttribute("data-delivered")}").Order(StringComparer.Ordinal).ToList();

        Assert.That(drawn, Is.EqualTo(expected));
    }

    [Test]
    [Category("report")]
    public void An_arrow_starts_when_its_message_was_sent()
    {
        TraceDocument trace = new Traces().Message(1, "a", "b", "Ping(1)", delay: 3).Message(2, "b", "a", "Pong(1)", delay: 0.5).Document();
        var arrows = Rendered(trace).Page.QuerySelectorAll("#space-time .message")
            .Select(m => (m.GetAttribute("data-from"), m.GetAttribute("data-sent"), m.GetAttribute("data-delivered"))).ToList();

        Assert.That(arrows, Is.EquivalentTo(new[] { ("a", "10000", "40000"), ("b", "20000", "25000") }), "times in ticks: sent at 1 ms, delivered at 4 ms; sent at 2 ms, delivered at 2.5 ms");
    }

    [Test]
    [Category("report")]
    public void Every_dropped_copy_is_marked()
    {
        var (trace, _, _, page) = Rendered(Simulated());
        var expected = trace.Events.Where(e => e.Kind == TraceEventKind.Drop).Select(e => $"{e.From!.Value.Name}>{e.To!.Value.Name}@{e.Time.Ticks}").Order(StringComparer.Ordinal);
        var drawn = page.QuerySelectorAll("#space-time .drop")
            .Select(m => $"{m.GetAttribute("data-from")}>{m.GetAttribute("data-to")}@{m.GetAttribute("data-dropped")}").Order(StringComparer.Ordinal);

        Assert.That(drawn, Is.EqualTo(expected), "the scenario drops messages on n1 -> n3");
        Assert.That(drawn, Is.Not.Empty);
    }

    [Test]
    [Category("report")]
    public void The_heat_map_has_a_cell_per_ordered_pair_of_nodes_with_its_sends()
    {
        var (trace, analysis, _, page) = Rendered(Simulated());
        var cells = page.QuerySelectorAll("#heat-map .heat")
            .ToDictionary(c => (c.GetAttribute("data-from"), c.GetAttribute("data-to")), c => c.GetAttribute("data-messages"));

        var expected = trace.Nodes.SelectMany(from => trace.Nodes.Where(to => to != from).Select(to => (from.Name, to.Name)))
            .ToDictionary(pair => ((string?)pair.Item1, (string?)pair.Item2),
                pair => (string?)(analysis.Links.FirstOrDefault(l => l.From.Name == pair.Item1 && l.To.Name == pair.Item2)?.MessagesSent ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(cells, Is.EquivalentTo(expected));
    }

    [Test]
    [Category("report")]
    public void Hot_links_are_marked_in_the_heat_map()
    {
        var (_, analysis, _, page) = Rendered(new Traces().Message(0, "a", "b", "x(1)").Message(1, "a", "b", "x(2)").Message(2, "a", "b", "x(3)")
            .Message(3, "b", "c", "y").Message(4, "c", "a", "z").Message(5, "a", "c", "w").Document());
        var hot = page.QuerySelectorAll("#heat-map .heat.hot").Select(c => $"{c.GetAttribute("data-from")}>{c.GetAttribute("data-to")}");

        Assert.That(hot, Is.EqualTo(analysis.HotLinks.Select(l => $"{l.From.Name}>{l.To.Name}")));
        Assert.That(hot, Is.EqualTo(new[] { "a>b" }));
    }

    [Test]
    [Category("report")]
    public void The_cost_section_shows_the_totals_and_the_three_dollar_figures()
    {
        var (_, analysis, _, page) = Rendered(Simulated());
        IElement cost = page.QuerySelector("#cost")!;

        Assert.Multiple(() =>
        {
            Assert.That(cost, Is.Not.Null, "a #cost section");
            Assert.That(cost.GetAttribute("data-messages-sent"), Is.EqualTo(analysis.MessagesSent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(cost.GetAttribute("data-bytes-sent"), Is.EqualTo(analysis.BytesSent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(cost.TextContent, Does.Contain(Pricing.Usd(analysis.Cost.RunUsd)));
            Assert.That(cost.TextContent, Does.Contain(Pricing.Usd(analysis.Cost.UsdPerHour)));
            Assert.That(cost.TextContent, Does.Contain(Pricing.Usd(analysis.Cost.UsdPerMonth)));
        });
    }

    [Test]
    [Category("report")]
    public void Suggestions_are_listed_in_order_with_their_rule_and_subject()
    {
        var (_, _, suggestions, page) = Rendered(Simulated());
        var items = page.QuerySelectorAll("#suggestions > li").Select(li => (li.GetAttribute("data-rule"), li.GetAttribute("data-subject"), li.TextContent.Trim())).ToList();

        Assert.That(items, Is.EqualTo(suggestions.Select(s => ((string?)s.RuleName, (string?)s.Subject, s.Text))));
        Assert.That(items, Is.Not.Empty, "the scenario has a leader and a lossy link");
    }

    [Test]
    [Category("report")]
    public void A_balanced_run_lists_no_suggestion()
    {
        IDocument page = Rendered(Traces.Balanced().Document()).Page;
        Assert.That(page.QuerySelector("#suggestions"), Is.Not.Null);
        Assert.That(page.QuerySelectorAll("#suggestions > li"), Is.Empty);
    }

    [Test]
    [Category("report")]
    public void Text_from_the_trace_is_escaped_not_interpreted()
    {
        TraceDocument trace = new Traces().Message(0, "a<b", "c&d", "<script>alert(\"x\")</script>").Message(1, "c&d", "a<b", "Ok</title><img src=x>").Document();
        IDocument page = Rendered(trace).Page;

        Assert.Multiple(() =>
        {
            Assert.That(page.QuerySelectorAll("script, img"), Is.Empty, "message texts must not become elements");
            Assert.That(page.QuerySelectorAll("#space-time .lane").Select(l => l.GetAttribute("data-node")), Is.EqualTo(new[] { "a<b", "c&d" }));
            Assert.That(page.QuerySelector("#space-time")!.TextContent, Does.Contain("<script>alert(\"x\")</script>"), "the text is shown as text");
        });
    }

    [Test]
    [Category("report")]
    public void The_page_is_well_formed_html_with_the_documented_parts_side_by_side()
    {
        var (trace, analysis, suggestions, _) = Rendered(Simulated());
        var errors = new List<string>();
        var parser = new HtmlParser();
        parser.Error += (_, e) => errors.Add(e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error ? $"{error.Position}: {error.Message}" : e.Type);
        IDocument page = parser.ParseDocument(CostPage.Render(trace, analysis, suggestions));
        string[] parts = ["#space-time", "#heat-map", "#cost", "#suggestions"];

        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty, "an HTML5 parser reports no error: every element the page opens is closed where it should be, and nothing is left dangling");
            foreach (string part in parts)
            {
                Assert.That(page.QuerySelectorAll(part), Has.Count.EqualTo(1), $"exactly one {part}");
                Assert.That(parts.Where(other => other != part).SelectMany(other => page.QuerySelectorAll($"{other} {part}")), Is.Empty,
                    $"{part} stands on its own, not inside another documented part");
            }
        });
    }

    [TestCase("Put(1)", "  [lost]")]
    [TestCase("Note  [1]", "  [lost]")]
    [TestCase("", "  [lost]")]
    [TestCase("Put(1)", "")]
    [Category("report")]
    public void A_drop_ends_the_copy_it_dropped_so_a_resent_copy_is_drawn_from_its_own_send(string text, string reason)
    {
        TraceDocument trace = new Traces().Send(1, "a", "b", text).Add(2, TraceEventKind.Drop, "a", "b", text + reason, 64)
            .Message(5, "a", "b", text).Document();
        IDocument page = Rendered(trace).Page;
        var arrows = page.QuerySelectorAll("#space-time .message").Select(m => (m.GetAttribute("data-sent"), m.GetAttribute("data-delivered")));
        var drops = page.QuerySelectorAll("#space-time .drop").Select(d => d.GetAttribute("data-dropped"));

        Assert.Multiple(() =>
        {
            Assert.That(drops, Is.EqualTo(new[] { "20000" }), "the copy sent at 1 ms is dropped at 2 ms");
            Assert.That(arrows, Is.EqualTo(new[] { ("50000", "60000") }),
                $"the drop (description \"{text + reason}\": the message, then its reason) used up the copy sent at 1 ms, so the delivery at 6 ms is of the copy sent at 5 ms");
        });
    }

    [Test]
    [Category("report")]
    public void Every_special_character_in_names_and_texts_is_escaped()
    {
        TraceDocument trace = new Traces().Message(0, "it's", "<&\">", "say 'hi' & \"bye\" <now>").Document();
        IDocument page = Rendered(trace).Page;

        Assert.Multiple(() =>
        {
            Assert.That(page.QuerySelectorAll("#space-time .lane").Select(l => l.GetAttribute("data-node")), Is.EqualTo(trace.Nodes.Select(n => n.Name)),
                "names with ' \" < > & come back unchanged from the attributes");
            Assert.That(page.QuerySelectorAll("#heat-map .heat").Select(c => $"{c.GetAttribute("data-from")}|{c.GetAttribute("data-to")}"),
                Is.EquivalentTo(new[] { "it's|<&\">", "<&\">|it's" }));
            Assert.That(page.QuerySelector("#space-time")!.TextContent, Does.Contain("say 'hi' & \"bye\" <now>"), "the message text is shown as written");
        });
    }

    [Test]
    [Category("report")]
    public void The_page_is_self_contained()
    {
        IDocument page = Rendered(Simulated()).Page;
        var external = page.All
            .SelectMany(e => e.Attributes.Select(a => (Element: e.LocalName, a.Name, a.Value)))
            .Where(a => a.Name is "src" or "href" or "xlink:href" or "action" || a.Value.Contains("url(", StringComparison.Ordinal))
            .Where(a => !(a.Value.StartsWith('#') || a.Value.Replace(" ", "", StringComparison.Ordinal).StartsWith("url(#", StringComparison.Ordinal)))
            .Select(a => $"<{a.Element} {a.Name}=\"{a.Value}\">");

        Assert.Multiple(() =>
        {
            Assert.That(external, Is.Empty, "no attribute may point outside the page");
            Assert.That(page.QuerySelectorAll("link, script[src], iframe, object, embed, img"), Is.Empty, "nothing is loaded from elsewhere");
            Assert.That(string.Concat(page.QuerySelectorAll("style").Select(s => s.TextContent)), Does.Not.Contain("@import").And.Not.Contain("url("));
        });
    }
}
