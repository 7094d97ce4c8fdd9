namespace DistSys.VectorClocks.Tests;

/// <summary>Builds clocks from short literals and prints them, independently of the clock's own ToString.</summary>
internal static class Clocks
{
    /// <summary>"a:1 b:2" → {a:1, b:2}; an empty string is the empty clock.</summary>
    public static VectorClock Of(string text) => new(Parse(text));

    public static Dictionary<string, long> Parse(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split(':'))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    public static string Show(VectorClock clock) => Show(clock.Entries);

    public static string Show(IReadOnlyDictionary<string, long> entries) =>
        "{" + string.Join(", ", entries.Where(e => e.Value != 0).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}:{e.Value}")) + "}";
}
