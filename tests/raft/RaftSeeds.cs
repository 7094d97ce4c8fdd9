using System.Globalization;
using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.Raft.Tests;

/// <summary>
/// Every randomized Raft scenario runs over the same fixed seeds, one simulation per seed inside one test, and stops at
/// the first seed that fails (its message carries that seed and the command that replays it alone).
/// </summary>
internal static class RaftSeeds
{
    /// <summary>Seeds per randomized scenario in the graded suite.</summary>
    public const int Graded = 50;

    /// <summary>Set to a larger number for a soak run, for example <c>DISTSYS_RAFT_SEEDS=1000 dotnet test tests/raft</c>.</summary>
    public const string SoakVariable = "DISTSYS_RAFT_SEEDS";

    /// <summary>The seeds: 1..<see cref="Graded"/> (or the soak count), or just <c>DISTSYS_SEED</c> when replaying.</summary>
    public static IEnumerable<int> All => Seeds.Range(Count());

    /// <summary>Runs <paramref name="scenario"/> on a fresh simulation for every seed.</summary>
    public static void ForEach(Action<Simulation> scenario, SimulationOptions? options = null)
    {
        foreach (int seed in All)
        {
            Replay.Simulate(seed, scenario, options);
        }
    }

    private static int Count()
    {
        string? text = Environment.GetEnvironmentVariable(SoakVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Graded;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) && count > 0
            ? count
            : throw new InvalidOperationException($"{SoakVariable} must be a whole number above zero, but it is '{text}'.");
    }
}
