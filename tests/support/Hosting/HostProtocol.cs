using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistSys.Testing.Hosting;

// The wire format between the grader and a suite process. This file is compiled into both the suite host
// (tests/support) and the grader (linked from grader/Grader.csproj), so the two sides cannot drift apart.
//
// The grader starts `dotnet exec <suite>.dll --distsys-host`, writes one JSON line (a HostRequest) to the suite's
// stdin and closes it. The request names a Unix socket the grader listens on; the host connects to it before any test
// runs, and the grader accepts that one connection only, so nothing written to the console or the standard streams
// can reach the grader as an event. The request also carries a random token that exists nowhere else (not in argv,
// not in the environment), and every event is one line `##distsys <token> <json>` on the socket, flushed per line;
// a test counts as passed only when its `finished` event says so. The grader also knows the expected test list from
// the kit's own build, so a suite process cannot add or drop tests.
//
// `--distsys-list` (used by the grader on the kit's trusted reference build only) prints the test names instead, as
// one line `##distsys-list <json array>` on stdout, and runs nothing.

/// <summary>What the grader asks one suite process to do.</summary>
/// <param name="Token">Authenticates every event line.</param>
/// <param name="Skip">Tests that already have a verdict (the process is a restart after a hang or crash).</param>
internal sealed record HostRequest(string Token, IReadOnlyList<string> Skip)
{
    /// <summary>Path of the grader's Unix socket; without it (a run by hand) events go to stdout.</summary>
    public string? Channel { get; init; }
}

/// <summary>One protocol event, written by the suite host and read by the grader.</summary>
internal sealed record HostEvent(
    string Event,
    string? Test = null,
    IReadOnlyList<string>? Tests = null,
    string? Status = null,
    string? Message = null,
    long? DurationMs = null,
    string? Output = null)
{
    /// <summary>On <c>finished</c>: the totals of every simulation the test ran; null when it ran none.</summary>
    public HostSimulationTotals? Simulation { get; init; }
}

/// <summary>
/// What the simulations of one test sent, added up (DistSys.Runtime's SimulationTotals on the wire). Reported by the
/// process that runs student code, so it informs an instructor's comparison and never enters a grade.
/// </summary>
internal sealed record HostSimulationTotals(int Simulations, long MessagesSent, long MessagesDelivered, long MessagesDropped, long BytesSent, long Operations);

internal static class HostProtocol
{
    /// <summary>The argument that makes a suite executable act as the grader's host.</summary>
    public const string HostArgument = "--distsys-host";

    /// <summary>The argument that makes a suite executable print its test names and exit.</summary>
    public const string ListArgument = "--distsys-list";

    /// <summary>Starts the line that <see cref="ListArgument"/> prints.</summary>
    public const string ListPrefix = "##distsys-list ";

    /// <summary>Environment variable naming the build target (exercises or solutions) the suite was built for.</summary>
    public const string TargetVariable = "DISTSYS_TARGET";

    public const string Listed = "listed";
    public const string Started = "started";
    public const string Finished = "finished";
    public const string Completed = "completed";

    /// <summary>An unhandled exception is about to end the process; <c>message</c> holds it with its stack, <c>test</c> the test whose code threw it (when known).</summary>
    public const string Crashed = "crashed";

    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    /// <summary>Characters of captured console output kept per test.</summary>
    public const int OutputLimit = 500;

    /// <summary>Characters of a failure message kept per test.</summary>
    public const int MessageLimit = 2000;

    private const string LinePrefix = "##distsys ";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public static string FormatRequest(HostRequest request) => JsonSerializer.Serialize(request, Json);

    /// <summary>The line <see cref="ListArgument"/> prints.</summary>
    public static string FormatList(IReadOnlyList<string> tests) => ListPrefix + JsonSerializer.Serialize(tests, Json);

    /// <summary>Reads the line <see cref="ListArgument"/> printed; null when <paramref name="line"/> is not one.</summary>
    public static IReadOnlyList<string>? ParseList(string line)
    {
        if (!line.StartsWith(ListPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(line.AsSpan(ListPrefix.Length), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads the grader's request line; null when it is missing or malformed.</summary>
    public static HostRequest? ParseRequest(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            var request = JsonSerializer.Deserialize<HostRequest>(line, Json);
            return request is { Token.Length: > 0 } ? request with { Skip = request.Skip ?? [] } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One protocol line (without the newline).</summary>
    public static string FormatEvent(string token, HostEvent hostEvent) =>
        LinePrefix + token + " " + JsonSerializer.Serialize(hostEvent, Json);

    /// <summary>
    /// Parses a line read from a suite's stdout. Returns null for anything that is not a well-formed protocol line
    /// carrying this run's token: such lines are student output, never results.
    /// </summary>
    public static HostEvent? ParseEvent(string token, string line)
    {
        var prefix = LinePrefix + token + " ";
        if (token.Length == 0 || !line.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var hostEvent = JsonSerializer.Deserialize<HostEvent>(line.AsSpan(prefix.Length), Json);
            return hostEvent is { Event.Length: > 0 } ? hostEvent : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Keeps the first <paramref name="limit"/> characters and says how many were dropped.</summary>
    public static string Truncate(string text, int limit) =>
        text.Length <= limit ? text : text[..limit] + TruncationMarker(text.Length - limit);

    /// <summary>The visible marker that replaces output beyond a limit.</summary>
    public static string TruncationMarker(long omittedChars) =>
        FormattableString.Invariant($"…[output truncated: {omittedChars} more chars]");
}
