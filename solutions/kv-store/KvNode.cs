using DistSys.Runtime;

namespace DistSys.KvStore;

/// <summary>Dynamo-style replica and coordinator: quorum reads and writes, sloppy quorum with hinted handoff, read repair, membership hand-over.</summary>
public sealed class KvNode : INode
{
    private const string DataPrefix = "data:";
    private const string HintPrefix = "hint:";
    private const string MembersKey = "members";
    private const string EpochKey = "epoch";

    private readonly INodeContext _context;
    private readonly KvSettings _settings;
    private readonly Dictionary<long, PutRequest> _puts = [];
    private readonly Dictionary<long, GetRequest> _gets = [];
    private ConsistentHashRing _ring;
    private NodeId[] _members;
    private long _requestBase;
    private long _sequence;
    private TimeSpan _lastHandoff;

    public KvNode(INodeContext context, KvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        _context = context;
        _settings = settings;
        // Stryker disable once String : how the message names the member list is wording; the tests check the exception type and parameter name
        var members = CheckedMembers(settings.Members, nameof(settings), "settings.Members");
        if (!members.Contains(context.Id))
        {
            throw new ArgumentException($"settings.Members must contain this node ({context.Id}); it has {string.Join(", ", members)}.", nameof(settings));
        }

        InRange(settings.N, 1, members.Length, "N",
            // Stryker disable once String : the setting's range in the message is wording; the tests check the exception type, the parameter name and that the setting is named
            "the number of members");
        InRange(settings.R, 1, settings.N, "R",
            // Stryker disable once String : the setting's range in the message is wording; the tests check the exception type, the parameter name and that the setting is named
            "N");
        InRange(settings.W, 1, settings.N, "W",
            // Stryker disable once String : the setting's range in the message is wording; the tests check the exception type, the parameter name and that the setting is named
            "N");
        InRange(settings.VirtualNodesPerNode, 1, int.MaxValue, "VirtualNodesPerNode",
            // Stryker disable once String : the setting's range in the message is wording; the tests check the exception type, the parameter name and that the setting is named
            "int.MaxValue");
        Positive(settings.RequestTimeout, "RequestTimeout");
        Positive(settings.RetryInterval, "RetryInterval");
        Positive(settings.HandoffAfter, "HandoffAfter");
        Positive(settings.HandoffInterval, "HandoffInterval");

        // A membership installed by ChangeMembership outlives a crash; the settings only give the first one.
        _members = context.Storage.TryGet<NodeId[]>(MembersKey, out var stored) ? stored : members;
        _ring = BuildRing(_members);
    }

    public IReadOnlyList<NodeId> Members => _members;

    public IReadOnlyList<string> StoredKeys =>
        [.. _context.Storage.Keys.Where(k => k.StartsWith(DataPrefix, StringComparison.Ordinal)).Select(k => k[DataPrefix.Length..])];

    public int PendingHints => _context.Storage.Keys.Count(k => k.StartsWith(HintPrefix, StringComparison.Ordinal));

    public void OnStart()
    {
        // Request ids carry an incarnation number, so a reply to a request made before a crash never matches a new one.
        var epoch = _context.Storage.TryGet(EpochKey, out long previous) ? previous + 1 : 1;
        _context.Storage.Put(EpochKey, epoch);
        _requestBase = epoch << 32;
        _lastHandoff = _context.Now;
        // Stryker disable once String : a timer's label appears only in the simulator's trace
        _context.SetTimer(_settings.RetryInterval, Tick, "kv tick");
    }

    public void OnMessage(NodeId from, object message)
    {
        switch (message)
        {
            case Replicate replicate:
                if (replicate.HintFor is { } home)
                {
                    AddHint(home, replicate.Key, replicate.Siblings);
                }
                else
                {
                    MergeData(replicate.Key, replicate.Siblings);
                }

                _context.Send(from, new ReplicateAck(replicate.Request));
                break;
            case ReplicateAck ack when _puts.TryGetValue(ack.Request, out var put):
                put.Acked.Add(from);
                CompleteIfAcknowledged(put);
                break;
            case ReadRequest read:
                _context.Send(from, new ReadReply(read.Request, Load(read.Key)));
                break;
            case ReadReply reply when _gets.TryGetValue(reply.Request, out var get):
                OnReply(get, from, reply.Siblings);
                break;
            case Repair repair:
                MergeData(repair.Key, repair.Siblings);
                break;
            case Handoff handoff:
                MergeData(handoff.Key, handoff.Siblings);
                _context.Send(from, new HandoffAck(handoff.Key, [.. handoff.Siblings.Select(s => s.Dot)]));
                break;
            case HandoffAck handoffAck:
                var storageKey = HintKey(from, handoffAck.Key);
                // Only if nothing new joined the hint since it was offered.
                if (_context.Storage.TryGet<Hint>(storageKey, out var hint) && hint.Siblings.All(s => handoffAck.Dots.Contains(s.Dot)))
                {
                    _context.Storage.Remove(storageKey);
                }

                break;
        }
    }

    public IReadOnlyList<NodeId> HomeReplicas(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _ring.PreferenceList(key, _settings.N);
    }

    public IReadOnlyList<Sibling> StoredSiblings(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Load(key);
    }

    public void Put(string key, string value, VectorClock context, Action<PutResult> onComplete)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(onComplete);
        var homes = HomeReplicas(key);
        if (!homes.Contains(_context.Id))
        {
            throw new InvalidOperationException(
                $"{_context.Id} is not a home replica of '{key}' (its home replicas are {string.Join(", ", homes)}); call Put on one of them.");
        }

        // The coordinator versions and stores the write first, so its own dots for the key are never reused.
        var (siblings, written) = Versions.Write(Load(key), value, context, _context.Id.Name);
        Save(key, siblings);
        var put = new PutRequest(NextId(), key, siblings, homes, Versions.ContextOf([written]), onComplete, _context.Now);
        put.Acked.Add(_context.Id);
        _puts.Add(put.Id, put);
        CompleteIfAcknowledged(put);
        if (_puts.ContainsKey(put.Id))
        {
            SendPut(put);
        }
    }

    public void Get(string key, Action<GetResult> onComplete)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(onComplete);
        var get = new GetRequest(NextId(), key, HomeReplicas(key), onComplete, _context.Now);
        _gets.Add(get.Id, get);
        if (get.Homes.Contains(_context.Id))
        {
            OnReply(get, _context.Id, Load(key));
        }

        SendReads(get);
    }

    public void ChangeMembership(IReadOnlyCollection<NodeId> members)
    {
        // Stryker disable once String : how the message names the member list is wording; the tests check the exception type and parameter name
        var next = CheckedMembers(members, nameof(members), "members");
        if (next.Length < _settings.N)
        {
            throw new ArgumentException($"A membership of {next.Length} cannot hold N = {_settings.N} replicas per key; give at least {_settings.N} members.", nameof(members));
        }

        var before = _ring;
        _members = next;
        _ring = BuildRing(next);
        _context.Storage.Put(MembersKey, next);
        foreach (var key in StoredKeys)
        {
            var oldHomes = before.PreferenceList(key, Math.Min(_settings.N, before.Nodes.Count));
            foreach (var home in HomeReplicas(key).Where(h => !oldHomes.Contains(h)))
            {
                AddHint(home, key, Load(key));
            }
        }
    }

    private void Tick()
    {
        var now = _context.Now;
        foreach (var put in _puts.Values.ToList())
        {
            if (now - put.StartedAt >= _settings.RequestTimeout)
            {
                _puts.Remove(put.Id);
                if (put.Completed)
                {
                    continue;
                }

                // Stryker disable once String,Linq : how the error lists the acknowledgers is wording; the contract asks only that a failed write says why
                var acknowledgers = string.Join(", ", put.Acked.Order());
                put.OnComplete(new PutResult(false, put.Context,
                    $"timed out after {_settings.RequestTimeout.TotalMilliseconds} ms with {put.Acked.Count} of W = {_settings.W} acknowledgements ({acknowledgers})"));
            }
            else if (now - put.LastSent >= _settings.RetryInterval)
            {
                SendPut(put);
            }
        }

        foreach (var get in _gets.Values.ToList())
        {
            if (now - get.StartedAt >= _settings.RequestTimeout)
            {
                _gets.Remove(get.Id);
                if (!get.Completed)
                {
                    get.OnComplete(new GetResult(false, get.Merged, Versions.ContextOf(get.Merged),
                        $"timed out after {_settings.RequestTimeout.TotalMilliseconds} ms with {get.Replies.Count} of R = {_settings.R} replies"));
                }
            }
            else if (now - get.LastSent >= _settings.RetryInterval)
            {
                SendReads(get);
            }
        }

        if (now - _lastHandoff >= _settings.HandoffInterval)
        {
            _lastHandoff = now;
            OfferHints();
        }

        // Stryker disable once String : a timer's label appears only in the simulator's trace
        _context.SetTimer(_settings.RetryInterval, Tick, "kv tick");
    }

    /// <summary>
    /// The client hears back at W acknowledgements; the request stays open until every home replica has the write
    /// (directly or through a fallback's hint) or it times out, so that the write still reaches N nodes.
    /// </summary>
    private void CompleteIfAcknowledged(PutRequest put)
    {
        if (!put.Completed && put.Acked.Count >= _settings.W)
        {
            put.Completed = true;
            put.OnComplete(new PutResult(true, put.Context, null));
        }

        if (put.Homes.All(put.IsCovered))
        {
            _puts.Remove(put.Id);
        }
    }

    private void SendPut(PutRequest put)
    {
        put.LastSent = _context.Now;
        foreach (var home in put.Homes.Where(h => !put.IsCovered(h)))
        {
            _context.Send(home, new Replicate(put.Id, put.Key, put.Siblings, null));
        }

        if (!_settings.HintedHandoff || _context.Now - put.StartedAt < _settings.HandoffAfter)
        {
            return;
        }

        foreach (var home in put.Homes.Where(h => !put.Acked.Contains(h) && !put.Fallbacks.ContainsKey(h)))
        {
            var fallback = _ring.PreferenceList(put.Key, _members.Length).Skip(_settings.N)
                .Where(n => n != _context.Id && !put.Fallbacks.ContainsValue(n)).Cast<NodeId?>().FirstOrDefault();
            if (fallback is { } chosen)
            {
                put.Fallbacks[home] = chosen;
            }
        }

        foreach (var (home, fallback) in put.Fallbacks.Where(f => !put.Acked.Contains(f.Value)))
        {
            _context.Send(fallback, new Replicate(put.Id, put.Key, put.Siblings, home));
        }
    }

    private void SendReads(GetRequest get)
    {
        get.LastSent = _context.Now;
        foreach (var home in get.Homes.Where(h => h != _context.Id && !get.Replies.ContainsKey(h)))
        {
            _context.Send(home, new ReadRequest(get.Id, get.Key));
        }
    }

    private void OnReply(GetRequest get, NodeId from, IReadOnlyList<Sibling> siblings)
    {
        if (!get.Replies.TryAdd(from, siblings))
        {
            return;
        }

        get.Merged = Versions.Merge(get.Merged, siblings);
        if (!get.Completed && get.Replies.Count >= _settings.R)
        {
            get.Completed = true;
            get.OnComplete(new GetResult(true, get.Merged, Versions.ContextOf(get.Merged), null));
        }

        if (get.Completed)
        {
            RepairStale(get);
            if (get.Replies.Count == get.Homes.Count)
            {
                _gets.Remove(get.Id);
            }
        }
    }

    /// <summary>Read repair: every replica that answered with less than the merged versions gets them.</summary>
    private void RepairStale(GetRequest get)
    {
        foreach (var (replica, siblings) in get.Replies.ToList())
        {
            if (Versions.SameWrites(siblings, get.Merged))
            {
                continue;
            }

            if (replica == _context.Id)
            {
                MergeData(get.Key, get.Merged);
            }
            else
            {
                _context.Send(replica, new Repair(get.Key, get.Merged));
            }

            get.Replies[replica] = get.Merged;
        }
    }

    private void OfferHints()
    {
        foreach (var storageKey in _context.Storage.Keys.Where(k => k.StartsWith(HintPrefix, StringComparison.Ordinal)).ToList())
        {
            if (!_context.Storage.TryGet<Hint>(storageKey, out var hint))
            {
                continue;
            }

            if (_members.Contains(hint.Home))
            {
                _context.Send(hint.Home, new Handoff(hint.Key, hint.Siblings));
                continue;
            }

            // Its home left the ring: the versions belong to the key's current home replicas now.
            _context.Storage.Remove(storageKey);
            foreach (var home in HomeReplicas(hint.Key))
            {
                AddHint(home, hint.Key, hint.Siblings);
            }
        }
    }

    private void AddHint(NodeId home, string key, IReadOnlyList<Sibling> siblings)
    {
        if (home == _context.Id)
        {
            MergeData(key, siblings);
            return;
        }

        var storageKey = HintKey(home, key);
        var held = _context.Storage.TryGet<Hint>(storageKey, out var hint) ? hint.Siblings : Versions.None;
        _context.Storage.Put(storageKey, new Hint(home, key, Versions.Merge(held, siblings)));
    }

    private void MergeData(string key, IReadOnlyList<Sibling> siblings)
    {
        var merged = Versions.Merge(Load(key), siblings);
        if (merged.Count > 0)
        {
            Save(key, merged);
        }
    }

    private IReadOnlyList<Sibling> Load(string key) =>
        _context.Storage.TryGet<IReadOnlyList<Sibling>>(DataPrefix + key, out var siblings) ? siblings : Versions.None;

    private void Save(string key, IReadOnlyList<Sibling> siblings) => _context.Storage.Put(DataPrefix + key, siblings);

    private long NextId() => _requestBase + ++_sequence;

    private ConsistentHashRing BuildRing(IEnumerable<NodeId> members)
    {
        var ring = new ConsistentHashRing(_settings.VirtualNodesPerNode);
        foreach (var member in members)
        {
            ring.AddNode(member);
        }

        return ring;
    }

    private static string HintKey(NodeId home, string key) => $"{HintPrefix}{home.Name.Length}:{home.Name}:{key}";

    private static NodeId[] CheckedMembers(IEnumerable<NodeId>? members, string parameter, string what)
    {
        if (members is null)
        {
            throw new ArgumentNullException(parameter, $"{what} is null.");
        }

        NodeId[] sorted = [.. members.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException($"{what} is empty; a ring needs at least one member.", parameter);
        }

        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"{what} lists {sorted[i]} twice.", parameter);
            }
        }

        return sorted;
    }

    private static void InRange(int value, int low, int high, string name, string highText)
    {
        if (value < low || value > high)
        {
            throw new ArgumentOutOfRangeException("settings", value, $"KvSettings.{name} is {value}; it must be between {low} and {highText} ({high}).");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException("settings", value, $"KvSettings.{name} must be positive.");
        }
    }

    private sealed class PutRequest(long id, string key, IReadOnlyList<Sibling> siblings, IReadOnlyList<NodeId> homes, VectorClock context, Action<PutResult> onComplete, TimeSpan startedAt)
    {
        public long Id { get; } = id;
        public string Key { get; } = key;
        public IReadOnlyList<Sibling> Siblings { get; } = siblings;
        public IReadOnlyList<NodeId> Homes { get; } = homes;
        public VectorClock Context { get; } = context;
        public Action<PutResult> OnComplete { get; } = onComplete;
        public TimeSpan StartedAt { get; } = startedAt;
        public TimeSpan LastSent { get; set; }
        public bool Completed { get; set; }
        public HashSet<NodeId> Acked { get; } = [];
        public Dictionary<NodeId, NodeId> Fallbacks { get; } = [];

        public bool IsCovered(NodeId home) => Acked.Contains(home) || (Fallbacks.TryGetValue(home, out var fallback) && Acked.Contains(fallback));
    }

    private sealed class GetRequest(long id, string key, IReadOnlyList<NodeId> homes, Action<GetResult> onComplete, TimeSpan startedAt)
    {
        public long Id { get; } = id;
        public string Key { get; } = key;
        public IReadOnlyList<NodeId> Homes { get; } = homes;
        public Action<GetResult> OnComplete { get; } = onComplete;
        public TimeSpan StartedAt { get; } = startedAt;
        public TimeSpan LastSent { get; set; }
        public bool Completed { get; set; }
        public IReadOnlyList<Sibling> Merged { get; set; } = Versions.None;
        public Dictionary<NodeId, IReadOnlyList<Sibling>> Replies { get; } = [];
    }
}
