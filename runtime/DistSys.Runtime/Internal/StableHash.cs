namespace DistSys.Runtime;

/// <summary>
/// Derives independent seeds for the simulation's random streams. string.GetHashCode is randomized per process, so
/// this uses FNV-1a over the characters followed by a SplitMix64 finalizer: the same inputs give the same seed everywhere.
/// </summary>
internal static class StableHash
{
    public static int DeriveSeed(int seed, string purpose)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in purpose)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        ulong x = hash ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (int)(x & int.MaxValue);
    }
}
