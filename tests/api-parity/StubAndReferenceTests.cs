using System.Reflection;

namespace DistSys.ApiParity.Tests;

/// <summary>
/// One suite compiles against either the stubs or the reference, so the two must expose the same public API,
/// member for member. This check keeps them from drifting.
/// </summary>
public class StubAndReferenceTests
{
    private static readonly string s_repoRoot = FindRepoRoot();

    public static IEnumerable<string> ExerciseSlugs() =>
        Directory.GetDirectories(Path.Combine(s_repoRoot, "exercises")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(ExerciseSlugs))]
    public void Stub_exposes_the_same_public_api_as_the_reference(string slug)
    {
        var projectName = ProjectName(slug);
        var reference = LoadOrIgnore("DistSys.Solutions", "the reference solutions (solutions/) are not part of this kit");
        var stub = Assembly.Load(new AssemblyName($"DistSys.{projectName}"));
        var rootNamespace = $"DistSys.{projectName}";

        var stubApi = PublicApi.Describe(stub, rootNamespace);
        var referenceApi = PublicApi.Describe(reference, rootNamespace);

        var missing = referenceApi.Except(stubApi).ToList();
        var extra = stubApi.Except(referenceApi).ToList();
        Assert.That(missing.Count + extra.Count, Is.Zero,
            $"exercises/{slug} and solutions/{slug} must expose the same public API in namespace {rootNamespace}.\n" +
            (missing.Count > 0 ? "Only in the reference:\n  " + string.Join("\n  ", missing) + "\n" : string.Empty) +
            (extra.Count > 0 ? "Only in the stub:\n  " + string.Join("\n  ", extra) + "\n" : string.Empty));
    }

    [Test]
    public void Every_exercise_folder_has_a_stub_project_named_for_its_slug()
    {
        var problems = ExerciseSlugs()
            .Where(slug => !File.Exists(Path.Combine(s_repoRoot, "exercises", slug, ProjectName(slug) + ".csproj")))
            .ToList();

        Assert.That(problems, Is.Empty, "each exercises/<slug>/ needs <PascalCaseSlug>.csproj (for example exercises/lock-manager/LockManager.csproj)");
    }

    private static Assembly LoadOrIgnore(string name, string reason)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            Assert.Ignore(reason);
            throw;
        }
    }

    private static string ProjectName(string slug) =>
        string.Concat(slug.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DistSys.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"DistSys.sln was not found above {AppContext.BaseDirectory}.");
    }
}
