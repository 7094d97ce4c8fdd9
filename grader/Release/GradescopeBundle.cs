using System.IO.Compression;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Release;

/// <summary>
/// A Gradescope autograder bundle: <c>setup.sh</c> and <c>run_autograder</c> at the top (as Gradescope expects) and the
/// instructor's whole kit, solutions and hidden tests included, under <c>kit/</c>. It runs on the instructor's side
/// only; students never see it. Entries are sorted and carry a fixed time stamp, so the same kit gives the same bytes.
/// </summary>
internal static class GradescopeBundle
{
    public const string FileName = "gradescope-autograder.zip";

    /// <summary>The time stamp of every entry (zip stores local times from 1980 on; this one is fixed).</summary>
    private static readonly DateTimeOffset Stamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int RegularFile = 0x8000;
    private const int Executable = RegularFile | 0x1ED; // 0755
    private const int Ordinary = RegularFile | 0x1A4; // 0644

    /// <summary>The entries of the bundle: path → bytes and whether the entry is executable, in ordinal order.</summary>
    public static SortedDictionary<string, (byte[] Bytes, bool Executable)> Entries(IReadOnlyDictionary<string, string> kitFiles)
    {
        var entries = new SortedDictionary<string, (byte[], bool)>(StringComparer.Ordinal)
        {
            ["setup.sh"] = (Lf(AutograderScripts.Setup), true),
            ["run_autograder"] = (Lf(AutograderScripts.RunAutograder), true),
        };
        foreach (var (relative, path) in kitFiles)
        {
            entries["kit/" + relative] = (File.ReadAllBytes(path), IsExecutable(path));
        }

        return entries;
    }

    /// <summary>Writes the bundle to <paramref name="zipPath"/>, whole or not at all.</summary>
    public static void Write(string zipPath, SortedDictionary<string, (byte[] Bytes, bool Executable)> entries)
    {
        AtomicFile.Write(zipPath, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
            foreach (var (name, (bytes, executable)) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = Stamp;
                entry.ExternalAttributes = (executable ? Executable : Ordinary) << 16;
                using var content = entry.Open();
                content.Write(bytes);
            }
        });
    }

    private static byte[] Lf(string script) => System.Text.Encoding.UTF8.GetBytes(script.ReplaceLineEndings("\n"));

    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
}
