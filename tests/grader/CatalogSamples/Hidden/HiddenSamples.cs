// Hidden-test fixtures for TestCatalogTests and HiddenTestsTests, laid out like a suite's tests/<slug>/Hidden/ folder.
// Explicit, so a normal run never executes them; their bodies do nothing on purpose.
#pragma warning disable NUnit2045, CA1822

namespace DistSys.Grader.Tests.CatalogSamples;

[Explicit("sample for TestCatalogTests")]
[Category("hidden")]
public class HiddenFixture
{
    [Test]
    [Category("safety")]
    public void A_hidden_safety_test() => Assert.Pass();

    [Test]
    public void A_hidden_test_with_the_fixture_category_only() => Assert.Pass();
}

[Explicit("sample for TestCatalogTests")]
public class MixedVisibility
{
    [Test]
    [Category("hidden")]
    [Category("laws")]
    public void A_hidden_method() => Assert.Pass();

    [Test]
    [Category("laws")]
    public void A_visible_method() => Assert.Pass();

    [TestCase(1, Category = "hidden")]
    [TestCase(2)]
    [Category("behaviour")]
    public void Some_cases_hidden(int value) => Assert.Pass();
}
