using System.Security.Cryptography;
using DistSys.Grader.Kit;
using DistSys.Grader.Trees;

namespace DistSys.Grader.Grading;

/// <summary>One snapshot file that accepting changed.</summary>
internal sealed record SnapshotChange(string Kind, string Path);

/// <summary>
/// `accept`: runs the suites against the reference solutions with DISTSYS_ACCEPT=1, which makes the snapshot helper
/// rewrite each .verified.txt from the reference output, and lists the files that changed.
/// </summary>
internal sealed class SnapshotAcceptance(KitLayout kit, GradingSession session)
{
    public const string AcceptVariable = "DISTSYS_ACCEPT";

    public async Task<(GradeReport Report, IReadOnlyList<SnapshotChange> Changes)> AcceptAsync(IReadOnlyList<string> slugs, TimeSpan? testTimeout)
    {
        // The suites run in the reference tree, so that is where the snapshots are rewritten; changed ones are copied back.
        var tree = new GradingTrees(kit, kit.Root).PrepareReference();
        var before = Snapshots(kit);
        var report = await session.GradeAsync(new GradingRequest(
            BuildTarget.Solutions, slugs, testTimeout, new Dictionary<string, string?> { [AcceptVariable] = "1" })).ConfigureAwait(false);
        var after = Snapshots(tree);
        foreach (var (path, hash) in after.Where(pair => before.GetValueOrDefault(pair.Key) != pair.Value))
        {
            var target = Path.Combine(kit.Root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(tree.Root, path), target, overwrite: true);
        }

        var changes = after.Where(pair => !before.ContainsKey(pair.Key)).Select(pair => new SnapshotChange("created", pair.Key))
            .Concat(after.Where(pair => before.TryGetValue(pair.Key, out var old) && old != pair.Value).Select(pair => new SnapshotChange("updated", pair.Key)))
            .Concat(before.Keys.Where(path => !after.ContainsKey(path)).Select(path => new SnapshotChange("deleted", path)))
            .OrderBy(change => change.Path, StringComparer.Ordinal)
            .ToList();
        return (report, changes);
    }

    private static Dictionary<string, string> Snapshots(KitLayout kit)
    {
        var tests = Path.Combine(kit.Root, "tests");
        if (!Directory.Exists(tests))
        {
            return [];
        }

        return Directory.EnumerateFiles(tests, "*.verified.txt", SearchOption.AllDirectories)
            .Where(path => !path.Replace('\\', '/').Contains("/bin/", StringComparison.Ordinal))
            .ToDictionary(kit.Relative, path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))), StringComparer.Ordinal);
    }
}
