using DistSys.Runtime;

namespace DistSys.BasicPaxos.Tests;

/// <summary>A node's context that shows every message the node sends to the <see cref="PaxosObserver"/> first.</summary>
internal sealed class RecordingContext(INodeContext inner, PaxosObserver observer) : INodeContext
{
    public NodeId Id => inner.Id;

    public IReadOnlyList<NodeId> Peers => inner.Peers;

    public TimeSpan Now => inner.Now;

    public TimeProvider Time => inner.Time;

    public Random Random => inner.Random;

    public IPersistentStore Storage => inner.Storage;

    public void Send(NodeId to, object message)
    {
        observer.OnSend(inner.Id, to, message);
        inner.Send(to, message);
    }

    public void Broadcast(object message)
    {
        foreach (var peer in inner.Peers)
        {
            observer.OnSend(inner.Id, peer, message);
        }

        inner.Broadcast(message);
    }

    public TimerId SetTimer(TimeSpan delay, Action callback, string? label = null) => inner.SetTimer(delay, callback, label);

    public void CancelTimer(TimerId timer) => inner.CancelTimer(timer);

    public void Log(string text) => inner.Log(text);
}
