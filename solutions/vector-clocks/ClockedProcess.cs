namespace DistSys.VectorClocks;

/// <summary>Fidge–Mattern bookkeeping for one process: tick on every event, merge before ticking on receive.</summary>
public sealed class ClockedProcess
{
    public ClockedProcess(string nodeId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        NodeId = nodeId;
        Clock = new VectorClock();
    }

    public string NodeId { get; }

    public VectorClock Clock { get; private set; }

    public VectorClock LocalEvent() => Clock = Clock.Increment(NodeId);

    public VectorClock Send() => Clock = Clock.Increment(NodeId);

    public VectorClock Receive(VectorClock stamp)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        // Merging alone would give the receive the sender's stamp when the receiver knew nothing new: the tick makes it a distinct, later event.
        return Clock = Clock.Merge(stamp).Increment(NodeId);
    }
}
