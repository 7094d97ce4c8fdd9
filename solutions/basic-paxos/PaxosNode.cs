using DistSys.Runtime;

namespace DistSys.BasicPaxos;

/// <summary>
/// One node of single-decree Paxos, playing all three roles: proposer, acceptor and learner.
/// </summary>
public sealed class PaxosNode : INode
{
    private const string PromisedKey = "acceptor.promised";
    private const string AcceptedKey = "acceptor.accepted";
    private const string RoundKey = "proposer.round";

    private readonly INodeContext _context;
    private readonly PaxosOptions _options;
    private readonly Dictionary<Ballot, (string Value, HashSet<NodeId> Acceptors)> _tally = [];
    private readonly Dictionary<NodeId, Promise> _promises = [];
    private string? _ownValue;
    private int _highestRoundSeen;
    private int _failedRounds;
    private Ballot? _ballot;
    private bool _accepting;
    private TimerId? _timer;

    /// <summary>Creates a node.</summary>
    public PaxosNode(INodeContext context, PaxosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _options = options ?? new PaxosOptions();
    }

    /// <summary>The highest ballot promised or accepted.</summary>
    public Ballot? Promised { get; private set; }

    /// <summary>The ballot of the last accepted value.</summary>
    public Ballot? AcceptedBallot { get; private set; }

    /// <summary>The last accepted value.</summary>
    public string? AcceptedValue { get; private set; }

    /// <summary>The chosen value, once learned.</summary>
    public string? LearnedValue { get; private set; }

    /// <summary>Loads the acceptor's state.</summary>
    public void OnStart()
    {
        if (_context.Storage.TryGet(PromisedKey, out Ballot promised))
        {
            Promised = promised;
        }

        if (_context.Storage.TryGet(AcceptedKey, out Accepted? accepted) && accepted is not null)
        {
            (AcceptedBallot, AcceptedValue) = (accepted.Ballot, accepted.Value);
        }

        _highestRoundSeen = Math.Max(Promised?.Round ?? 0, _context.Storage.TryGet(RoundKey, out int round) ? round : 0);
    }

    /// <summary>Starts proposing.</summary>
    public void Propose(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (_context.Peers.Count < 2)
        {
            throw new InvalidOperationException(
                $"Paxos needs a cluster of at least 3 nodes to tolerate a failure; this one has {_context.Peers.Count + 1}.");
        }

        if (LearnedValue is not null)
        {
            return;
        }

        _ownValue = value;
        _failedRounds = 0;
        StartBallot();
    }

    /// <summary>Handles a message.</summary>
    public void OnMessage(NodeId from, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case Prepare prepare:
                OnPrepare(from, prepare);
                break;
            case Accept accept:
                OnAccept(from, accept);
                break;
            case Promise promise:
                OnPromise(from, promise);
                break;
            case Rejected rejected:
                OnRejected(rejected);
                break;
            case Accepted accepted:
                OnAccepted(from, accepted);
                break;
            case Decided decided:
                Learn(decided.Value);
                break;
        }
    }

    private int Majority => (_context.Peers.Count + 1) / 2 + 1;

    private IEnumerable<NodeId> Everyone => _context.Peers.Append(_context.Id);

    // ---- acceptor ----

    private void OnPrepare(NodeId from, Prepare prepare)
    {
        See(prepare.Ballot);
        if (LearnedValue is not null)
        {
            _context.Send(from, new Decided(LearnedValue));
        }

        if (Promised is { } promised && prepare.Ballot < promised)
        {
            _context.Send(from, new Rejected(prepare.Ballot, promised));
            return;
        }

        if (Promised != prepare.Ballot)
        {
            Promised = prepare.Ballot;
            // On disk before the promise leaves: a restarted acceptor must not forget what it promised.
            _context.Storage.Put(PromisedKey, prepare.Ballot);
        }

        _context.Send(from, new Promise(prepare.Ballot, AcceptedBallot, AcceptedValue));
    }

    private void OnAccept(NodeId from, Accept accept)
    {
        See(accept.Ballot);
        if (Promised is { } promised && accept.Ballot < promised)
        {
            _context.Send(from, new Rejected(accept.Ballot, promised));
            return;
        }

        Promised = accept.Ballot;
        (AcceptedBallot, AcceptedValue) = (accept.Ballot, accept.Value);
        _context.Storage.Put(PromisedKey, accept.Ballot);
        _context.Storage.Put(AcceptedKey, new Accepted(accept.Ballot, accept.Value));
        var accepted = new Accepted(accept.Ballot, accept.Value);
        foreach (var node in Everyone)
        {
            _context.Send(node, accepted);
        }
    }

    // ---- proposer ----

    private void StartBallot()
    {
        CancelTimer();
        var round = _highestRoundSeen + 1;
        _highestRoundSeen = round;
        // A ballot is never reused, not even after a crash: it might carry another value this time.
        _context.Storage.Put(RoundKey, round);
        var ballot = new Ballot(round, _context.Id);
        _ballot = ballot;
        _accepting = false;
        _promises.Clear();
        var prepare = new Prepare(ballot);
        foreach (var node in Everyone)
        {
            _context.Send(node, prepare);
        }

        _timer = _context.SetTimer(_options.RoundTimeout, () => GiveUp(ballot), "round timeout");
    }

    private void OnPromise(NodeId from, Promise promise)
    {
        if (promise.Ballot != _ballot || _accepting || LearnedValue is not null)
        {
            return;
        }

        _promises[from] = promise;
        if (_promises.Count < Majority)
        {
            return;
        }

        // The classic rule: if any acceptor of the majority accepted something, the highest such ballot's value wins.
        var value = _promises.Values
            .Where(p => p.AcceptedBallot is not null)
            .MaxBy(p => p.AcceptedBallot!.Value)?.AcceptedValue ?? _ownValue!;
        _accepting = true;
        var accept = new Accept(promise.Ballot, value);
        foreach (var node in Everyone)
        {
            _context.Send(node, accept);
        }
    }

    private void OnRejected(Rejected rejected)
    {
        See(rejected.Promised);
        if (rejected.Ballot == _ballot && LearnedValue is null)
        {
            GiveUp(rejected.Ballot);
        }
    }

    private void GiveUp(Ballot ballot)
    {
        if (ballot != _ballot || LearnedValue is not null)
        {
            return;
        }

        CancelTimer();
        _ballot = null;
        _failedRounds++;
        // Random and growing back-off, from the node's seeded stream: duelling proposers drift apart, and one wins.
        var limit = Math.Min(_options.MaxBackoff.Ticks, _options.RoundTimeout.Ticks << Math.Min(_failedRounds, 10));
        var delay = TimeSpan.FromTicks(_context.Random.NextInt64(limit / 4, limit + 1));
        _timer = _context.SetTimer(delay, StartBallot, "back-off");
    }

    private void CancelTimer()
    {
        if (_timer is { } timer)
        {
            _context.CancelTimer(timer);
            _timer = null;
        }
    }

    private void See(Ballot ballot) => _highestRoundSeen = Math.Max(_highestRoundSeen, ballot.Round);

    // ---- learner ----

    private void OnAccepted(NodeId from, Accepted accepted)
    {
        if (!_tally.TryGetValue(accepted.Ballot, out var entry))
        {
            _tally[accepted.Ballot] = entry = (accepted.Value, []);
        }

        entry.Acceptors.Add(from);
        if (entry.Acceptors.Count >= Majority)
        {
            Learn(entry.Value);
        }
    }

    private void Learn(string value)
    {
        if (LearnedValue is not null)
        {
            return;
        }

        LearnedValue = value;
        _ballot = null;
        CancelTimer();
        _context.Broadcast(new Decided(value));
    }
}
