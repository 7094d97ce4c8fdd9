using System.Text;

namespace DistSys.Grader.Running;

/// <summary>
/// Reads lines from a stream a child process writes, holding at most <see cref="MaxLineLength"/> characters of any line:
/// the rest of an overlong line is counted and dropped, so a process that writes gigabytes without a newline costs the
/// grader a fixed amount of memory.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxLineLength)
{
    private readonly char[] buffer = new char[16 * 1024];
    private readonly StringBuilder line = new();
    private int start;
    private int end;
    private long dropped;

    public int MaxLineLength { get; } = maxLineLength;

    /// <summary>The next line (cut to the limit, with a marker saying how much was dropped), or null at the end of the stream.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellation = default)
    {
        while (true)
        {
            if (start == end)
            {
                start = 0;
                end = await reader.ReadAsync(buffer.AsMemory(), cancellation).ConfigureAwait(false);
                if (end == 0)
                {
                    return line.Length > 0 || dropped > 0 ? Take() : null;
                }
            }

            var newline = Array.IndexOf(buffer, '\n', start, end - start);
            var stop = newline < 0 ? end : newline;
            var room = Math.Max(0, MaxLineLength - line.Length);
            var taken = Math.Min(room, stop - start);
            line.Append(buffer, start, taken);
            dropped += stop - start - taken;
            start = newline < 0 ? end : newline + 1;
            if (newline >= 0)
            {
                return Take();
            }
        }
    }

    private string Take()
    {
        if (line.Length > 0 && line[^1] == '\r')
        {
            line.Length--;
        }

        var text = dropped > 0 ? line + HostProtocol.TruncationMarker(dropped) : line.ToString();
        line.Clear();
        dropped = 0;
        return text;
    }
}
