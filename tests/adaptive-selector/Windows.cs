namespace DistSys.AdaptiveSelector.Tests;

/// <summary>Builds synthetic windows for the pure selector tests: 100 ms each, numbered from 1.</summary>
internal static class Windows
{
    public static readonly TimeSpan Length = TimeSpan.FromMilliseconds(100);

    public static WindowStats At(int number, double writesPerSecond = 100, double latencyMs = 1, int timedOut = 0, int unreachable = 0)
    {
        var writes = (int)Math.Round(writesPerSecond * Length.TotalSeconds);
        return new WindowStats(Length * number, Length, writes * 2, writes, TimeSpan.FromMilliseconds(latencyMs), timedOut, unreachable, 1.5);
    }

    /// <summary>Feeds windows numbered from <paramref name="first"/> and returns the protocol after each one.</summary>
    public static List<Protocol> Feed(ProtocolSelector selector, int first, IEnumerable<Func<int, WindowStats>> windows)
    {
        var modes = new List<Protocol>();
        var number = first;
        foreach (var window in windows)
        {
            selector.Observe(window(number++));
            modes.Add(selector.Current);
        }

        return modes;
    }

    public static IEnumerable<Func<int, WindowStats>> Repeat(int count, Func<int, WindowStats> window) => Enumerable.Repeat(window, count);
}
