using System.Globalization;
using System.Text;

namespace DistSys.Grader.Kit;

/// <summary>
/// Writes a file whole or not at all (a temporary file renamed into place), so a reader, a resumed batch or a process
/// killed mid-write never sees half a report.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, string text) => Write(path, new UTF8Encoding(false).GetBytes(text));

    public static void Write(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Writes what <paramref name="write"/> puts into the stream (a zip archive, for example).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using (var stream = File.Create(temporary))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
