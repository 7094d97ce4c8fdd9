namespace DistSys.Grader.Trees;

/// <summary>
/// Which files of a kit or a submission the grader looks at, and who owns each: a <em>student source</em> is a .cs
/// file of an exercise outside its Given/ folder; every other file belongs to the kit and is taken from the trusted kit
/// only, whatever a submission holds at the same path.
/// </summary>
internal static class KitFiles
{
    /// <summary>Build output, tools' scratch space and version control: never copied, never compared.</summary>
    private static readonly HashSet<string> SkippedFolders = new(
        ["bin", "obj", ".git", ".grader", ".vs", ".idea", "TestResults", "BenchmarkDotNet.Artifacts", "artifacts", "node_modules"],
        StringComparer.Ordinal);

    /// <summary>True for <c>exercises/&lt;slug&gt;/…/*.cs</c> outside <c>exercises/&lt;slug&gt;/Given/</c>.</summary>
    public static bool IsStudentSource(string relativePath)
    {
        var parts = relativePath.Split('/');
        return parts.Length >= 3 && parts[0] == "exercises" && parts[2] != "Given"
            && relativePath.EndsWith(".cs", StringComparison.Ordinal);
    }

    /// <summary>The slug a student source belongs to.</summary>
    public static string SlugOf(string relativePath) => relativePath.Split('/')[1];

    /// <summary>True when the path lies in a folder the grader never copies (build output, .git, ...) or is a received snapshot.</summary>
    public static bool IsSkipped(string relativePath)
    {
        var parts = relativePath.Split('/');
        return parts[..^1].Any(SkippedFolders.Contains) || parts[^1].Contains(".received.", StringComparison.Ordinal);
    }

    /// <summary>
    /// Every regular file under <paramref name="root"/> that is not skipped, by relative path ('/'-separated, ordinal
    /// order). Symbolic links are never followed; they are reported in <paramref name="links"/> instead.
    /// </summary>
    public static SortedDictionary<string, string> Walk(string root, List<string>? links = null)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                if (entry.LinkTarget is not null)
                {
                    links?.Add(relative);
                }
                else if (entry is DirectoryInfo child)
                {
                    if (!SkippedFolders.Contains(child.Name))
                    {
                        pending.Push(child);
                    }
                }
                else if (!IsSkipped(relative))
                {
                    files[relative] = entry.FullName;
                }
            }
        }

        return files;
    }
}
