using System.Text.Json;
using AngleSharp.Html.Parser;
using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.CostVisualizer.Tests;

/// <summary>
/// The reference's page in a real headless Chromium: it loads without console errors, and every lane and every
/// delivered message takes up space on screen. Explicit, so never part of a grade (a grade must not depend on whether a
/// browser is installed or how busy the machine is; students' pages are graded by the structure tests,
/// <see cref="PageTests"/>): the kit's CI runs them with <c>dotnet test tests/cost-visualizer --filter TestCategory=browser</c>.
/// Ignored (with the reason) when the suite is built against the stubs.
/// </summary>
[Explicit("Needs a real Chromium; run with --filter TestCategory=browser (the kit's CI does)")]
[Category("browser")]
public class BrowserTests
{
    [SetUp]
    public void OnlyForTheReference()
    {
        string? target = typeof(BrowserTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "DistSys.Target")?.Value;
        if (target == "exercises" || Environment.GetEnvironmentVariable("DISTSYS_TARGET") is not null)
        {
            Assert.Ignore("Browser tests check the reference's page in the kit's CI (dotnet test), never in a grade; your page is graded by the structure tests (PageTests).");
        }

        Chromium.Require();
    }

    /// <summary>Measures, in the browser, how many lanes and arrows were laid out with a visible size and stroke.</summary>
    private const string LayoutProbe = """
        <script>
        (function () {
          var result = { lanes: 0, lanesDrawn: 0, messages: 0, messagesDrawn: 0 };
          document.querySelectorAll('#space-time .lane').forEach(function (e) {
            result.lanes++;
            var box = e.getBoundingClientRect();
            if (box.width > 0 && box.height > 0) result.lanesDrawn++;
          });
          document.querySelectorAll('#space-time .message').forEach(function (e) {
            result.messages++;
            var box = e.getBoundingClientRect(), style = getComputedStyle(e);
            if ((box.width > 0 || box.height > 0) && style.display !== 'none' && style.visibility !== 'hidden' && style.stroke !== 'none' && style.opacity !== '0') result.messagesDrawn++;
          });
          var out = document.createElement('pre');
          out.id = 'distsys-probe';
          out.textContent = JSON.stringify(result);
          document.body.appendChild(out);
        })();
        </script>
        """;

    private static string WritePage(string name, string html)
    {
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "pages");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, html);
        return path;
    }

    private static string Page(out TraceDocument trace)
    {
        trace = ReportTests.LeaderWithLossyLinkTrace;
        TrafficAnalysis analysis = TrafficAnalyzer.Analyze(trace.Events);
        return CostPage.Render(trace, analysis, Advisor.Suggest(analysis));
    }

    [Test]
    [Category("report")]
    public void In_chromium_the_page_loads_cleanly_and_draws_every_lane_and_every_delivered_message()
    {
        string html = Page(out TraceDocument trace);
        int end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        Assert.That(end, Is.GreaterThan(0), "the page has a </body>");
        string path = WritePage("cost-visualizer-probe.html", html[..end] + LayoutProbe + html[end..]);

        ChromiumResult run = Chromium.DumpDom(path);
        string? probe = new HtmlParser().ParseDocument(run.Dom).QuerySelector("#distsys-probe")?.TextContent;
        Assert.That(probe, Is.Not.Null, $"the browser ran the page (exit code {run.ExitCode}); its log:\n{run.Log}");
        using JsonDocument result = JsonDocument.Parse(probe!);
        int Get(string name) => result.RootElement.GetProperty(name).GetInt32();
        int delivered = trace.Events.Count(e => e.Kind == TraceEventKind.Deliver);

        Assert.Multiple(() =>
        {
            Assert.That(run.ConsoleMessages, Is.Empty, "the page logs nothing to the console (no errors)");
            Assert.That((Get("lanes"), Get("lanesDrawn")), Is.EqualTo((trace.Nodes.Count, trace.Nodes.Count)), "(lanes, lanes with a visible box)");
            Assert.That((Get("messages"), Get("messagesDrawn")), Is.EqualTo((delivered, delivered)), "(message arrows, arrows with a visible box and stroke)");
        });
    }

    [Test]
    [Category("report")]
    public void In_chromium_the_page_renders_to_a_screenshot()
    {
        string path = WritePage("cost-visualizer.html", Page(out _));
        string png = Path.ChangeExtension(path, ".png");
        File.Delete(png);

        ChromiumResult run = Chromium.Screenshot(path, png, 1280, 900);

        Assert.That(File.Exists(png) ? new FileInfo(png).Length : 0, Is.GreaterThan(10_000), $"a real picture was written to {png}; browser log:\n{run.Log}");
        TestContext.Out.WriteLine($"screenshot: {png}");
    }
}
