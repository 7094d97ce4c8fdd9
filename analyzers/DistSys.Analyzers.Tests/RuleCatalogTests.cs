using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistSys.Analyzers.Tests;

/// <summary>The rule set as a whole: every rule is documented, tracked for release, and fixes only rules that exist.</summary>
public sealed class RuleCatalogTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Rules = typeof(DsAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DsAnalyzer).IsAssignableFrom(t))
        .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToList();

    private static string AnalyzersFolder()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "analyzers", "docs", "rules");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(directory.FullName, "analyzers");
            }
        }
        throw new DirectoryNotFoundException("No analyzers/docs/rules folder above " + TestContext.CurrentContext.TestDirectory);
    }

    [Test]
    public void The_rules_are_DS001_to_DS018_each_defined_once()
    {
        var expected = Enumerable.Range(1, 18).Select(i => "DS" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(Rules.Select(r => r.Id), Is.EqualTo(expected), "Each DS rule must have exactly one analyzer and descriptor.");
    }

    [Test]
    public void The_compiler_loads_one_analyzer_that_hosts_every_rule()
    {
        var exported = typeof(DsAnalyzer).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
            .ToList();
        Assert.That(exported, Is.EqualTo(new[] { typeof(DistSysAnalyzer) }), "Only DistSysAnalyzer carries [DiagnosticAnalyzer]; a rule exported on its own would report twice.");
        Assert.That(new DistSysAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal), Is.EqualTo(Rules.Select(r => r.Id)));
    }

    [TestCaseSource(nameof(Ids))]
    public void Every_rule_is_a_warning_in_a_known_category(string id)
    {
        var rule = Rules.Single(r => r.Id == id);
        Assert.Multiple(() =>
        {
            Assert.That(rule.DefaultSeverity, Is.EqualTo(DiagnosticSeverity.Warning), $"{id} severity");
            Assert.That(rule.IsEnabledByDefault, Is.True, $"{id} enabled by default");
            Assert.That(rule.Category, Is.AnyOf("Concurrency", "Determinism"), $"{id} category");
        });
    }

    [TestCaseSource(nameof(Ids))]
    public void Every_rule_links_to_its_page_and_the_page_exists(string id)
    {
        var rule = Rules.Single(r => r.Id == id);
        Assert.That(rule.HelpLinkUri, Is.EqualTo($"https://github.com/distsys-kit/distsys-kit/blob/main/analyzers/docs/rules/{id}.md"));
        var page = Path.Combine(AnalyzersFolder(), "docs", "rules", id + ".md");
        Assert.That(File.Exists(page), Is.True, $"{id} links to {page}, which does not exist.");
        var text = File.ReadAllText(page);
        Assert.That(text, Does.StartWith("# " + id), $"{page} should start with a '# {id}' heading.");
        Assert.That(text, Does.Contain("```csharp"), $"{page} should show a bad and a fixed example.");
    }

    [TestCaseSource(nameof(Ids))]
    public void Every_rule_is_tracked_for_release(string id)
    {
        var tracking = File.ReadAllText(Path.Combine(AnalyzersFolder(), "DistSys.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(AnalyzersFolder(), "DistSys.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.That(tracking, Does.Contain(id + " |"), $"{id} is missing from AnalyzerReleases.*.md.");
    }

    [Test]
    public void Every_code_fix_fixes_an_existing_rule()
    {
        var fixes = typeof(DistSys.Analyzers.CodeFixes.NonAtomicUpdateCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.That(fixes, Is.Not.Empty);
        var ids = Rules.Select(r => r.Id).ToHashSet();
        Assert.That(fixes.SelectMany(f => f.FixableDiagnosticIds), Is.SubsetOf(ids));
    }

    public static IEnumerable<string> Ids() => Rules.Select(r => r.Id);
}
