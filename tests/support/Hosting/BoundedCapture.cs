using System.Text;

namespace DistSys.Testing.Hosting;

/// <summary>
/// Stands in for Console.Out and Console.Error while the suite runs: keeps the first characters each test prints and
/// only counts the rest, so a test that floods the console cannot exhaust memory or drown the report.
/// Writes from any thread land in the capture of the test that is running at the time.
/// </summary>
internal sealed class BoundedCapture(int limit) : TextWriter
{
    private readonly Lock gate = new();
    private readonly StringBuilder kept = new();
    private long omitted;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Returns what was captured since the last call and starts a fresh capture.</summary>
    public string TakeText()
    {
        lock (gate)
        {
            var text = kept.ToString() + (omitted > 0 ? HostProtocol.TruncationMarker(omitted) : string.Empty);
            kept.Clear();
            omitted = 0;
            return text;
        }
    }

    public override void Write(char value)
    {
        lock (gate)
        {
            if (kept.Length < limit)
            {
                kept.Append(value);
            }
            else
            {
                omitted++;
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (gate)
        {
            var room = Math.Max(0, limit - kept.Length);
            var taken = Math.Min(room, buffer.Length);
            kept.Append(buffer[..taken]);
            omitted += buffer.Length - taken;
        }
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            Write(value.AsSpan());
            Write(CoreNewLine);
        }
    }

    // Student code may dispose or close Console.Out; the capture must outlive that.
    protected override void Dispose(bool disposing)
    {
    }
}
