namespace DistSys.CacheCoherence;

/// <summary>
/// Snooping cache coherence for several nodes (CPUs) with write-back caches sharing one memory over one bus.
/// Under <see cref="CoherenceProtocol.Msi"/> a line is Modified, Shared or Invalid; <see cref="CoherenceProtocol.Mesi"/>
/// adds Exclusive. Memory starts as all zeros.
/// <para>Rules (one bus transaction each for a bus read, a read-exclusive, an upgrade and every writeback):</para>
/// <list type="bullet">
/// <item><b>Read hit</b> (own line M, E or S): return it; no bus.</item>
/// <item><b>Read miss</b> (no line, or Invalid): bus read. Another cache's Modified copy is written back first and becomes
/// Shared; an Exclusive copy elsewhere becomes Shared; Invalid copies elsewhere are stale and stay Invalid. The reader gets
/// the memory value as Shared, or, under MESI when no other cache holds a valid copy, as Exclusive.</item>
/// <item><b>Write</b>: on Modified or Exclusive no bus is needed; on Shared (an upgrade) or a miss (read-exclusive), one
/// bus transaction that invalidates every other valid copy (a Modified one is written back first). The writer's line
/// becomes Modified with the new value; memory is not written (write-back cache).</item>
/// </list>
/// Reads and writes count as a hit when the node's own line is valid, else a miss. Every public operation must be safe
/// to call from many threads at once: it holds the bus for its whole duration. Beware calling one locked operation from
/// inside another if your lock is not reentrant.
/// </summary>
public sealed class CoherenceController
{
    /// <summary>Creates a controller with no nodes and all memory zero.</summary>
    public CoherenceController(CoherenceProtocol protocol = CoherenceProtocol.Msi) =>
        throw new NotImplementedException("CoherenceController constructor: remember the protocol and set up empty caches, memory and counters.");

    /// <summary>The protocol this controller runs.</summary>
    public CoherenceProtocol Protocol =>
        throw new NotImplementedException("CoherenceController.Protocol: return the protocol given to the constructor.");

    /// <summary>The nodes, in ordinal order.</summary>
    public IReadOnlyList<string> Nodes =>
        throw new NotImplementedException("CoherenceController.Nodes: list the node ids in ordinal order.");

    /// <summary>Adds a node with an empty cache; adding an existing node changes nothing.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="nodeId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodeId"/> is empty.</exception>
    public void AddNode(string nodeId) =>
        throw new NotImplementedException("CoherenceController.AddNode: create an empty cache for the node.");

    /// <summary>Writes the node's modified lines back (one writeback each) and removes the node. Unknown node: nothing happens.</summary>
    public void RemoveNode(string nodeId) =>
        throw new NotImplementedException("CoherenceController.RemoveNode: write back Modified lines, then drop the node's cache.");

    /// <summary>Reads <paramref name="address"/> through the node's cache (adding the node if it is new).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="nodeId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodeId"/> is empty.</exception>
    public int Read(string nodeId, int address) =>
        throw new NotImplementedException("CoherenceController.Read: a hit returns the cached value; a miss snoops the other caches and loads from memory.");

    /// <summary>Writes <paramref name="value"/> to <paramref name="address"/> through the node's cache (adding the node if it is new).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="nodeId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodeId"/> is empty.</exception>
    public void Write(string nodeId, int address, int value) =>
        throw new NotImplementedException("CoherenceController.Write: invalidate the other valid copies unless you own the line, then hold it Modified.");

    /// <summary>
    /// Writes the node's Modified lines back to memory (one writeback each); they stay valid and clean: Shared under MSI,
    /// Exclusive under MESI. Unknown node: nothing happens.
    /// </summary>
    public void Flush(string nodeId) =>
        throw new NotImplementedException("CoherenceController.Flush: write back the node's Modified lines and mark them clean.");

    /// <summary>
    /// Writes the node's Modified lines back, then makes every valid line of its cache Invalid (each one counts as an
    /// invalidation). Unknown node: nothing happens.
    /// </summary>
    public void Invalidate(string nodeId) =>
        throw new NotImplementedException("CoherenceController.Invalidate: write back Modified lines, then invalidate the whole cache.");

    /// <summary>The node's cache lines in address order, Invalid ones included (with their stale values); empty for an unknown node.</summary>
    public IReadOnlyList<CacheLine> GetCacheState(string nodeId) =>
        throw new NotImplementedException("CoherenceController.GetCacheState: list the node's lines in address order.");

    /// <summary>A copy of memory: every address ever written back, in address order.</summary>
    public IReadOnlyDictionary<int, int> GetMemoryState() =>
        throw new NotImplementedException("CoherenceController.GetMemoryState: return a copy of memory.");

    /// <summary>The counters so far (see <see cref="CoherenceStatistics"/>).</summary>
    public CoherenceStatistics GetStatistics() =>
        throw new NotImplementedException("CoherenceController.GetStatistics: return hits, misses, bus transactions, invalidations and writebacks.");

    /// <summary>
    /// Checks coherence: for every address, a Modified or Exclusive copy is the only valid one (single writer or many
    /// readers); Shared and Exclusive copies equal memory, so shared copies agree; MSI never has Exclusive lines.
    /// Returns one sentence per violation; empty when coherent.
    /// </summary>
    public IReadOnlyList<string> FindViolations() =>
        throw new NotImplementedException("CoherenceController.FindViolations: check single-writer/many-readers and that clean copies equal memory.");
}
