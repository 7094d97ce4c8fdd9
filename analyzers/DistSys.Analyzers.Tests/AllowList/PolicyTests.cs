using DistSys.Analyzers.Runner.AllowList;

namespace DistSys.Analyzers.Tests.AllowList;

/// <summary>How grader/allowed-apis.yaml is read and how its entries decide.</summary>
public sealed class PolicyTests
{
    private const string Program = """
        namespace DistSys.Demo;
        public static class Uses
        {
            public static double Root(double x) => Math.Sqrt(x);
            public static double Power(double x) => Math.Pow(x, 2);
            public static int Max(int a, int b) => Math.Max(a, b);
        }
        """;

    private static IReadOnlyList<ApiViolation> Check(string yaml, string slug = "demo") =>
        AllowListChecker.CheckSources(slug, [new SourceFile("Uses.cs", Program)], [], AllowListPolicy.Parse(yaml, "test.yaml"));

    [Test]
    public void A_symbol_no_entry_allows_is_refused_with_DS110()
    {
        var violations = Check("allow: [System.Double]");

        Assert.That(violations.Select(v => (v.Id, v.Api)), Is.EquivalentTo(new[]
        {
            ("DS110", "System.Math.Sqrt"), ("DS110", "System.Math.Pow"), ("DS110", "System.Math.Max"),
        }));
        Assert.That(violations[0].Reason, Is.EqualTo(AllowListPolicy.NotAllowedReason));
    }

    [Test]
    public void The_most_specific_entry_decides()
    {
        const string yaml = """
            allow: [System.Double, System.Int32, System.Math, System.Math.Pow]
            refuse:
              DS110:
                - why: only square roots and powers
                  apis: [System.Math.*]
            """;

        Assert.That(Check(yaml).Select(v => v.Api), Is.EqualTo(new[] { "System.Math.Sqrt", "System.Math.Max" }),
            "Math.* (members) beats Math; Math.Pow (more parts) beats Math.*.");
    }

    [Test]
    public void An_exercise_entry_beats_a_default_of_the_same_specificity()
    {
        const string yaml = """
            allow: [System.Double, System.Int32]
            refuse:
              DS110:
                - why: not in general
                  apis: [System.Math]
            sets:
              maths: [System.Math]
            exercises:
              demo:
                sets: [maths]
            """;

        Assert.Multiple(() =>
        {
            Assert.That(Check(yaml, "demo"), Is.Empty, "demo takes the maths set.");
            Assert.That(Check(yaml, "other").Where(v => v.Id == "DS110").Select(v => v.Reason).Distinct(), Is.EqualTo(new[] { "not in general" }));
        });
    }

    [TestCase("allow: [System.Math]\nunknown: 1", "unknown", TestName = "An unknown key is an error")]
    [TestCase("refuse:\n  DS999:\n    - why: x\n      apis: [System.Math]", "DS999", TestName = "An unknown id is an error")]
    [TestCase("refuse:\n  DS100:\n    - apis: [System.Math]", "why", TestName = "A refusal without a why is an error")]
    [TestCase("exercises:\n  demo:\n    sets: [missing]", "missing", TestName = "An unknown set is an error")]
    [TestCase("allow: [System..Math]", "System..Math", TestName = "A malformed name is an error")]
    [TestCase("allow: [System.*.Math]", "System.*.Math", TestName = "A wildcard in the middle is an error")]
    public void A_malformed_policy_is_reported_with_the_file_and_the_offending_part(string yaml, string named)
    {
        var error = Assert.Throws<AllowListPolicyException>(() => AllowListPolicy.Parse(yaml, "test.yaml"));

        Assert.That(error!.Message, Does.Contain("test.yaml").And.Contain(named));
    }

    [Test]
    public void A_missing_policy_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-allow-list-" + Guid.NewGuid().ToString("N") + ".yaml");

        var error = Assert.Throws<AllowListPolicyException>(() => AllowListPolicy.Load(path));

        Assert.That(error!.Message, Does.Contain(path));
    }

    [Test]
    public void Every_id_has_a_documentation_page_with_an_example()
    {
        foreach (var id in AllowListRules.Ids)
        {
            var page = Path.Combine(Kit.Root, "analyzers", "docs", "rules", id + ".md");
            Assert.That(File.Exists(page), Is.True, $"{page} is missing.");
            var text = File.ReadAllText(page);
            Assert.That(text, Does.StartWith("# " + id), page);
            Assert.That(text, Does.Contain("```csharp"), $"{page} should show a refused and an accepted example.");
        }
    }

    [Test]
    public void The_kits_allow_list_uses_every_refusal_id_it_documents()
    {
        var yaml = File.ReadAllText(Path.Combine(Kit.Root, AllowListPolicy.KitRelativePath));

        // DS109 (namespaces) is decided from the declarations alone; every other id explains some API entry.
        foreach (var id in AllowListRules.Ids.Where(id => id != AllowListRules.ForeignNamespace))
        {
            Assert.That(yaml, Does.Contain("  " + id + ":"), $"grader/allowed-apis.yaml has no refusals under {id}.");
        }
    }
}
