using System.Globalization;
using DistSys.Runtime;

namespace DistSys.BasicPaxos.Tests;

/// <summary>
/// Watches every message the nodes send (through <see cref="RecordingContext"/>) and the nodes' state after every
/// simulator event, and reports the first violation of Paxos's safety properties:
/// <list type="bullet">
/// <item>an acceptor never promises or accepts below a ballot it promised or accepted before (across restarts);</item>
/// <item>a promise reports the value the acceptor really accepted last;</item>
/// <item>a ballot belongs to its proposer and carries one value; an acceptor accepts only what a proposer sent;</item>
/// <item>once a value is chosen (a majority accepted it in one ballot), every higher ballot proposes that value, and no
/// other value is ever chosen;</item>
/// <item>a learned or announced value is the chosen one, so no two learners learn different values, and it was proposed.</item>
/// </list>
/// </summary>
internal sealed class PaxosObserver(int clusterSize)
{
    private readonly int _majority = clusterSize / 2 + 1;
    private readonly HashSet<string> _proposed = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeId, Ballot> _highWater = [];
    private readonly Dictionary<NodeId, Accepted> _lastAccepted = [];
    private readonly Dictionary<NodeId, Ballot> _promisedSeen = [];
    private readonly Dictionary<Ballot, string> _proposals = [];
    private readonly Dictionary<Ballot, HashSet<NodeId>> _acceptors = [];
    private readonly List<(NodeId From, NodeId To, object Message)> _sent = [];

    /// <summary>The lowest ballot in which a value was chosen, and that value.</summary>
    public (Ballot Ballot, string Value)? Chosen { get; private set; }

    /// <summary>The first violation seen, if any.</summary>
    public string? Violation { get; private set; }

    /// <summary>Every message sent by a node so far, in order.</summary>
    public IReadOnlyList<(NodeId From, NodeId To, object Message)> Sent => _sent;

    /// <summary>Messages of one type sent so far.</summary>
    public IEnumerable<(NodeId From, NodeId To, T Message)> SentOf<T>() =>
        _sent.Where(s => s.Message is T).Select(s => (s.From, s.To, (T)s.Message));

    /// <summary>Records a value a client asked some node to propose.</summary>
    public void Proposed(string value) => _proposed.Add(value);

    /// <summary>Records a proposal the test injected in place of a proposer.</summary>
    public void Injected(Accept accept)
    {
        _proposed.Add(accept.Value);
        _proposals.TryAdd(accept.Ballot, accept.Value);
    }

    /// <summary>Called for every message a node sends, before the network sees it.</summary>
    public void OnSend(NodeId from, NodeId to, object message)
    {
        _sent.Add((from, to, message));
        switch (message)
        {
            case Prepare prepare when prepare.Ballot.Node != from:
                Fail($"{from} sent Prepare for ballot {prepare.Ballot}, which belongs to {prepare.Ballot.Node}: a proposer uses only its own id.");
                break;
            case Accept accept:
                OnAccept(from, accept);
                break;
            case Promise promise:
                OnPromise(from, promise);
                break;
            case Accepted accepted:
                OnAccepted(from, accepted);
                break;
            case Decided decided when Chosen?.Value != decided.Value:
                Fail($"{from} announced Decided(\"{decided.Value}\") but {DescribeChosen()}.");
                break;
        }
    }

    /// <summary>Checks the nodes' visible state; called after every simulator event. Returns the first violation.</summary>
    public string? Check(Simulation simulation, IReadOnlyList<NodeId> nodes)
    {
        foreach (var id in nodes)
        {
            if (Violation is not null)
            {
                break;
            }

            if (!simulation.IsUp(id))
            {
                continue;
            }

            var node = simulation.Node<PaxosNode>(id);
            var promised = node.Promised;
            if (_promisedSeen.TryGetValue(id, out var before) && (promised is null || promised < before))
            {
                Fail($"{id}'s Promised went back from {before} to {Text(promised)}: an acceptor's promise never decreases (persist it in Storage before answering, and reload it in OnStart).");
            }
            else if (promised is { } p)
            {
                _promisedSeen[id] = p;
            }

            if (node.AcceptedBallot is { } accepted && (promised is null || accepted > promised))
            {
                Fail($"{id} has AcceptedBallot {accepted} above its Promised {Text(promised)}: Promised is the highest ballot promised or accepted.");
            }

            if (node.LearnedValue is { } learned)
            {
                if (!_proposed.Contains(learned))
                {
                    Fail($"{id} learned \"{learned}\", which nobody proposed.");
                }
                else if (Chosen?.Value != learned)
                {
                    Fail($"{id} learned \"{learned}\" but {DescribeChosen()}: learn only from a majority of acceptors in one ballot.");
                }
            }
        }

        return Violation;
    }

    private void OnAccept(NodeId from, Accept accept)
    {
        if (accept.Ballot.Node != from)
        {
            Fail($"{from} sent Accept for ballot {accept.Ballot}, which belongs to {accept.Ballot.Node}.");
        }
        else if (!_proposed.Contains(accept.Value))
        {
            Fail($"{from} sent Accept({accept.Ballot}, \"{accept.Value}\"), a value nobody proposed.");
        }
        else if (_proposals.TryGetValue(accept.Ballot, out var earlier) && earlier != accept.Value)
        {
            Fail($"Ballot {accept.Ballot} carried two values, \"{earlier}\" and \"{accept.Value}\": a proposer never reuses a ballot, not even after a restart (persist the round).");
        }
        else if (Chosen is { } chosen && accept.Ballot > chosen.Ballot && accept.Value != chosen.Value)
        {
            Fail($"\"{chosen.Value}\" was chosen in ballot {chosen.Ballot}, yet {from} proposed \"{accept.Value}\" in the higher ballot {accept.Ballot}: a proposer must propose the value of the highest-ballot acceptance among its majority of promises.");
        }

        _proposals.TryAdd(accept.Ballot, accept.Value);
    }

    private void OnPromise(NodeId from, Promise promise)
    {
        if (_highWater.TryGetValue(from, out var high) && promise.Ballot < high)
        {
            Fail($"{from} promised {promise.Ballot} after it had promised or accepted {high}: an acceptor never goes back on a promise (persist it before answering; reload it after a restart).");
            return;
        }

        _lastAccepted.TryGetValue(from, out var last);
        if (promise.AcceptedBallot != last?.Ballot || promise.AcceptedValue != last?.Value)
        {
            Fail($"{from}'s Promise for {promise.Ballot} reports accepted {Text(promise.AcceptedBallot)} = {Text(promise.AcceptedValue)}, but it last accepted {Text(last?.Ballot)} = {Text(last?.Value)}: a promise must report the last accepted value (persisted before the Accepted was sent).");
            return;
        }

        _highWater[from] = promise.Ballot;
    }

    private void OnAccepted(NodeId from, Accepted accepted)
    {
        if (_highWater.TryGetValue(from, out var high) && accepted.Ballot < high)
        {
            Fail($"{from} accepted {accepted.Ballot} after it had promised or accepted {high}: an acceptor never accepts below its promise.");
            return;
        }

        if (!_proposals.TryGetValue(accepted.Ballot, out var proposal) || proposal != accepted.Value)
        {
            Fail($"{from} accepted \"{accepted.Value}\" in ballot {accepted.Ballot}, but no proposer sent that value in that ballot.");
            return;
        }

        _highWater[from] = accepted.Ballot;
        _lastAccepted[from] = accepted;
        if (!_acceptors.TryGetValue(accepted.Ballot, out var acceptors))
        {
            _acceptors[accepted.Ballot] = acceptors = [];
        }

        if (acceptors.Add(from) && acceptors.Count >= _majority)
        {
            if (Chosen is { } chosen && chosen.Value != accepted.Value)
            {
                Fail($"Two values were chosen: \"{chosen.Value}\" in ballot {chosen.Ballot} and \"{accepted.Value}\" in ballot {accepted.Ballot}.");
            }
            else if (Chosen is null || accepted.Ballot < Chosen.Value.Ballot)
            {
                Chosen = (accepted.Ballot, accepted.Value);
            }
        }
    }

    private string DescribeChosen() =>
        Chosen is { } chosen ? $"the chosen value is \"{chosen.Value}\" (ballot {chosen.Ballot})" : "no value has been chosen yet";

    private static string Text(object? value) =>
        value is null ? "none" : string.Create(CultureInfo.InvariantCulture, $"{value}");

    private void Fail(string violation) => Violation ??= violation;
}
