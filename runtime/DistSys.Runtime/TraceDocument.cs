using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DistSys.Runtime;

/// <summary>
/// A simulation's trace as a self-describing document that can be saved, read back and analysed away from the run:
/// the seed, the nodes and every <see cref="TraceEvent"/>. Its JSON form (<see cref="ToJson"/>) is versioned and
/// round-trips exactly: <c>Parse(doc.ToJson())</c> has the same seed, nodes and events.
/// </summary>
/// <remarks>
/// Format version 1, one event per line:
/// <code>
/// {
///   "format": "distsys-trace",
///   "version": 1,
///   "seed": 42,
///   "nodes": ["n1", "n2"],
///   "events": [
///     {"t": 0, "kind": "send", "from": "n1", "to": "n2", "text": "Ping { Round = 1 }", "bytes": 64},
///     {"t": 10000, "kind": "deliver", "from": "n1", "to": "n2", "text": "Ping { Round = 1 }", "bytes": 64}
///   ]
/// }
/// </code>
/// <c>t</c> is virtual time in ticks (100 ns, exact); <c>kind</c> is the lowercase <see cref="TraceEventKind"/>
/// (<c>send, deliver, drop, duplicate, timer, crash, restart, partition, heal, log, external</c>); <c>from</c>,
/// <c>to</c> and <c>bytes</c> are left out when absent (null, null, 0). Readers reject any other version.
/// </remarks>
public sealed class TraceDocument
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "distsys-trace";

    /// <summary>The format version this runtime writes and the only one it reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly JavaScriptEncoder s_encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Creates a document from its parts.</summary>
    /// <param name="seed">The seed of the run.</param>
    /// <param name="nodes">Every node of the run, in <see cref="NodeId"/> order.</param>
    /// <param name="events">The events, in the order they happened.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> or <paramref name="events"/> is null.</exception>
    public TraceDocument(int seed, IEnumerable<NodeId> nodes, IEnumerable<TraceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(events);
        Seed = seed;
        Nodes = [.. nodes];
        Events = [.. events];
    }

    /// <summary>The seed of the run.</summary>
    public int Seed { get; }

    /// <summary>Every node of the run, in the order given (a simulation's is <see cref="NodeId"/> order).</summary>
    public IReadOnlyList<NodeId> Nodes { get; }

    /// <summary>The events, in the order they happened.</summary>
    public IReadOnlyList<TraceEvent> Events { get; }

    /// <summary>The trace of <paramref name="simulation"/> so far, with its seed and nodes.</summary>
    /// <param name="simulation">A simulation whose trace is recorded.</param>
    /// <returns>A snapshot: later events of the simulation are not added to it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> is null.</exception>
    public static TraceDocument From(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return new TraceDocument(simulation.Seed, simulation.Nodes, simulation.Trace);
    }

    /// <summary>The document as JSON (format version <see cref="CurrentVersion"/>, UTF-8 text, <c>\n</c> line ends).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        // Written line by line rather than indented by a serializer: one event per line keeps big traces diffable.
        var text = new StringBuilder(256 + Events.Count * 96);
        text.Append("{\n  \"format\": ").Append(Quote(FormatName))
            .Append(",\n  \"version\": ").Append(CurrentVersion.ToString(CultureInfo.InvariantCulture))
            .Append(",\n  \"seed\": ").Append(Seed.ToString(CultureInfo.InvariantCulture))
            .Append(",\n  \"nodes\": [").AppendJoin(", ", Nodes.Select(node => Quote(node.Name)))
            .Append("],\n  \"events\": [");
        for (int i = 0; i < Events.Count; i++)
        {
            text.Append(i == 0 ? "\n    " : ",\n    ");
            AppendEvent(text, Events[i]);
        }

        text.Append(Events.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
        return text.ToString();
    }

    /// <summary>Writes <see cref="ToJson"/> to a file (UTF-8, no byte-order mark), creating its folder if needed.</summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Reads a trace file written by <see cref="Save"/> (or any producer of the documented format).</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="TraceFormatException">The file is missing, unreadable, empty, of another format or version, or malformed; the message names the file and the problem.</exception>
    public static TraceDocument Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TraceFormatException($"{path}: no such trace file.", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new TraceFormatException($"{path}: cannot read the trace file ({error.Message}).", error);
        }

        return Parse(text, path);
    }

    /// <summary>Reads a document from its JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="TraceFormatException">The text is empty, of another format or version, or malformed; the message names the problem (and the event's position).</exception>
    public static TraceDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(json, "trace");
    }

    private static TraceDocument Parse(string json, string source)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new TraceFormatException($"{source}: the trace is empty; expected a JSON object with \"format\": \"{FormatName}\".");
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new TraceFormatException(
                $"{source}: not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}): {FirstSentence(error.Message)}", error);
        }

        using (parsed)
        {
            return Read(parsed.RootElement, source);
        }
    }

    private static TraceDocument Read(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new TraceFormatException($"{source}: expected a JSON object with \"format\": \"{FormatName}\", found {Describe(root.ValueKind)}.");
        }

        string? format = root.TryGetProperty("format", out JsonElement f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        if (format != FormatName)
        {
            throw new TraceFormatException($"{source}: not a DistSys trace (\"format\" must be \"{FormatName}\", found {(format is null ? "none" : $"\"{format}\"")}).");
        }

        if (!root.TryGetProperty("version", out JsonElement v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int version))
        {
            throw new TraceFormatException($"{source}: the trace has no whole-number \"version\"; this runtime reads version {CurrentVersion}.");
        }

        if (version != CurrentVersion)
        {
            throw new TraceFormatException($"{source}: trace format version {version} is not supported; this runtime reads version {CurrentVersion} only.");
        }

        int seed = root.TryGetProperty("seed", out JsonElement s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out int value)
            ? value
            : throw new TraceFormatException($"{source}: \"seed\" must be a whole number.");

        if (!root.TryGetProperty("nodes", out JsonElement nodesElement) || nodesElement.ValueKind != JsonValueKind.Array)
        {
            throw new TraceFormatException($"{source}: \"nodes\" must be an array of node names.");
        }

        var nodes = new List<NodeId>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement node in nodesElement.EnumerateArray())
        {
            string name = node.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(node.GetString())
                ? node.GetString()!
                : throw new TraceFormatException($"{source}: \"nodes\" entry {nodes.Count + 1} must be a non-blank string.");
            if (!known.Add(name))
            {
                throw new TraceFormatException($"{source}: node \"{name}\" is listed twice in \"nodes\".");
            }

            nodes.Add(new NodeId(name));
        }

        if (!root.TryGetProperty("events", out JsonElement eventsElement) || eventsElement.ValueKind != JsonValueKind.Array)
        {
            throw new TraceFormatException($"{source}: \"events\" must be an array of events.");
        }

        var events = new List<TraceEvent>(eventsElement.GetArrayLength());
        foreach (JsonElement element in eventsElement.EnumerateArray())
        {
            events.Add(ReadEvent(element, events.Count + 1, known, source));
        }

        return new TraceDocument(seed, nodes, events);
    }

    private static TraceEvent ReadEvent(JsonElement element, int position, HashSet<string> nodes, string source)
    {
        string where = $"{source}: event {position}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new TraceFormatException($"{where} must be an object, found {Describe(element.ValueKind)}.");
        }

        long ticks = element.TryGetProperty("t", out JsonElement t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out long time) && time >= 0
            ? time
            : throw new TraceFormatException($"{where}: \"t\" must be a whole number of ticks, zero or more.");
        string kindName = element.TryGetProperty("kind", out JsonElement k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "";
        TraceEventKind kind = KindFromName(kindName)
            ?? throw new TraceFormatException(
                $"{where}: unknown kind \"{kindName}\" (expected one of {string.Join(", ", Enum.GetValues<TraceEventKind>().Select(TraceEvent.KindName))}).");
        NodeId? from = OptionalNode(element, "from", nodes, where);
        NodeId? to = OptionalNode(element, "to", nodes, where);
        string text = element.TryGetProperty("text", out JsonElement d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()!
            : throw new TraceFormatException($"{where}: \"text\" must be a string.");
        int bytes = 0;
        if (element.TryGetProperty("bytes", out JsonElement b) && !(b.ValueKind == JsonValueKind.Number && b.TryGetInt32(out bytes) && bytes >= 0))
        {
            throw new TraceFormatException($"{where}: \"bytes\" must be a whole number, zero or more.");
        }

        return new TraceEvent(new TimeSpan(ticks), kind, from, to, text, bytes);
    }

    private static NodeId? OptionalNode(JsonElement element, string property, HashSet<string> nodes, string where)
    {
        if (!element.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string? name = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (name is null || !nodes.Contains(name))
        {
            throw new TraceFormatException($"{where}: \"{property}\" names {(name is null ? "no node" : $"\"{name}\"")}, which is not in \"nodes\".");
        }

        return new NodeId(name);
    }

    private static TraceEventKind? KindFromName(string name)
    {
        foreach (TraceEventKind kind in Enum.GetValues<TraceEventKind>())
        {
            if (TraceEvent.KindName(kind) == name)
            {
                return kind;
            }
        }

        return null;
    }

    private static void AppendEvent(StringBuilder text, in TraceEvent e)
    {
        text.Append("{\"t\": ").Append(e.Time.Ticks.ToString(CultureInfo.InvariantCulture))
            .Append(", \"kind\": \"").Append(TraceEvent.KindName(e.Kind)).Append('"');
        if (e.From is { } from)
        {
            text.Append(", \"from\": ").Append(Quote(from.Name));
        }

        if (e.To is { } to)
        {
            text.Append(", \"to\": ").Append(Quote(to.Name));
        }

        text.Append(", \"text\": ").Append(Quote(e.Description));
        if (e.SizeBytes != 0)
        {
            text.Append(", \"bytes\": ").Append(e.SizeBytes.ToString(CultureInfo.InvariantCulture));
        }

        text.Append('}');
    }

    private static string Quote(string value) => string.Concat("\"", JsonEncodedText.Encode(value ?? "", s_encoder).Value, "\"");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}

/// <summary>A trace file or text could not be read: the message says which file and what is wrong, in one line.</summary>
public sealed class TraceFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public TraceFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The underlying error.</param>
    public TraceFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
