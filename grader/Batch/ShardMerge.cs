using DistSys.Grader.Kit;

namespace DistSys.Grader.Batch;

/// <summary>
/// Joins the output folders of a class's shards into one batch folder: the reports side by side and one gradebook,
/// written exactly as an unsharded batch writes it. Refuses folders that are not one complete set of shards of one
/// class, so a missing or repeated shard cannot pass for a whole class.
/// </summary>
internal static class ShardMerge
{
    public static BatchManifest Merge(IReadOnlyList<string> shardFolders, BatchFolder merged)
    {
        if (shardFolders.Count == 0)
        {
            throw new UsageException("merge needs the output folders of the shards (grader batch --shard i/n --out DIR).");
        }

        var shards = shardFolders.Select(folder => (Folder: new BatchFolder(folder), Manifest: new BatchFolder(folder).ReadManifest()
            ?? throw new UsageException($"merge {folder}: no {BatchFolder.ManifestName}; not the output folder of grader batch."))).ToList();
        var first = shards[0].Manifest;
        var count = Shard.Parse(first.Shard).Count;
        foreach (var (folder, manifest) in shards)
        {
            if (!manifest.Class.SequenceEqual(first.Class) || Shard.Parse(manifest.Shard).Count != count)
            {
                throw new UsageException($"merge {folder.Root}: shard {manifest.Shard} of a class of {manifest.Class.Count} does not belong with shard {first.Shard} of a class of {first.Class.Count}.");
            }
        }

        var indexes = shards.Select(shard => Shard.Parse(shard.Manifest.Shard).Index).ToList();
        var repeated = indexes.GroupBy(index => index).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        var missing = Enumerable.Range(1, count).Except(indexes).ToList();
        if (repeated.Count > 0 || missing.Count > 0)
        {
            throw new UsageException(
                $"merge: expected shards 1..{count} once each; {(missing.Count > 0 ? "missing " + string.Join(", ", missing.Select(i => $"{i}/{count}")) : "repeated " + string.Join(", ", repeated.Select(i => $"{i}/{count}")))}.");
        }

        if (merged.ReadManifest() is not null || Directory.Exists(merged.Reports))
        {
            throw new UsageException($"merge --out {merged.Root}: already holds a batch; merge into an empty folder.");
        }

        foreach (var (folder, manifest) in shards)
        {
            foreach (var student in manifest.Students)
            {
                foreach (var (from, to) in new[] { (folder.ReportPath(student), merged.ReportPath(student)), (folder.FailurePath(student), merged.FailurePath(student)) })
                {
                    if (File.Exists(from))
                    {
                        Directory.CreateDirectory(merged.Reports);
                        File.Copy(from, to);
                    }
                }
            }
        }

        var whole = new BatchManifest(first.Kit, Shard.Whole.ToString(), first.Class, first.Class);
        merged.WriteManifest(whole);
        merged.WriteGradebook(whole.Students);
        return whole;
    }
}
