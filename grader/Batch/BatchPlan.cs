using System.Globalization;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Batch;

/// <summary>One submission of a class: its student id (the entry's name without .zip/.git) and its path.</summary>
internal sealed record BatchSubmission(string Student, string Path);

/// <summary>Which part of a class one machine grades: shard <see cref="Index"/> (1-based) of <see cref="Count"/>.</summary>
internal sealed record Shard(int Index, int Count)
{
    public static readonly Shard Whole = new(1, 1);

    /// <summary>Parses <c>i/n</c> with 1 ≤ i ≤ n.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= 1000 && index >= 1 && index <= count
                ? new Shard(index, count)
                : throw new UsageException($"--shard {text}: expected i/n with 1 <= i <= n <= 1000, e.g. 2/4.");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}

/// <summary>
/// The submissions of a class folder and the share of them a shard grades. Every entry of the folder is one
/// submission: a folder, a .zip or a bare repository (*.git); entries whose names start with '.' are skipped. Shards
/// deal the submissions, sorted by student id (ordinal), round-robin: deterministic for a given folder, and balanced
/// to within one submission, so n shards together grade each submission exactly once.
/// </summary>
internal static class BatchPlan
{
    public static IReadOnlyList<BatchSubmission> Submissions(string classFolder)
    {
        if (!Directory.Exists(classFolder))
        {
            throw new UsageException($"batch {classFolder}: no such folder.");
        }

        var submissions = new List<BatchSubmission>();
        foreach (var entry in new DirectoryInfo(classFolder).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.'))
            {
                continue;
            }

            var student = entry is FileInfo && entry.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? entry.Name[..^4]
                : entry is DirectoryInfo && entry.Name.EndsWith(".git", StringComparison.OrdinalIgnoreCase) && entry.Name.Length > 4
                    ? entry.Name[..^4]
                    : entry.Name;
            submissions.Add(new BatchSubmission(student, entry.FullName));
        }

        var duplicates = submissions.GroupBy(s => s.Student, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new UsageException($"batch {classFolder}: two entries name the same student ({string.Join(", ", duplicates)}), e.g. a folder and a .zip.");
        }

        return [.. submissions.OrderBy(s => s.Student, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<BatchSubmission> Select(IReadOnlyList<BatchSubmission> submissions, Shard shard) =>
        [.. submissions.Where((_, position) => position % shard.Count == shard.Index - 1)];
}
