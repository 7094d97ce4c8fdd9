namespace DistSys.CacheCoherence;

/// <summary>Which snooping protocol a controller runs.</summary>
public enum CoherenceProtocol
{
    /// <summary>Modified, Shared, Invalid.</summary>
    Msi,

    /// <summary>MSI plus Exclusive: a clean copy no other cache holds, which can be written without a bus transaction.</summary>
    Mesi,
}

/// <summary>The state of one cache line.</summary>
public enum LineState
{
    /// <summary>The only valid copy, newer than memory.</summary>
    Modified,

    /// <summary>(MESI only) the only valid copy, equal to memory.</summary>
    Exclusive,

    /// <summary>A clean copy, equal to memory; other caches may hold one too.</summary>
    Shared,

    /// <summary>A stale copy that must not be used.</summary>
    Invalid,
}

/// <summary>One line of a node's cache. An invalid line still shows the (stale) value it last had.</summary>
public sealed record CacheLine(int Address, int Value, LineState State);

/// <summary>Counters since the controller was created.</summary>
/// <param name="Hits">Reads and writes that found a valid line (M, E or S) in the node's own cache.</param>
/// <param name="Misses">Reads and writes that did not.</param>
/// <param name="BusTransactions">Bus reads (read miss), read-exclusives (write miss), upgrades (write to S) and writebacks.</param>
/// <param name="Invalidations">Valid lines made invalid, by another node's write or by invalidating a cache.</param>
/// <param name="Writebacks">Modified lines written back to memory.</param>
public sealed record CoherenceStatistics(long Hits, long Misses, long BusTransactions, long Invalidations, long Writebacks)
{
    /// <summary>Hits as a fraction of all accesses (0 to 1); 0 before the first access.</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);
}
