using System.Diagnostics;
using System.Security;
using System.Text;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;

namespace DistSys.Grader.Building;

/// <summary>What one build of the selected suites produced.</summary>
/// <param name="Built">Slugs whose suite executable exists after this build.</param>
/// <param name="ErrorsBySlug">Errors in an exercise's stub, suite or reference solution.</param>
/// <param name="KitErrors">Errors in the kit's shared code (runtime, test support, ...).</param>
internal sealed record BuildOutcome(
    IReadOnlySet<string> Built,
    IReadOnlyDictionary<string, IReadOnlyList<CompilerError>> ErrorsBySlug,
    IReadOnlyList<CompilerError> KitErrors,
    TimeSpan Elapsed);

/// <summary>
/// Builds every selected suite in one msbuild invocation, so shared projects build once and in parallel. Debug unless
/// <paramref name="configuration"/> says otherwise (the benchmark stage builds Release, into its own bin/ folders).
/// </summary>
internal sealed class SuiteBuilder(KitLayout kit, TimeSpan timeout, BuildConfiguration? configuration = null)
{
    private readonly BuildConfiguration _configuration = configuration ?? BuildConfiguration.Debug;

    /// <summary>
    /// When the build of all suites overran, each suite alone gets this long. Wall-clock time: a cold suite builds in
    /// under a minute on a quiet two-core machine, but took over 3 minutes at load averages near 90, and a limit that
    /// load can trip changes grades. It only has to stop a build that never ends.
    /// </summary>
    private static readonly TimeSpan PerSuiteTimeout = TimeSpan.FromMinutes(10);

    private static readonly HashSet<string> NotSourceFolders =
        new(["bin", "obj", ".git", ".grader", ".vs", ".idea", "TestResults", "BenchmarkDotNet.Artifacts", "artifacts"], StringComparer.Ordinal);

    public async Task<BuildOutcome> BuildAsync(IReadOnlyList<Exercise> suites, BuildTarget target, IProgress<string> progress)
    {
        var clock = Stopwatch.StartNew();
        if (IsUpToDate(suites, target))
        {
            progress.Report($"{suites.Count} suite(s) up to date for the {target.Name}{Suffix}; build skipped");
            var all = suites.Select(exercise => exercise.Slug).ToHashSet(StringComparer.Ordinal);
            return new BuildOutcome(all, new Dictionary<string, IReadOnlyList<CompilerError>>(), [], clock.Elapsed);
        }

        var startedAt = DateTime.UtcNow;
        Directory.CreateDirectory(kit.WorkFolder);
        File.Delete(BuiltStamp(target));
        var solution = WriteSolution(suites, target);

        // A suite counts as built only if this build wrote its executable: a failed build leaves nothing stale behind.
        foreach (var exercise in suites)
        {
            var assembly = exercise.SuiteAssembly(kit.Root, target, _configuration);
            if (File.Exists(assembly))
            {
                File.Delete(assembly);
            }
        }

        var restoreStamp = Path.Combine(kit.WorkFolder, $"restored-{target.Name}.stamp");
        var restore = RestoreNeeded(restoreStamp, suites, target);
        progress.Report($"building {suites.Count} suite(s) against the {target.Name}{Suffix}{(restore ? " (with restore)" : string.Empty)}");
        IReadOnlyList<string> output;
        var timedOut = new List<string>();
        try
        {
            output = await RunBuildAsync(solution, target, restore, timeout).ConfigureAwait(false);
        }
        catch (BuildTimeoutException) when (suites.Count > 1)
        {
            // One exercise's code can make the compiler crawl; build each suite alone so that it costs only itself.
            progress.Report($"the build did not finish within {timeout.TotalSeconds:0} s; building each suite alone to find the slow one");
            DeleteBuildOutput();
            var lines = new List<string>();
            foreach (var exercise in suites)
            {
                try
                {
                    lines.AddRange(await RunBuildAsync(WriteSolution([exercise], target), target, restore: true, PerSuiteTimeout).ConfigureAwait(false));
                }
                catch (BuildTimeoutException)
                {
                    timedOut.Add(exercise.Slug);
                }
            }

            output = lines;
        }
        catch (BuildTimeoutException) when (suites.Count == 1)
        {
            output = [];
            timedOut.Add(suites[0].Slug);
        }

        var slugs = kit.DiscoverExercises().Select(exercise => exercise.Slug).ToHashSet(StringComparer.Ordinal);
        var errors = BuildOutputParser.Parse(output, kit.Relative);
        var errorsBySlug = errors
            .Select(error => (Owner: ErrorOwnership.OwnerOf(error, slugs), Error: error))
            .Where(owned => owned.Owner is not null)
            .GroupBy(owned => owned.Owner!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<CompilerError>)group.Select(owned => owned.Error).ToList(), StringComparer.Ordinal);

        foreach (var slug in timedOut)
        {
            errorsBySlug[slug] = [new CompilerError(kit.Relative(Path.Combine(kit.Root, "exercises", slug)), null, null, "DSBUILD",
                $"the build of this exercise did not finish within its time budget and was stopped", null)];
        }

        var kitErrors = errors.Where(error => ErrorOwnership.OwnerOf(error, slugs) is null).ToList();
        var built = suites
            .Where(exercise => File.Exists(exercise.SuiteAssembly(kit.Root, target, _configuration)))
            .Select(exercise => exercise.Slug)
            .ToHashSet(StringComparer.Ordinal);

        if (errors.Count == 0 && timedOut.Count == 0 && built.Count == suites.Count)
        {
            MarkBuilt(suites, target, startedAt);
        }

        if (restore && errors.Count == 0)
        {
            await File.WriteAllTextAsync(restoreStamp, DateTime.UtcNow.ToString("O")).ConfigureAwait(false);
        }

        return new BuildOutcome(built, errorsBySlug, kitErrors, clock.Elapsed);
    }

    private string WriteSolution(IReadOnlyList<Exercise> suites, BuildTarget target)
    {
        var name = suites.Count == 1 ? $"suite-{suites[0].Slug}-{target.Name}{StampSuffix}.slnx" : $"suites-{target.Name}{StampSuffix}.slnx";
        // A generated .slnx rather than a filter over DistSys.sln: it works even before a new suite is added to the solution.
        var text = new StringBuilder("<Solution>\n");
        foreach (var exercise in suites)
        {
            var path = Path.GetRelativePath(kit.WorkFolder, Path.Combine(kit.Root, exercise.SuiteProject!)).Replace('\\', '/');
            text.Append("  <Project Path=\"").Append(SecurityElement.Escape(path)).Append("\" />\n");
        }

        text.Append("</Solution>\n");
        var solution = Path.Combine(kit.WorkFolder, name);
        File.WriteAllText(solution, text.ToString());
        return solution;
    }

    // Even a no-op msbuild run costs seconds. When every suite executable is newer than every file of the kit that
    // is not build output, nothing can have changed since the last successful build, so msbuild is not started at all.
    // (The executables' own timestamps cannot tell: msbuild keeps them when a build had nothing to compile.)
    private bool IsUpToDate(IReadOnlyList<Exercise> suites, BuildTarget target)
    {
        var stamp = new FileInfo(BuiltStamp(target));
        if (!stamp.Exists || suites.Any(exercise => !File.Exists(exercise.SuiteAssembly(kit.Root, target, _configuration))))
        {
            return false;
        }

        var built = File.ReadAllLines(stamp.FullName).ToHashSet(StringComparer.Ordinal);
        return suites.All(exercise => built.Contains(exercise.Slug))
            && !SourceFiles(new DirectoryInfo(kit.Root)).Any(file => file.LastWriteTimeUtc >= stamp.LastWriteTimeUtc);
    }

    /// <summary>Records a clean build of <paramref name="suites"/>, dated when it started so edits made during it still count.</summary>
    private void MarkBuilt(IReadOnlyList<Exercise> suites, BuildTarget target, DateTime startedAt)
    {
        var path = BuiltStamp(target);
        File.WriteAllLines(path, suites.Select(exercise => exercise.Slug));
        File.SetLastWriteTimeUtc(path, startedAt);
    }

    private string BuiltStamp(BuildTarget target) => Path.Combine(kit.WorkFolder, $"built-{target.Name}{StampSuffix}.stamp");

    // Debug keeps the names it always had, so existing warm trees stay warm.
    private string StampSuffix => _configuration == BuildConfiguration.Debug ? string.Empty : "-" + _configuration.Name;

    private string Suffix => _configuration == BuildConfiguration.Debug ? string.Empty : $" ({_configuration.Name})";

    private static IEnumerable<FileInfo> SourceFiles(DirectoryInfo folder)
    {
        foreach (var file in folder.EnumerateFiles())
        {
            if (!file.Name.Contains(".received.", StringComparison.Ordinal))
            {
                yield return file;
            }
        }

        foreach (var child in folder.EnumerateDirectories())
        {
            if (!NotSourceFolders.Contains(child.Name))
            {
                foreach (var file in SourceFiles(child))
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>
    /// Deletes every bin/ and obj/ folder of the tree. A build killed at its time limit leaves half-written files
    /// (an empty runtimeconfig.json was seen) whose fresh timestamps make the next incremental build skip them.
    /// </summary>
    private void DeleteBuildOutput()
    {
        var pending = new Stack<string>([kit.Root]);
        while (pending.Count > 0)
        {
            foreach (var folder in Directory.EnumerateDirectories(pending.Pop()))
            {
                var name = Path.GetFileName(folder);
                if (name is "bin" or "obj")
                {
                    Directory.Delete(folder, recursive: true);
                }
                else if (!NotSourceFolders.Contains(name) && new DirectoryInfo(folder).LinkTarget is null)
                {
                    pending.Push(folder);
                }
            }
        }
    }

    // `dotnet build` spends over a second on a no-op restore; skip it while no project or package file changed since the last one.
    private bool RestoreNeeded(string stamp, IReadOnlyList<Exercise> suites, BuildTarget target)
    {
        if (!File.Exists(stamp))
        {
            return true;
        }

        var restoredAt = File.GetLastWriteTimeUtc(stamp);
        var inputs = Directory.EnumerateFiles(kit.Root, "*.*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3 })
            .Where(path => path.EndsWith(".csproj", StringComparison.Ordinal) || path.EndsWith(".props", StringComparison.Ordinal)
                || path.EndsWith(".targets", StringComparison.Ordinal) || path.EndsWith("global.json", StringComparison.Ordinal))
            .Where(path => !IsBuildOutput(path));
        if (inputs.Any(path => File.GetLastWriteTimeUtc(path) > restoredAt))
        {
            return true;
        }

        return suites.Any(exercise => !File.Exists(Path.Combine(
            kit.Root, Path.GetDirectoryName(exercise.SuiteProject!)!, "obj", target.Name, "project.assets.json")));
    }

    private static bool IsBuildOutput(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.Contains("/obj/", StringComparison.Ordinal) || normalized.Contains("/bin/", StringComparison.Ordinal)
            || normalized.Contains("/.git/", StringComparison.Ordinal) || normalized.Contains("/.grader/", StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> RunBuildAsync(string solution, BuildTarget target, bool restore, TimeSpan limit)
    {
        // The DS rules run once, in process, over the graded folders (see the analyzer stage); loading them into every
        // compile as well would cost about a second per project where no compiler server runs.
        string[] arguments =
        [
            "build", solution, "-c", _configuration.Name, $"-p:DistSysTarget={target.Name}", "-p:TreatWarningsAsErrors=false", "-p:DistSysAnalyzers=false",
            "-nologo", "-clp:NoSummary", "-v:minimal", "-nodeReuse:false", .. restore ? Array.Empty<string>() : ["--no-restore"],
        ];
        using var build = ChildProcess.StartDotnet(arguments, kit.Root, new Dictionary<string, string?>());
        await build.WriteInputAndCloseAsync(string.Empty).ConfigureAwait(false);
        var output = new List<string>();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await foreach (var line in build.Lines.ReadAllAsync(deadline.Token).ConfigureAwait(false))
            {
                output.Add(line.Text);
            }
        }
        catch (OperationCanceledException)
        {
            build.KillTree();
            throw new BuildTimeoutException();
        }

        var failedToRun = build.ExitCode != 0 && BuildOutputParser.Parse(output, kit.Relative).Count == 0;
        return failedToRun
            ? throw new KitException($"dotnet build failed (exit code {build.ExitCode}) without reporting an error.", output.TakeLast(20).ToList())
            : output;
    }
}

/// <summary>A build overran its time budget and was stopped.</summary>
internal sealed class BuildTimeoutException : Exception;
