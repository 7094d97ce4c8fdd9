using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;
using DistSys.Grader.Trees;

namespace DistSys.Grader.Release;

/// <summary>What <c>grader release</c> was asked to do.</summary>
/// <param name="Out">The folder the student kit goes to (absolute).</param>
/// <param name="GradescopeZip">Where the Gradescope bundle goes (absolute), or null for none.</param>
/// <param name="Check">Run the slow checks (build, stubs grade to 0) after writing.</param>
/// <param name="Recalibrate">Measure the benchmark calibration even if one is cached for this kit.</param>
internal sealed record ReleaseRequest(string Out, string? GradescopeZip, bool Check, bool Recalibrate);

/// <summary>The student kit's files, before they are written.</summary>
/// <param name="Files">Relative path → content, ordinal order.</param>
/// <param name="Executable">The files that keep their executable bit.</param>
/// <param name="Withheld">Files of the trusted kit that do not ship, with the reason.</param>
internal sealed record StudentKit(SortedDictionary<string, byte[]> Files, IReadOnlySet<string> Executable, IReadOnlyList<(string Path, string Reason)> Withheld);

/// <summary>
/// <c>grader release</c>: writes the student kit from the trusted kit, checks it, and optionally writes the Gradescope
/// bundle. See grader/README.md, section Release.
/// </summary>
internal sealed class KitRelease(KitLayout kit, Rubric rubric, IProgress<string> progress)
{
    public const string RatiosPath = "grader/Benchmarks/reference-ratios.json";
    public const string SolutionPath = KitLayout.SolutionFileName;

    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(60);
    private static readonly TimeSpan GradeLimit = TimeSpan.FromMinutes(60);
    private const int MaxListed = 20;

    /// <summary>The student kit made from <paramref name="kitFiles"/> (relative path → file), with <paramref name="ratios"/> as its benchmark calibration.</summary>
    public static StudentKit Select(IReadOnlyDictionary<string, string> kitFiles, byte[] ratios)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var executable = new SortedSet<string>(StringComparer.Ordinal);
        var withheld = new List<(string, string)>();
        foreach (var (relative, path) in kitFiles)
        {
            if (ReleaseSelection.Exclusion(relative) is { } reason)
            {
                withheld.Add((relative, reason));
                continue;
            }

            files[relative] = relative == RatiosPath ? ratios : File.ReadAllBytes(path);
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0)
            {
                executable.Add(relative);
            }
        }

        files[RatiosPath] = ratios;
        foreach (var relative in files.Keys.Where(p => p.EndsWith(".md", StringComparison.Ordinal)).ToList())
        {
            var text = Encoding.UTF8.GetString(files[relative]);
            try
            {
                files[relative] = Encoding.UTF8.GetBytes(InstructorOnlyText.Strip(text, relative));
            }
            catch (FormatException malformed)
            {
                throw new KitException(malformed.Message);
            }
        }

        if (files.TryGetValue(SolutionPath, out var solution))
        {
            var shipped = files.Keys.ToHashSet(StringComparer.Ordinal);
            files[SolutionPath] = Encoding.UTF8.GetBytes(SolutionFile.Keep(Encoding.UTF8.GetString(solution), shipped.Contains));
        }

        return new StudentKit(files, executable, withheld);
    }

    /// <summary>
    /// Every line of the student kit that holds reference code or a trace of a hidden test, as "file:line: what" (see
    /// <see cref="ReferenceCodeSearch"/> and <see cref="HiddenTestSearch"/>).
    /// </summary>
    public static IReadOnlyList<string> FindWithheldCode(IReadOnlyDictionary<string, string> kitFiles, StudentKit student)
    {
        var references = kitFiles.Where(f => ReleaseSelection.IsReferenceSource(f.Key)).Select(f => (f.Key, File.ReadAllText(f.Value)));
        var allowed = kitFiles.Where(f => ReleaseSelection.IsSharedCode(f.Key)).Select(f => File.ReadAllText(f.Value));
        var search = ReferenceCodeSearch.Of(references, allowed);
        var hiddenNames = HiddenTestSearch.TestNames(kitFiles
            .Where(f => ReleaseSelection.IsHiddenTest(f.Key) && f.Key.EndsWith(".cs", StringComparison.Ordinal))
            .Select(f => File.ReadAllText(f.Value)));

        var found = new List<string>();
        foreach (var (relative, bytes) in student.Files)
        {
            if (bytes.AsSpan().Contains((byte)0))
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(bytes);
            found.AddRange(search.Find(relative, text).Select(leak => $"{leak.Path}:{leak.Line}: reference code from {leak.Source}:{leak.SourceLine}: {leak.Code}"));
            found.AddRange(HiddenTestSearch.Find(relative, text, hiddenNames));
        }

        return found;
    }

    private static int ReferenceStatements(IReadOnlyDictionary<string, string> kitFiles) =>
        ReferenceCodeSearch.Of(
            kitFiles.Where(f => ReleaseSelection.IsReferenceSource(f.Key)).Select(f => (f.Key, File.ReadAllText(f.Value))),
            kitFiles.Where(f => ReleaseSelection.IsSharedCode(f.Key)).Select(f => File.ReadAllText(f.Value))).Count;

    /// <summary>Writes, checks and (if asked) bundles; throws <see cref="KitException"/> when a check fails.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(ReleaseRequest request)
    {
        var summary = new List<string>();
        var clock = Stopwatch.StartNew();
        var kitFiles = KitFiles.Walk(kit.Root);
        var calibration = new CalibrationCache(kit, rubric.Benchmarks, progress);
        var (ratios, key, measured) = await calibration.GetAsync(request.Recalibrate).ConfigureAwait(false);
        summary.Add($"benchmark calibration: {(measured ? "measured now" : "cached")} ({kit.Relative(calibration.PathFor(key))})");

        var student = Select(kitFiles, ratios);
        var written = WriteTree(request.Out, student);
        summary.Add($"wrote {student.Files.Count} files to {request.Out} ({written} changed); withheld {student.Withheld.Count}: {DescribeWithheld(student.Withheld)}");

        progress.Report("searching the released files for reference code and hidden tests");
        var leaks = FindWithheldCode(kitFiles, student);
        if (leaks.Count > 0)
        {
            throw new KitException($"release check failed: the released kit holds reference code or hidden tests ({leaks.Count} line(s)); {request.Out} must not be handed out.", Listed(leaks));
        }

        summary.Add($"check: none of the reference's {ReferenceStatements(kitFiles)} distinctive statements and no hidden test in the released files");
        if (request.Check)
        {
            var checkRoot = Path.Combine(kit.WorkFolder, "release-check");
            TreeMirror.Mirror(KitFiles.Walk(request.Out), checkRoot);
            var build = Stopwatch.StartNew();
            await BuildAsync(checkRoot).ConfigureAwait(false);
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"check: the released kit builds with -warnaserror ({build.Elapsed.TotalSeconds:0.0} s)"));
            var grade = Stopwatch.StartNew();
            var exercises = await GradeStubsAsync(checkRoot).ConfigureAwait(false);
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"check: the stubs of {exercises} exercises grade to 0 without an error ({grade.Elapsed.TotalSeconds:0.0} s)"));
        }
        else
        {
            summary.Add("check: build and stub grading skipped (--no-check)");
        }

        if (request.GradescopeZip is { } zip)
        {
            GradescopeBundle.Write(zip, GradescopeBundle.Entries(kitFiles));
            summary.Add($"wrote the Gradescope autograder bundle {zip} ({new FileInfo(zip).Length / 1024} KiB; it holds the solutions: never give it to students)");
        }

        summary.Add(string.Create(CultureInfo.InvariantCulture, $"release took {clock.Elapsed.TotalSeconds:0.0} s"));
        return summary;
    }

    /// <summary>Makes <paramref name="root"/> hold exactly the student kit (build output and .grader/ excepted); returns how many files changed.</summary>
    public static int WriteTree(string root, StudentKit student)
    {
        Directory.CreateDirectory(root);
        var changed = 0;
        foreach (var (relative, bytes) in student.Files)
        {
            var target = Path.Combine(root, relative);
            if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);
                changed++;
            }

            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(target);
                var wanted = student.Executable.Contains(relative)
                    ? mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute
                    : mode & ~(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                if (wanted != mode)
                {
                    File.SetUnixFileMode(target, wanted);
                }
            }
        }

        foreach (var stale in KitFiles.Walk(root).Keys.Where(relative => !student.Files.ContainsKey(relative)))
        {
            File.Delete(Path.Combine(root, stale));
            changed++;
        }

        return changed;
    }

    private async Task BuildAsync(string checkRoot)
    {
        progress.Report("check: building the released kit (dotnet build DistSys.sln -warnaserror)");
        var (exitCode, lines) = await RunDotnetAsync(["build", SolutionPath, "-warnaserror", "-nologo", "-v:q", "-clp:NoSummary"], checkRoot, BuildLimit, "building the released kit").ConfigureAwait(false);
        if (exitCode != 0)
        {
            var errors = lines.Where(line => line.Text.Contains("error", StringComparison.OrdinalIgnoreCase)).Select(line => Relative(line.Text, checkRoot)).Distinct().ToList();
            throw new KitException($"release check failed: the released kit does not build with -warnaserror (exit code {exitCode}).", Listed(errors.Count > 0 ? errors : lines.TakeLast(10).Select(l => l.Text).ToList()));
        }
    }

    private async Task<int> GradeStubsAsync(string checkRoot)
    {
        progress.Report("check: grading the released kit's stubs with its own grader (--no-bench)");
        var (exitCode, lines) = await RunDotnetAsync(
            ["run", "--project", "grader", "--no-build", "--", "--root", checkRoot, "--no-bench", "--format", "json"], checkRoot, GradeLimit, "grading the released kit's stubs").ConfigureAwait(false);
        var json = string.Join('\n', lines.Where(line => !line.IsStandardError).Select(line => line.Text));
        JsonElement report;
        try
        {
            report = JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new KitException($"release check failed: the released kit's grader exited with code {exitCode} without a JSON report.",
                Listed(lines.Where(line => line.IsStandardError).TakeLast(10).Select(line => line.Text).ToList()));
        }

        var problems = new List<string>();
        var graded = 0;
        foreach (var exercise in report.GetProperty("exercises").EnumerateArray())
        {
            var slug = exercise.GetProperty("slug").GetString();
            var status = exercise.GetProperty("status").GetString();
            if (status == "unavailable")
            {
                continue;
            }

            graded++;
            var score = exercise.GetProperty("score").GetDecimal();
            if (status != "fail" || score != 0)
            {
                var message = exercise.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? ": " + m.GetString() : string.Empty;
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{slug}: status {status}, score {score} (a stub must fail with 0){message}"));
            }
        }

        if (exitCode != 0 || problems.Count > 0)
        {
            throw new KitException($"release check failed: the released kit's stubs must grade to 0 without an error (grader exit code {exitCode}).", Listed(problems));
        }

        return graded;
    }

    private static async Task<(int ExitCode, List<ProcessLine> Lines)> RunDotnetAsync(IReadOnlyList<string> arguments, string folder, TimeSpan limit, string what)
    {
        using var child = ChildProcess.StartDotnet(arguments, folder, new Dictionary<string, string?>());
        await child.WriteInputAndCloseAsync(string.Empty).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(limit);
        var lines = new List<ProcessLine>();
        try
        {
            await foreach (var line in child.Lines.ReadAllAsync(deadline.Token).ConfigureAwait(false))
            {
                lines.Add(line);
            }

            await child.Exited.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            child.KillTree();
            throw new KitException(string.Create(CultureInfo.InvariantCulture, $"release check failed: {what} took more than {limit.TotalMinutes:0} minutes."));
        }

        return (child.ExitCode, lines);
    }

    private static string Relative(string line, string root) => line.Replace(root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);

    private static List<string> Listed(IReadOnlyList<string> lines) =>
        lines.Count <= MaxListed ? [.. lines] : [.. lines.Take(MaxListed), $"... and {lines.Count - MaxListed} more"];

    private static string DescribeWithheld(IReadOnlyList<(string Path, string Reason)> withheld) =>
        string.Join("; ", withheld.GroupBy(w => w.Reason).Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Count()} × {group.Key}")));
}
