// Fixtures for TestCatalogTests: the catalog reads them from this assembly's metadata and NUnit discovers them, and the
// two must agree. Explicit, so a normal run never executes them; their bodies do nothing on purpose.
#pragma warning disable NUnit2045, CA1822

namespace DistSys.Grader.Tests.CatalogSamples;

public enum Mode
{
    Fast,
    Slow,
}

[Explicit("sample for TestCatalogTests")]
[Category("behaviour")]
public class Plain
{
    [Test]
    public void A_plain_test() => Assert.Pass();

    [Test]
    [Category("safety")]
    public void A_safety_test() => Assert.Pass();

    [Test]
    [Category("report")]
    public void A_report_test() => Assert.Pass();

    [Test]
    [Ignore("sample")]
    public void Ignored() => Assert.Pass();

    [TestCase(1, Ignore = "sample")]
    public void Skipped(int value) => Assert.Pass();
}

[Explicit("sample for TestCatalogTests")]
public class Cases
{
    [TestCase(1, 2L, 3.5, 0.25f, "4.5", "text", 'c', true, null, Mode.Slow)]
    [Category("laws")]
    public void Cases_of_every_kind(int i, long l, double d, float f, decimal m, string s, char c, bool b, object? n, Mode mode) => Assert.Pass();

    [TestCase("report", Category = "report")]
    [Category("laws")]
    public void A_case_with_its_own_category(string name) => Assert.Pass();

    [TestCase(2.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(long.MaxValue)]
    [TestCase(int.MinValue)]
    public void Numbers(object value) => Assert.Pass();

    [TestCase("a string that is much longer than forty characters, so NUnit shortens it")]
    [TestCase("quote \" backslash \\ tab \t newline \n")]
    [TestCase("")]
    public void Strings(string value) => Assert.Pass();

    [TestCase(new[] { 1, 2, 3 })]
    public void Arrays(int[] values) => Assert.Pass();

    [TestCase(3, TestName = "Named_case")]
    public void Renamed(int value) => Assert.Pass();

    [TestCaseSource(nameof(Source))]
    [Category("safety")]
    public void From_a_source(string key, int workers) => Assert.Pass();

    private static IEnumerable<TestCaseData> Source() =>
        [new TestCaseData("a", 1), new TestCaseData("b", 2).SetArgDisplayNames("b", "2 workers")];
}

[Explicit("sample for TestCatalogTests")]
[TestFixture(Mode.Fast)]
[TestFixture(Mode.Slow)]
public class Parameterized(Mode mode)
{
    [Test]
    public void Runs_per_fixture_argument() => Assert.That(mode, Is.AnyOf(Mode.Fast, Mode.Slow));
}

[Explicit("sample for TestCatalogTests")]
public abstract class Base
{
    [Test]
    [Category("safety")]
    public void Inherited() => Assert.Pass();
}

[Explicit("sample for TestCatalogTests")]
public class Derived : Base
{
    [Test]
    public void Own() => Assert.Pass();
}

[Explicit("sample for TestCatalogTests")]
public class Uncategorized
{
    [Test]
    public void Without_category() => Assert.Pass();
}
