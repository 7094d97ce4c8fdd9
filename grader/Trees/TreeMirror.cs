namespace DistSys.Grader.Trees;

/// <summary>
/// Makes a folder hold exactly a given set of files, rewriting only those whose bytes differ, so that an incremental
/// build of the folder stays incremental. Build output (bin/, obj/) and the folder's own .grader/ are left alone.
/// </summary>
internal static class TreeMirror
{
    /// <summary>Copies <paramref name="files"/> (relative path → source path) into <paramref name="destination"/> and
    /// deletes every other non-output file there. Returns the number of files written or deleted.</summary>
    public static int Mirror(IReadOnlyDictionary<string, string> files, string destination)
    {
        Directory.CreateDirectory(destination);
        var changed = 0;
        foreach (var (relative, source) in files)
        {
            var target = Path.Combine(destination, relative);
            var bytes = File.ReadAllBytes(source);
            if (File.Exists(target) && SameBytes(target, bytes))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.SetAttributes(target, FileAttributes.Normal);
            }

            File.WriteAllBytes(target, bytes);
            changed++;
        }

        foreach (var stale in KitFiles.Walk(destination).Keys.Where(relative => !files.ContainsKey(relative)))
        {
            File.Delete(Path.Combine(destination, stale));
            changed++;
        }

        return changed;
    }

    private static bool SameBytes(string path, byte[] bytes)
    {
        var info = new FileInfo(path);
        return info.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
    }
}
