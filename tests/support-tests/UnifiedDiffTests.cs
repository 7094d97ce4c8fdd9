namespace DistSys.Testing.Tests;

public class UnifiedDiffTests
{
    [Test]
    public void Distant_changes_get_separate_hunks_with_three_lines_of_context()
    {
        var expected = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}"));
        var actual = expected.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 18\n", "line eighteen\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create(expected, actual);

        Assert.Multiple(() =>
        {
            Assert.That(diff, Does.StartWith("@@ -1,5 +1,5 @@\n  line 1\n- line 2\n+ line two\n  line 3\n"));
            Assert.That(diff, Does.Contain("@@ -15,6 +15,6 @@\n"), "the second change is far away, so it gets its own hunk");
            Assert.That(diff, Does.Not.Contain("line 10"), "lines far from any change are left out");
        });
    }

    [Test]
    public void A_difference_only_in_the_final_newline_is_named()
    {
        Assert.That(UnifiedDiff.Create("a\nb\n", "a\nb"), Does.Contain("only in the newline at the end"));
    }

    [Test]
    public void Identical_texts_give_an_empty_diff()
    {
        Assert.That(UnifiedDiff.Create("a\nb", "a\nb"), Is.Empty);
    }
}
