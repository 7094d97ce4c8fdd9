using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DistSys.Runtime;

/// <summary>
/// Everything that happened in a simulation, in order: the evidence for a failure and, through <see cref="Hash"/>,
/// the fingerprint that proves a run is deterministic. Empty when <see cref="SimulationOptions.RecordTrace"/> is off.
/// </summary>
/// <remarks>
/// Events are stored compactly and described lazily: a message's description is its <c>ToString()</c> at the time the
/// trace is read, formatted with the invariant culture. Keep messages immutable so that this matches what was sent.
/// </remarks>
public sealed class SimulationTrace : IReadOnlyList<TraceEvent>
{
    /// <summary>Records live in fixed chunks small enough to stay off the large-object heap: a long run never copies them and never triggers full collections.</summary>
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;

    private readonly List<TraceRecord[]> _chunks = [];
    private readonly List<NodeHost> _hosts;
    private int _count;
    private Action<TraceEvent>[] _observers = [];

    internal SimulationTrace(List<NodeHost> hosts, bool isRecording)
    {
        _hosts = hosts;
        IsRecording = isRecording;
    }

    /// <summary>Whether events are being recorded (<see cref="SimulationOptions.RecordTrace"/>).</summary>
    public bool IsRecording { get; }

    /// <summary>The number of recorded events.</summary>
    public int Count => _count;

    /// <summary>The event at <paramref name="index"/> (0 is the first).</summary>
    /// <param name="index">The position in the trace.</param>
    public TraceEvent this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            using var invariant = new InvariantCultureScope();
            return Describe(Record(index));
        }
    }

    /// <summary>Enumerates the recorded events in order.</summary>
    /// <returns>An enumerator over the events.</returns>
    public IEnumerator<TraceEvent> GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The whole trace, one line per event (see <see cref="TraceEvent.ToString"/>), each ending in <c>\n</c>.</summary>
    /// <returns>The formatted trace; empty when nothing was recorded.</returns>
    public string Format() => FormatRange(0, _count);

    /// <summary>The SHA-256 of <see cref="Format"/> (UTF-8), as lowercase hex: equal hashes mean byte-identical traces.</summary>
    /// <returns>64 hex digits.</returns>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Format())));

    /// <summary>The last <paramref name="count"/> events, formatted like <see cref="Format"/>.</summary>
    /// <param name="count">How many events at most (zero or more).</param>
    /// <returns>The formatted lines.</returns>
    public string Tail(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int start = Math.Max(0, _count - count);
        return FormatRange(start, _count - start);
    }

    /// <summary>
    /// Calls <paramref name="observer"/> with every event recorded from now on, as it is recorded (inside the
    /// simulation's event, before node code reacts to a delivery): a live view for tools that follow a running
    /// simulation. Events already in the trace are not replayed; read them from the trace first.
    /// </summary>
    /// <param name="observer">Called once per event, in trace order. An exception it throws fails the simulation like node code would.</param>
    /// <returns>Dispose it to stop observing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The trace is not recorded (<see cref="SimulationOptions.RecordTrace"/> is off).</exception>
    public IDisposable Subscribe(Action<TraceEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (!IsRecording)
        {
            throw new InvalidOperationException("This simulation does not record its trace (SimulationOptions.RecordTrace is off), so there is nothing to observe.");
        }

        _observers = [.. _observers, observer];
        return new Subscription(this, observer);
    }

    internal void Add(in TraceRecord record)
    {
        int slot = _count & (ChunkSize - 1);
        if (slot == 0)
        {
            _chunks.Add(new TraceRecord[ChunkSize]);
        }

        _chunks[^1][slot] = record;
        _count++;
        if (_observers.Length > 0)
        {
            Notify(record);
        }
    }

    private void Notify(in TraceRecord record)
    {
        TraceEvent described;
        using (new InvariantCultureScope())
        {
            described = Describe(record);
        }

        // A snapshot of the array: an observer may unsubscribe (or subscribe another) while being notified.
        foreach (Action<TraceEvent> observer in _observers)
        {
            observer(described);
        }
    }

    private sealed class Subscription(SimulationTrace trace, Action<TraceEvent> observer) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                int index = Array.IndexOf(trace._observers, observer);
                if (index >= 0)
                {
                    trace._observers = [.. trace._observers[..index], .. trace._observers[(index + 1)..]];
                }
            }
        }
    }

    private ref readonly TraceRecord Record(int index) => ref _chunks[index >> ChunkShift][index & (ChunkSize - 1)];

    private string FormatRange(int start, int count)
    {
        using var invariant = new InvariantCultureScope();
        var text = new StringBuilder(count * 64);
        for (int i = start; i < start + count; i++)
        {
            text.Append(Describe(Record(i)).ToString()).Append('\n');
        }

        return text.ToString();
    }

    private TraceEvent Describe(in TraceRecord record)
    {
        NodeId? from = record.From >= 0 ? _hosts[record.From].Id : null;
        NodeId? to = record.To >= 0 ? _hosts[record.To].Id : null;
        string description = record.Kind switch
        {
            TraceEventKind.Drop => $"{Text(record.Subject)}  [{DropReasons.Describe((DropReason)record.Number)}]",
            TraceEventKind.Timer => record.Subject is null ? $"timer {record.Number}" : $"timer {record.Number} {record.Subject}",
            _ => Text(record.Subject),
        };
        return new TraceEvent(new TimeSpan(record.Ticks), record.Kind, from, to, description, record.SizeBytes);
    }

    /// <summary>A message's description on one line, so that each trace event is one line.</summary>
    private static string Text(object? subject)
    {
        string text = subject?.ToString() ?? "null";
        return text.Contains('\n') || text.Contains('\r')
            ? text.Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)
            : text;
    }

    /// <summary>Messages' ToString() (records print numbers) must not depend on the machine's culture.</summary>
    private readonly struct InvariantCultureScope : IDisposable
    {
        private readonly CultureInfo _previous;

        public InvariantCultureScope()
        {
            _previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        }

        public void Dispose() => CultureInfo.CurrentCulture = _previous;
    }
}

/// <summary>
/// A trace event as stored (40 bytes): no strings are built while the simulation runs. From/To are node indexes
/// (-1 for none); Subject is the message, timer label, log text or fixed description; Number is a timer id or a
/// <see cref="DropReason"/>.
/// </summary>
internal readonly record struct TraceRecord(long Ticks, object? Subject, long Number, int From, int To, int SizeBytes, TraceEventKind Kind);

/// <summary>Why a message was dropped.</summary>
internal enum DropReason
{
    Lost,
    LinkCut,
    ReceiverDown,
}

internal static class DropReasons
{
    public static string Describe(DropReason reason) => reason switch
    {
        DropReason.Lost => "lost",
        DropReason.LinkCut => "link cut",
        DropReason.ReceiverDown => "receiver down",
        _ => reason.ToString(),
    };
}
