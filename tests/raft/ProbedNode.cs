using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>
/// One <see cref="RaftNode"/> (n1) whose peers are recorders: a test plays the other servers by injecting messages
/// and reads exactly what n1 answered. Election timeouts are fixed so that the test decides when n1 campaigns.
/// </summary>
internal sealed class ProbedNode
{
    /// <summary>Slow, fixed elections: nothing happens on its own in the few milliseconds a test step takes.</summary>
    public static readonly RaftOptions FixedTimeouts = new()
    {
        ElectionTimeoutMin = TimeSpan.FromMilliseconds(1000),
        ElectionTimeoutMax = TimeSpan.FromMilliseconds(1000),
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
    };

    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(5);
    private readonly List<(NodeId To, object Message)> _received = [];
    private readonly int _seed;

    public ProbedNode(int peers, RaftOptions? options = null, int seed = 1)
    {
        _seed = seed;
        Simulation = new Simulation(seed);
        RaftOptions chosen = options ?? FixedTimeouts;
        Id = Simulation.AddNode("n1", context => new RaftHost(new RaftNode(context, chosen, Applied.Add), _ => { }));
        for (int i = 2; i <= peers + 1; i++)
        {
            NodeId peer = new($"n{i}");
            Peers.Add(Simulation.AddNode(peer.ToString(), _ => new Recorder(message => _received.Add((peer, message)))));
        }

        Simulation.RunFor(TimeSpan.FromMilliseconds(1));
    }

    public Simulation Simulation { get; }

    public NodeId Id { get; }

    public List<NodeId> Peers { get; } = [];

    public List<ApplyMessage> Applied { get; } = [];

    public RaftNode Raft => Simulation.Node<RaftHost>(Id).Raft;

    /// <summary>Delivers <paramref name="message"/> to n1 as if <paramref name="from"/> sent it, and lets n1 answer.</summary>
    public void Deliver(NodeId from, object message)
    {
        Simulation.SendFrom(from, Id, message);
        Simulation.RunFor(s_step);
    }

    /// <summary>The messages n1 sent to <paramref name="peer"/> since the last <see cref="Forget"/>, oldest first.</summary>
    public List<T> SentTo<T>(NodeId peer) => [.. _received.Where(r => r.To == peer).Select(r => r.Message).OfType<T>()];

    public void Forget() => _received.Clear();

    /// <summary>Lets n1's fixed election timeout fire and grants it one vote: with two peers that is a majority.</summary>
    public void ElectWithOneVote()
    {
        WaitUntilCandidate();
        Deliver(Peers[0], new RequestVoteReply(Raft.CurrentTerm, true));
        Forget();
    }

    public void WaitUntilCandidate() =>
        Simulation.RunUntil(() => Raft.Role == RaftRole.Candidate, TimeSpan.FromSeconds(5));

    public string Describe() =>
        $"n1: {Raft.Role}, term {Raft.CurrentTerm}, commit {Raft.CommitIndex}, applied {Raft.LastApplied}, snapshot {Raft.SnapshotIndex}, " +
        $"log [{string.Join(", ", Raft.Log.Select(e => $"{e.Index}:t{e.Term}"))}]; it sent: " +
        string.Join("; ", _received.Select(r => $"to {r.To}: {r.Message}")) + "\n" +
        // The kit's replay command: the exact test, and the student's build switch when graded against the stubs.
        DistSys.Testing.Replay.Describe(_seed);

    private sealed class Recorder(Action<object> record) : INode
    {
        public void OnStart()
        {
        }

        public void OnMessage(NodeId from, object message) => record(message);
    }
}
