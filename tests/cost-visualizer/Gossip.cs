using DistSys.Runtime;

namespace DistSys.CostVisualizer.Tests;

internal sealed record Heartbeat(int Seq);

internal sealed record Update(int Id) : ISizedMessage
{
    public int SizeBytes => 512;
}

internal sealed record Ack(int Id);

/// <summary>
/// A small replicated system that makes every kind of traffic the visualizer looks at: each node sends a heartbeat
/// to every peer every 10 ms; the first node (the leader) sends updates to every follower and resends each update
/// every tick until the follower acknowledges it.
/// </summary>
internal sealed class Gossip(INodeContext context, bool isLeader, int updatesPerTick) : INode
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(10);
    private readonly Dictionary<NodeId, HashSet<int>> _unacked = [];
    private int _seq;
    private int _nextUpdate;

    public static SimulationOptions LossyNetwork { get; } = new() { Network = LinkProfile.Lan with { DropRate = 0.1, DuplicateRate = 0.05 } };

    /// <summary>Adds nodes n1..nN; n1 leads and sends <paramref name="leaderBias"/> updates per follower per tick.</summary>
    public static NodeId[] Start(Simulation simulation, int nodes, int leaderBias) =>
        [.. Enumerable.Range(1, nodes).Select(i => simulation.AddNode($"n{i}", context => new Gossip(context, i == 1, leaderBias)))];

    public void OnStart() => context.SetTimer(s_tick, Tick, "tick");

    public void OnMessage(NodeId from, object message)
    {
        switch (message)
        {
            case Update update:
                context.Send(from, new Ack(update.Id));
                break;
            case Ack ack when _unacked.TryGetValue(from, out HashSet<int>? pending):
                pending.Remove(ack.Id);
                break;
        }
    }

    private void Tick()
    {
        context.Broadcast(new Heartbeat(++_seq));
        if (isLeader)
        {
            foreach (NodeId peer in context.Peers)
            {
                if (!_unacked.TryGetValue(peer, out HashSet<int>? pending))
                {
                    pending = [];
                    _unacked.Add(peer, pending);
                }

                foreach (int id in pending.Order())
                {
                    context.Send(peer, new Update(id));
                }

                for (int i = 0; i < updatesPerTick; i++)
                {
                    pending.Add(_nextUpdate);
                    context.Send(peer, new Update(_nextUpdate));
                    _nextUpdate++;
                }
            }
        }

        context.SetTimer(s_tick, Tick, "tick");
    }
}
