using DistSys.Analyzers.Runner.AllowList;

namespace DistSys.Analyzers.Tests.AllowList;

/// <summary>The kit the tests run in: its root, its allow-list and its exercises.</summary>
internal static class Kit
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, AllowListPolicy.KitRelativePath)) && Directory.Exists(Path.Combine(directory.FullName, "exercises")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("No kit root (with " + AllowListPolicy.KitRelativePath + ") above " + TestContext.CurrentContext.TestDirectory);
    });

    private static readonly Lazy<AllowListPolicy> LoadedPolicy = new(() => AllowListPolicy.LoadFromKit(Root));

    public static string Root => RootFolder.Value;

    /// <summary>The kit's own grader/allowed-apis.yaml: the tests judge the real list, not a copy.</summary>
    public static AllowListPolicy Policy => LoadedPolicy.Value;

    /// <summary>Every exercise folder (one with a project file), found on disk so exercises added later are covered too.</summary>
    public static IEnumerable<string> Slugs() =>
        Directory.GetDirectories(Path.Combine(Root, "exercises"))
            .Where(folder => Directory.EnumerateFiles(folder, "*.csproj").Any())
            .Select(Path.GetFileName)
            .Cast<string>()
            .Order(StringComparer.Ordinal);

    /// <summary>The exercises that have a reference solution folder.</summary>
    public static IEnumerable<string> SlugsWithReference() =>
        Slugs().Where(slug => Directory.Exists(Path.Combine(Root, "solutions", slug)));

    public static IReadOnlyList<string> GivenFiles(string slug)
    {
        var given = Path.Combine(Root, "exercises", slug, "Given");
        return Directory.Exists(given) ? CsFiles(given) : [];
    }

    public static IReadOnlyList<string> CsFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(folder, file).Replace('\\', '/').Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
