using DistSys.Analyzers.Runner.AllowList;

namespace DistSys.Analyzers.Tests.AllowList;

/// <summary>The kit's own code is what honest exercise code looks like: the list must accept all of it.</summary>
public sealed class KitPassesAllowListTests
{
    public static IEnumerable<string> References() => Kit.SlugsWithReference();

    public static IEnumerable<string> Stubs() => Kit.Slugs();

    [TestCaseSource(nameof(References))]
    public void The_reference_solution_passes_the_allow_list(string slug)
    {
        var violations = AllowListChecker.Check(slug, Kit.CsFiles(Path.Combine(Kit.Root, "solutions", slug)), Kit.GivenFiles(slug), Kit.Policy, displayRoot: Kit.Root);

        Assert.That(violations.Select(v => v.Text), Is.Empty,
            $"solutions/{slug} is the model of honest code: allow what it uses in grader/allowed-apis.yaml (exercises.{slug}) or change the reference.");
    }

    [TestCaseSource(nameof(Stubs))]
    public void The_stub_passes_the_allow_list(string slug)
    {
        var violations = AllowListChecker.CheckExercise(Kit.Root, slug, Kit.Root, Kit.Policy);

        Assert.That(violations.Select(v => v.Text), Is.Empty, $"exercises/{slug} as shipped must pass its own allow-list.");
    }

    [Test]
    public void Every_exercise_named_in_the_allow_list_exists()
    {
        Assert.That(Kit.Policy.ExerciseSlugs, Is.SubsetOf(Kit.Slugs()), "grader/allowed-apis.yaml names an exercise folder that does not exist (typo?).");
    }
}
