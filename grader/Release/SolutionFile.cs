using System.Text.RegularExpressions;

namespace DistSys.Grader.Release;

/// <summary>
/// Rewrites a Visual Studio solution file so that it names only projects that ship: a project whose file is not released
/// loses its Project block, its configuration lines and its nesting; a solution folder left with no children goes too.
/// Everything else stays byte for byte.
/// </summary>
internal static partial class SolutionFile
{
    private const string FolderType = "2150E333-8FDC-42A3-9474-1A3956D46DE8";

    /// <summary>The solution text without the projects whose paths <paramref name="ships"/> rejects.</summary>
    public static string Keep(string text, Func<string, bool> ships)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split(newline).ToList();
        var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var removed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            if (ProjectLine().Match(line) is { Success: true } project)
            {
                var guid = project.Groups["guid"].Value;
                if (string.Equals(project.Groups["type"].Value, FolderType, StringComparison.OrdinalIgnoreCase))
                {
                    folders.Add(guid);
                }
                else if (!ships(project.Groups["path"].Value.Replace('\\', '/')))
                {
                    removed.Add(guid);
                }
            }
        }

        // Nesting: child -> parent. A folder that had children and lost them all is removed, up the tree.
        var parents = lines.Select(line => NestingLine().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["child"].Value, m => m.Groups["parent"].Value, StringComparer.OrdinalIgnoreCase);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var folder in folders.Where(f => !removed.Contains(f)))
            {
                var children = parents.Where(p => string.Equals(p.Value, folder, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).ToList();
                if (children.Count > 0 && children.All(removed.Contains))
                {
                    removed.Add(folder);
                    changed = true;
                }
            }
        }

        var kept = new List<string>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (ProjectLine().Match(line) is { Success: true } project && removed.Contains(project.Groups["guid"].Value))
            {
                while (i < lines.Count && lines[i] != "EndProject")
                {
                    i++;
                }

                continue;
            }

            if (ConfigurationLine().Match(line) is { Success: true } configuration && removed.Contains(configuration.Groups["guid"].Value))
            {
                continue;
            }

            if (NestingLine().Match(line) is { Success: true } nesting && removed.Contains(nesting.Groups["child"].Value))
            {
                continue;
            }

            kept.Add(line);
        }

        return string.Join(newline, kept);
    }

    [GeneratedRegex("""^Project\("\{(?<type>[0-9A-Fa-f-]+)\}"\) = "[^"]*", "(?<path>[^"]*)", "\{(?<guid>[0-9A-Fa-f-]+)\}"$""")]
    private static partial Regex ProjectLine();

    [GeneratedRegex("""^\s*\{(?<guid>[0-9A-Fa-f-]+)\}\.""")]
    private static partial Regex ConfigurationLine();

    [GeneratedRegex("""^\s*\{(?<child>[0-9A-Fa-f-]+)\} = \{(?<parent>[0-9A-Fa-f-]+)\}\s*$""")]
    private static partial Regex NestingLine();
}
