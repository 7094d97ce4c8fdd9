namespace DistSys.CacheCoherence;

/// <summary>
/// Snooping cache coherence for several nodes sharing one memory over one bus (MSI or MESI, write-back caches).
/// Every operation holds the bus for its whole duration, so the controller is safe to call from many threads.
/// </summary>
public sealed class CoherenceController
{
    // Held once per public operation and never re-entered: helpers below assume the caller holds it.
    private readonly Lock _bus = new();
    private readonly SortedDictionary<string, SortedDictionary<int, Line>> _caches = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, int> _memory = [];
    private long _hits;
    private long _misses;
    private long _busTransactions;
    private long _invalidations;
    private long _writebacks;

    /// <summary>Creates a controller with no nodes and all memory zero.</summary>
    public CoherenceController(CoherenceProtocol protocol = CoherenceProtocol.Msi)
    {
        Protocol = protocol;
    }

    /// <summary>The protocol this controller runs.</summary>
    public CoherenceProtocol Protocol { get; }

    /// <summary>The nodes, in ordinal order.</summary>
    public IReadOnlyList<string> Nodes
    {
        get
        {
            lock (_bus)
            {
                return _caches.Keys.ToList();
            }
        }
    }

    /// <summary>Adds a node with an empty cache; adding an existing node changes nothing.</summary>
    public void AddNode(string nodeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        lock (_bus)
        {
            CacheOf(nodeId);
        }
    }

    /// <summary>Writes the node's modified lines back and removes the node.</summary>
    public void RemoveNode(string nodeId)
    {
        lock (_bus)
        {
            if (_caches.TryGetValue(nodeId, out var cache))
            {
                WriteBackModified(cache);
                _caches.Remove(nodeId);
            }
        }
    }

    /// <summary>Reads <paramref name="address"/> through the node's cache (adding the node if it is new).</summary>
    public int Read(string nodeId, int address)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        lock (_bus)
        {
            var cache = CacheOf(nodeId);
            if (cache.TryGetValue(address, out var own) && own.State != LineState.Invalid)
            {
                _hits++;
                return own.Value;
            }

            _misses++;
            _busTransactions++;
            var othersHoldIt = false;
            foreach (var line in OtherLines(nodeId, address))
            {
                // Only valid copies react to a bus read; an invalid copy is stale and must stay invalid.
                if (line.State == LineState.Modified)
                {
                    WriteBack(line);
                }

                if (line.State != LineState.Invalid)
                {
                    line.State = LineState.Shared;
                    othersHoldIt = true;
                }
            }

            var value = _memory.GetValueOrDefault(address);
            var state = Protocol == CoherenceProtocol.Mesi && !othersHoldIt ? LineState.Exclusive : LineState.Shared;
            cache[address] = new Line(address, value, state);
            return value;
        }
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="address"/> through the node's cache (adding the node if it is new).</summary>
    public void Write(string nodeId, int address, int value)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        lock (_bus)
        {
            var cache = CacheOf(nodeId);
            var ownState = cache.TryGetValue(address, out var own) ? own.State : LineState.Invalid;
            if (ownState == LineState.Invalid)
            {
                _misses++;
            }
            else
            {
                _hits++;
            }

            // Modified and Exclusive copies are the only copy: writing them needs nobody's permission.
            if (ownState is LineState.Shared or LineState.Invalid)
            {
                _busTransactions++;
                foreach (var line in OtherLines(nodeId, address).Where(l => l.State != LineState.Invalid))
                {
                    if (line.State == LineState.Modified)
                    {
                        WriteBack(line);
                    }

                    line.State = LineState.Invalid;
                    _invalidations++;
                }
            }

            cache[address] = new Line(address, value, LineState.Modified);
        }
    }

    /// <summary>Writes the node's modified lines back to memory; they stay valid and clean (S under MSI, E under MESI).</summary>
    public void Flush(string nodeId)
    {
        lock (_bus)
        {
            if (_caches.TryGetValue(nodeId, out var cache))
            {
                WriteBackModified(cache);
            }
        }
    }

    /// <summary>Writes the node's modified lines back, then invalidates every line of its cache.</summary>
    public void Invalidate(string nodeId)
    {
        lock (_bus)
        {
            if (!_caches.TryGetValue(nodeId, out var cache))
            {
                return;
            }

            WriteBackModified(cache);
            foreach (var line in cache.Values.Where(l => l.State != LineState.Invalid))
            {
                line.State = LineState.Invalid;
                _invalidations++;
            }
        }
    }

    /// <summary>The node's cache lines in address order (invalid ones included); empty for an unknown node.</summary>
    public IReadOnlyList<CacheLine> GetCacheState(string nodeId)
    {
        lock (_bus)
        {
            return _caches.TryGetValue(nodeId, out var cache)
                ? cache.Values.Select(l => new CacheLine(l.Address, l.Value, l.State)).ToList()
                : [];
        }
    }

    /// <summary>A copy of memory: every address ever written back, in address order.</summary>
    public IReadOnlyDictionary<int, int> GetMemoryState()
    {
        lock (_bus)
        {
            return new SortedDictionary<int, int>(_memory);
        }
    }

    /// <summary>The counters so far.</summary>
    public CoherenceStatistics GetStatistics()
    {
        lock (_bus)
        {
            return new CoherenceStatistics(_hits, _misses, _busTransactions, _invalidations, _writebacks);
        }
    }

    /// <summary>
    /// Checks coherence: for every address, a Modified or Exclusive copy is the only valid one; Shared and Exclusive copies
    /// equal memory (so shared copies agree); MSI never has Exclusive lines. Returns one sentence per violation; empty when coherent.
    /// </summary>
    public IReadOnlyList<string> FindViolations()
    {
        lock (_bus)
        {
            var violations = new List<string>();
            var valid = _caches
                .SelectMany(c => c.Value.Values.Select(l => (Node: c.Key, Line: l)))
                .Where(x => x.Line.State != LineState.Invalid)
                .ToList();
            foreach (var address in valid.GroupBy(x => x.Line.Address).OrderBy(g => g.Key))
            {
                var owners = address.Where(x => x.Line.State is LineState.Modified or LineState.Exclusive).ToList();
                if (owners.Count > 0 && address.Count() > 1)
                {
                    violations.Add($"Address {address.Key}: {owners[0].Node} holds it {owners[0].Line.State} " +
                                   $"but {address.Count() - 1} other cache(s) also hold a valid copy.");
                }

                var memory = _memory.GetValueOrDefault(address.Key);
                foreach (var (node, line) in address.Where(x => x.Line.State is LineState.Shared or LineState.Exclusive))
                {
                    if (line.Value != memory)
                    {
                        violations.Add($"Address {address.Key}: {node}'s clean {line.State} copy is {line.Value} but memory holds {memory}.");
                    }
                }

                if (Protocol == CoherenceProtocol.Msi && owners.Any(x => x.Line.State == LineState.Exclusive))
                {
                    violations.Add($"Address {address.Key}: MSI has no Exclusive state.");
                }
            }

            return violations;
        }
    }

    private SortedDictionary<int, Line> CacheOf(string nodeId)
    {
        if (!_caches.TryGetValue(nodeId, out var cache))
        {
            _caches[nodeId] = cache = [];
        }

        return cache;
    }

    private IEnumerable<Line> OtherLines(string nodeId, int address) =>
        _caches.Where(c => c.Key != nodeId && c.Value.ContainsKey(address)).Select(c => c.Value[address]);

    private void WriteBackModified(SortedDictionary<int, Line> cache)
    {
        foreach (var line in cache.Values.Where(l => l.State == LineState.Modified))
        {
            WriteBack(line);
            line.State = Protocol == CoherenceProtocol.Mesi ? LineState.Exclusive : LineState.Shared;
        }
    }

    // A modified line goes to memory over the bus; the caller decides the line's next state.
    private void WriteBack(Line line)
    {
        _memory[line.Address] = line.Value;
        _writebacks++;
        _busTransactions++;
    }

    private sealed class Line(int address, int value, LineState state)
    {
        public int Address { get; } = address;

        public int Value { get; } = value;

        public LineState State { get; set; } = state;
    }
}
