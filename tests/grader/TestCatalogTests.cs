using System.Reflection;
using DistSys.Grader.Grading;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;

namespace DistSys.Grader.Tests;

public class TestCatalogTests
{
    private const string SampleNamespace = "DistSys.Grader.Tests.CatalogSamples";

    private static readonly Lazy<TestCatalog> Catalog = new(() => TestCatalog.Read(typeof(TestCatalogTests).Assembly.Location));

    private static IEnumerable<CatalogTest> Samples => Catalog.Value.Tests.Where(t => t.MethodKey.StartsWith(SampleNamespace + ".", StringComparison.Ordinal));

    [Test]
    public void Names_every_sample_test_exactly_as_NUnit_does()
    {
        var discovered = NUnitNames().ToList();
        var exact = Samples.Where(t => !t.IsSourceDriven).Select(t => t.FullName).ToList();
        var sourceDriven = Samples.Where(t => t.IsSourceDriven).ToList();

        var explained = discovered.Where(name => exact.Contains(name) || sourceDriven.Any(t => t.Matches(name))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(discovered.Except(explained), Is.Empty, "NUnit found these tests, the catalog did not name them; the catalog has:\n" + string.Join("\n", exact));
            Assert.That(exact.Except(discovered), Is.Empty, "The catalog names tests NUnit does not have; NUnit has:\n" + string.Join("\n", discovered));
        });
    }

    [Test]
    public void Takes_the_method_category_before_the_fixture_category()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CategoriesOf("Plain.A_plain_test"), Is.EqualTo(new[] { "behaviour" }), "the fixture's category");
            Assert.That(CategoriesOf("Plain.A_safety_test"), Is.EqualTo(new[] { "safety" }), "the method's own category wins");
            Assert.That(CategoriesOf("Cases.Cases_of_every_kind(1,2L,3.5d,0.25f,4.5m,\"text\",'c',True,null,Mode.Slow)"), Is.EqualTo(new[] { "laws" }));
            Assert.That(CategoriesOf("Cases.A_case_with_its_own_category(\"report\")"), Is.EqualTo(new[] { "laws", "report" }));
            Assert.That(CategoriesOf("Uncategorized.Without_category"), Is.Empty);
        });
    }

    [Test]
    public void Finds_a_case_produced_by_a_source_through_its_method()
    {
        var found = Catalog.Value.Find(SampleNamespace + ".Cases.From_a_source(\"anything\", 2 workers)");

        Assert.That(found?.Categories, Is.EqualTo(new[] { "safety" }), "a source's cases are only known at run time, so they match by method");
    }

    [Test]
    public void Finds_the_copies_the_suite_host_numbers()
    {
        Assert.That(Catalog.Value.Find(SampleNamespace + ".Plain.A_safety_test #2")?.Categories, Is.EqualTo(new[] { "safety" }));
    }

    [Test]
    public void Marks_explicit_and_ignored_tests()
    {
        var states = Samples.Where(t => t.MethodKey.EndsWith(".Skipped", StringComparison.Ordinal) || t.MethodKey.EndsWith(".Ignored", StringComparison.Ordinal))
            .ToDictionary(t => t.MethodKey[(t.MethodKey.LastIndexOf('.') + 1)..], t => t.RunState);

        Assert.That(states, Is.EqualTo(new Dictionary<string, CatalogRunState> { ["Ignored"] = CatalogRunState.Ignored, ["Skipped"] = CatalogRunState.Ignored }));
    }

    [TestCase("Ns.Fixture(Msi).Method(1,\"a (b)\")", ExpectedResult = "Ns.Fixture.Method")]
    [TestCase("Ns.Fixture.Method", ExpectedResult = "Ns.Fixture.Method")]
    [TestCase("Ns.Fixture.Method(')')", ExpectedResult = "Ns.Fixture.Method")]
    public string The_method_key_drops_every_argument_list(string name) => TestCatalog.MethodKeyOf(name);

    private static IReadOnlyList<string>? CategoriesOf(string name) => Catalog.Value.Find(SampleNamespace + "." + name)?.Categories;

    // NUnit's own discovery, as the suite host does it, of the sample fixtures (explicit, so they never run here).
    private static IEnumerable<string> NUnitNames()
    {
        var root = new DefaultTestAssemblyBuilder().Build(typeof(TestCatalogTests).Assembly, new Dictionary<string, object>());
        return Flatten(root).Where(t => !t.IsSuite && t.FullName.StartsWith(SampleNamespace + ".", StringComparison.Ordinal)).Select(t => t.FullName);
    }

    private static IEnumerable<ITest> Flatten(ITest test) => test.Tests.SelectMany(Flatten).Prepend(test);
}
