using System.Globalization;

namespace DistSys.Testing;

/// <summary>
/// The seeds that randomized tests run with. They are fixed, so the same code always gets the same grade;
/// setting <c>DISTSYS_SEED</c> runs just that one seed, which is how a failure is replayed.
/// </summary>
public static class Seeds
{
    /// <summary>Environment variable that replaces the fixed seeds with a single one.</summary>
    public const string Variable = "DISTSYS_SEED";

    /// <summary>Environment variable that raises the seed count of <see cref="Soak"/> loops, for a long soak run
    /// (for example <c>DISTSYS_SOAK=10000</c>).</summary>
    public const string SoakVariable = "DISTSYS_SOAK";

    /// <summary>Five seeds: for scenarios that are slow to simulate.</summary>
    public static IEnumerable<int> Few => Range(5);

    /// <summary>Twenty seeds: the default for simulated scenarios.</summary>
    public static IEnumerable<int> Many => Range(20);

    /// <summary>The seeds 1..<paramref name="count"/>, or only the replay seed when <c>DISTSYS_SEED</c> is set.</summary>
    public static IEnumerable<int> Range(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var replay = ReplaySeed();
        return replay is { } seed ? [seed] : Enumerable.Range(1, count);
    }

    /// <summary>
    /// The seeds 1..<paramref name="count"/> for a test that loops over many seeds itself; 1..N instead when
    /// <c>DISTSYS_SOAK</c>=N is larger (a soak run); only the replay seed when <c>DISTSYS_SEED</c> is set.
    /// </summary>
    public static IEnumerable<int> Soak(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var text = Environment.GetEnvironmentVariable(SoakVariable);
        if (!string.IsNullOrWhiteSpace(text))
        {
            count = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var soak) && soak > 0
                ? Math.Max(count, soak)
                : throw new InvalidOperationException($"{SoakVariable} must be a positive whole number, but it is '{text}'.");
        }

        return Range(count);
    }

    /// <summary>The seed given in <c>DISTSYS_SEED</c>, if any.</summary>
    public static int? ReplaySeed()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new InvalidOperationException($"{Variable} must be a whole number, but it is '{text}'.");
    }
}
