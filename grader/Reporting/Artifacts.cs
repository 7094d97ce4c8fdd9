using DistSys.Grader.Grading;
using DistSys.Grader.Running;

namespace DistSys.Grader.Reporting;

/// <summary>
/// Pages a failed test left behind (the kit's failure timelines): the suite names each in the failure message as a
/// line <c>timeline: PATH</c>; the grader copies them into one folder and lists each failed test's copy in the JSON report.
/// </summary>
internal static class Artifacts
{
    public const string LinePrefix = "timeline: ";

    /// <summary>Pages larger than this are not copied (the kit keeps its own under 10 MB).</summary>
    private const long MaxBytes = 32L * 1024 * 1024;

    /// <summary>The path named by the last <c>timeline: PATH</c> line of a failure message, or null.</summary>
    public static string? NamedIn(string? message) =>
        message?.Split('\n').Select(line => line.TrimEnd('\r')).LastOrDefault(line => line.StartsWith(LinePrefix, StringComparison.Ordinal))?[LinePrefix.Length..].Trim() is { Length: > 0 } path
            ? path
            : null;

    /// <summary>
    /// The artifact of each failed test, keyed by (slug, test name): copied to <paramref name="folder"/>/&lt;slug&gt;/
    /// when a folder is given, otherwise where the suite wrote it. A failure message is student-influenced text, so
    /// only existing <c>.html</c> files inside the kit folder, of reasonable size, are taken.
    /// </summary>
    public static IReadOnlyDictionary<(string Slug, string Test), string> Collect(GradeReport report, string kitRoot, string? folder)
    {
        var collected = new Dictionary<(string, string), string>();
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(kitRoot)) + Path.DirectorySeparatorChar;
        foreach (ExerciseGrade exercise in report.Exercises)
        {
            foreach (TestResult test in exercise.Tests.Where(test => !test.Passed))
            {
                if (NamedIn(test.Message) is not { } named)
                {
                    continue;
                }

                string source;
                try
                {
                    source = Path.GetFullPath(named, kitRoot);
                }
                catch (Exception invalid) when (invalid is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    continue;
                }

                var info = new FileInfo(source);
                if (!source.StartsWith(root, StringComparison.Ordinal) || !string.Equals(info.Extension, ".html", StringComparison.OrdinalIgnoreCase)
                    || !info.Exists || info.Length > MaxBytes || info.LinkTarget is not null)
                {
                    continue;
                }

                if (folder is null)
                {
                    collected[(exercise.Slug, test.Name)] = source;
                    continue;
                }

                string target = Path.Combine(folder, exercise.Slug, info.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target, overwrite: true);
                collected[(exercise.Slug, test.Name)] = target;
            }
        }

        return collected;
    }
}
