namespace DistSys.Grader.Kit;

/// <summary>One exercise of the kit, and where its test suite is if it has one yet.</summary>
/// <param name="Slug">Folder name under exercises/, e.g. <c>lock-manager</c>.</param>
/// <param name="SuiteProject">Path of <c>tests/&lt;slug&gt;/*.Tests.csproj</c> relative to the kit root; null while the suite does not exist.</param>
internal sealed record Exercise(string Slug, string? SuiteProject)
{
    public bool HasSuite => SuiteProject is not null;

    /// <summary>The suite executable that the build produces for <paramref name="target"/> (Debug unless the benchmarks ask for Release).</summary>
    public string SuiteAssembly(string kitRoot, BuildTarget target, BuildConfiguration? configuration = null)
    {
        var project = SuiteProject ?? throw new InvalidOperationException($"Exercise '{Slug}' has no suite.");
        var assemblyName = "DistSys." + Path.GetFileNameWithoutExtension(project) + ".dll";
        return Path.Combine(kitRoot, Path.GetDirectoryName(project)!, "bin", target.Name, (configuration ?? BuildConfiguration.Debug).Name, "net10.0", assemblyName);
    }
}

/// <summary>The msbuild configuration: Debug for the tests (what students build too), Release for the benchmark stage.</summary>
internal sealed record BuildConfiguration(string Name)
{
    public static readonly BuildConfiguration Debug = new("Debug");
    public static readonly BuildConfiguration Release = new("Release");

    public override string ToString() => Name;
}

/// <summary>What the suites compile against: the student stubs or the reference solutions.</summary>
internal sealed record BuildTarget(string Name)
{
    public static readonly BuildTarget Exercises = new("exercises");
    public static readonly BuildTarget Solutions = new("solutions");
    public static readonly IReadOnlyList<string> Names = [Exercises.Name, Solutions.Name];

    public static BuildTarget Parse(string name) => name == Solutions.Name ? Solutions : Exercises;

    public override string ToString() => Name;
}

/// <summary>The kit's folder layout (see CONTRIBUTING.md): where exercises and suites are.</summary>
internal sealed class KitLayout
{
    public const string SolutionFileName = "DistSys.sln";

    private KitLayout(string root) => Root = root;

    public string Root { get; }

    /// <summary>Scratch space for the grader's own files (gitignored).</summary>
    public string WorkFolder => Path.Combine(Root, ".grader");

    public string RubricPath => Path.Combine(Root, "grader", "rubric.yaml");

    /// <summary>A kit laid out at <paramref name="root"/> (a grading tree, say), without checking it.</summary>
    public static KitLayout At(string root) => new(Path.GetFullPath(root));

    /// <summary>Uses <paramref name="root"/> if given, otherwise the nearest folder at or above <paramref name="start"/> that holds DistSys.sln.</summary>
    public static KitLayout Locate(string? root, string start)
    {
        if (root is not null)
        {
            var full = Path.GetFullPath(root);
            if (!File.Exists(Path.Combine(full, SolutionFileName)))
            {
                throw new UsageException($"--root {root}: no {SolutionFileName} in {full}.");
            }

            return new KitLayout(full);
        }

        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return new KitLayout(folder.FullName);
            }
        }

        throw new UsageException($"No {SolutionFileName} in {start} or any folder above it: run the grader inside the kit or pass --root DIR.");
    }

    /// <summary>Every folder under exercises/ is an exercise; its suite exists once tests/&lt;slug&gt;/*.Tests.csproj does.</summary>
    public IReadOnlyList<Exercise> DiscoverExercises()
    {
        var exercisesFolder = Path.Combine(Root, "exercises");
        if (!Directory.Exists(exercisesFolder))
        {
            return [];
        }

        return Directory.GetDirectories(exercisesFolder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(slug => !slug.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(slug => new Exercise(slug, FindSuiteProject(slug)))
            .ToList();
    }

    /// <summary>A path relative to the kit root, with forward slashes, for reports.</summary>
    public string Relative(string path)
    {
        var full = Path.GetFullPath(path, Root);
        var relative = Path.GetRelativePath(Root, full);
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative.Replace('\\', '/');
    }

    private string? FindSuiteProject(string slug)
    {
        var suiteFolder = Path.Combine(Root, "tests", slug);
        if (!Directory.Exists(suiteFolder))
        {
            return null;
        }

        var project = Directory.GetFiles(suiteFolder, "*.Tests.csproj").Order(StringComparer.Ordinal).FirstOrDefault();
        return project is null ? null : Relative(project);
    }
}
