using System.Security.Cryptography;
using System.Text;
using DistSys.Grader.Containment;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Trees;

/// <summary>A file of the submission that had no effect on the grade, and why.</summary>
internal sealed record IgnoredFile(string Path, string Reason);

/// <summary>The tree the student's code is built and run in.</summary>
/// <param name="Layout">The tree, laid out like a kit.</param>
/// <param name="Ignored">Submission files the grade did not use (changed tests, project files, rubric, Given/ …).</param>
/// <param name="Rejected">Exercises whose sources were refused (too large, binary), by slug, with the reason; they are graded as errors.</param>
internal sealed record StudentTree(KitLayout Layout, IReadOnlyList<IgnoredFile> Ignored, IReadOnlyDictionary<string, string> Rejected);

/// <summary>
/// Assembles the two folders the grader builds from. The <em>student tree</em> holds every file of the trusted kit
/// except solutions/, and, in place of each exercise's stub sources, the submission's .cs files of that exercise
/// (outside Given/). The <em>reference tree</em> holds the trusted kit alone; no submission file is ever copied into it.
/// Both are mirrored incrementally (see <see cref="TreeMirror"/>), so warm grading stays warm.
/// </summary>
/// <param name="studentWork">
/// Where this run's student tree goes (its own folder for each concurrent grading of a batch); null: the kit's
/// .grader/ folder. The reference tree is always the kit's own, shared by every run and guarded by <see cref="LockReference"/>.
/// </param>
internal sealed class GradingTrees(KitLayout kit, string submissionRoot, string? studentWork = null)
{
    /// <summary>Refused beyond these: a submission is source code, and the compiler must not be handed a denial of service.</summary>
    public const int MaxFileBytes = 512 * 1024;
    public const int MaxExerciseBytes = 2 * 1024 * 1024;
    public const int MaxExerciseFiles = 200;
    private const int MaxIgnoredListed = 200;

    private readonly string submission = Path.GetFullPath(submissionRoot);

    /// <summary>
    /// Where the trees live. As root (CI), student code runs as an unprivileged user that must read the tree but not
    /// write it, and a checkout may sit below a folder only root can enter; the trees then go to a root-owned folder in
    /// the system temp folder. Otherwise they sit in the kit's own .grader/ folder.
    /// </summary>
    public string WorkRoot => TreesFolder(kit.WorkFolder);

    private string StudentWorkRoot => TreesFolder(studentWork ?? kit.WorkFolder);

    private static string TreesFolder(string work)
    {
        if (!Sandbox.IsRoot)
        {
            return Path.Combine(work, "trees");
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(work))))[..12].ToLowerInvariant();
        var folder = Path.Combine(Path.GetTempPath(), "distsys-grader-" + hash);
        Sandbox.CreateRootOwnedFolder(folder);
        return folder;
    }

    /// <summary>
    /// Held while the reference tree is mirrored and built: runs of a batch share it, and two builds writing the same
    /// obj/ folders at once would corrupt each other. Released when disposed; a run that waits sees the tree up to date.
    /// </summary>
    public async Task<IDisposable> LockReference(IProgress<string> progress)
    {
        var root = WorkRoot;
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, "reference.lock");
        var waiting = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (!waiting)
                {
                    progress.Report("waiting for another grading run to finish building the reference");
                    waiting = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
            }
        }
    }

    public StudentTree PrepareStudent()
    {
        var kitFiles = KitFiles.Walk(kit.Root);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (relative, path) in kitFiles)
        {
            if (!relative.StartsWith("solutions/", StringComparison.Ordinal) && !KitFiles.IsStudentSource(relative))
            {
                files[relative] = path;
            }
        }

        var links = new List<string>();
        var submitted = SameFolder(kit.Root, submission) ? kitFiles : KitFiles.Walk(submission, links);
        var rejected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var slug in kit.DiscoverExercises().Select(exercise => exercise.Slug))
        {
            var sources = StudentSources(submitted, slug);
            if (!Directory.Exists(Path.Combine(submission, "exercises", slug)))
            {
                sources = StudentSources(kitFiles, slug);
            }
            else if (Refusal(sources) is { } reason)
            {
                rejected[slug] = reason;
                sources = StudentSources(kitFiles, slug);
            }

            foreach (var (relative, path) in sources)
            {
                files[relative] = path;
            }
        }

        var layout = KitLayout.At(Path.Combine(StudentWorkRoot, "student"));
        TreeMirror.Mirror(files, layout.Root);
        var ignored = SameFolder(kit.Root, submission) ? [] : Ignored(kitFiles, submitted, links);
        return new StudentTree(layout, ignored, rejected);
    }

    public KitLayout PrepareReference()
    {
        var layout = KitLayout.At(Path.Combine(WorkRoot, "reference"));
        TreeMirror.Mirror(KitFiles.Walk(kit.Root), layout.Root);
        if (Sandbox.IsRoot && OperatingSystem.IsLinux())
        {
            // The reference's sources and built DLLs must stay out of reach of student code, which as root runs as a
            // sandbox user and could otherwise read them (or load the reference DLL) from this predictable folder.
            // Only trusted code runs from this tree, as the grader's own user.
            File.SetUnixFileMode(layout.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return layout;
    }

    private static SortedDictionary<string, string> StudentSources(IReadOnlyDictionary<string, string> files, string slug)
    {
        var prefix = "exercises/" + slug + "/";
        return new SortedDictionary<string, string>(
            files.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal) && KitFiles.IsStudentSource(pair.Key))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    private static string? Refusal(IReadOnlyDictionary<string, string> sources)
    {
        if (sources.Count > MaxExerciseFiles)
        {
            return $"{sources.Count} source files; at most {MaxExerciseFiles} are graded";
        }

        long total = 0;
        foreach (var (relative, path) in sources)
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                return $"{relative} is {length / 1024} KiB; a source file may have at most {MaxFileBytes / 1024} KiB";
            }

            total += length;
            if (File.ReadAllBytes(path).Contains((byte)0))
            {
                return $"{relative} is not text (it contains NUL bytes)";
            }
        }

        return total > MaxExerciseBytes
            ? $"the sources have {total / 1024} KiB; an exercise may have at most {MaxExerciseBytes / 1024} KiB"
            : null;
    }

    private static IReadOnlyList<IgnoredFile> Ignored(
        IReadOnlyDictionary<string, string> kitFiles, IReadOnlyDictionary<string, string> submitted, IReadOnlyList<string> links)
    {
        var ignored = new List<IgnoredFile>();
        foreach (var link in links)
        {
            ignored.Add(new IgnoredFile(link, "a symbolic link: never followed"));
        }

        foreach (var (relative, path) in submitted)
        {
            if (KitFiles.IsStudentSource(relative))
            {
                continue;
            }

            if (!kitFiles.TryGetValue(relative, out var kitPath))
            {
                ignored.Add(new IgnoredFile(relative, "not in the kit: only exercise sources are taken from a submission"));
            }
            else if (new FileInfo(path).Length != new FileInfo(kitPath).Length || !File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(kitPath)))
            {
                ignored.Add(new IgnoredFile(relative, "differs from the kit: the kit's copy was used"));
            }
        }

        var ordered = ignored.OrderBy(file => file.Path, StringComparer.Ordinal).ToList();
        return ordered.Count <= MaxIgnoredListed
            ? ordered
            : [.. ordered.Take(MaxIgnoredListed), new IgnoredFile("…", $"{ordered.Count - MaxIgnoredListed} more ignored files not listed")];
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
