namespace DistSys.VectorClocks;

/// <summary>
/// One process's vector-clock bookkeeping (the Fidge–Mattern rules). The process stamps each of its events:
/// <list type="bullet">
/// <item><description>a local event ticks the process's own entry;</description></item>
/// <item><description>a send is an event too: tick, and the new clock travels with the message;</description></item>
/// <item><description>a receive merges the message's clock into the process's clock, then ticks.</description></item>
/// </list>
/// The clock returned by each method is the stamp of that event. A process that follows these rules gives every event
/// a distinct stamp, and the stamps of two events compare as <see cref="Causality.Before"/> exactly when the first
/// happened before the second.
/// </summary>
public sealed class ClockedProcess
{
    /// <summary>Creates a process whose clock starts empty.</summary>
    /// <param name="nodeId">The id of the process's own entry.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nodeId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodeId"/> is empty or white space.</exception>
    public ClockedProcess(string nodeId) =>
        throw new NotImplementedException("Implement ClockedProcess(nodeId): validate the id and start from the empty clock.");

    /// <summary>The id of this process's own entry.</summary>
    public string NodeId => throw new NotImplementedException("Implement ClockedProcess.NodeId.");

    /// <summary>The stamp of the process's latest event (the empty clock before its first event).</summary>
    public VectorClock Clock => throw new NotImplementedException("Implement ClockedProcess.Clock.");

    /// <summary>Records a local event (one that sends and receives nothing).</summary>
    /// <returns>The event's stamp.</returns>
    public VectorClock LocalEvent() =>
        throw new NotImplementedException("Implement ClockedProcess.LocalEvent: tick the process's own entry.");

    /// <summary>Records the sending of a message.</summary>
    /// <returns>The send event's stamp, to attach to the message.</returns>
    public VectorClock Send() =>
        throw new NotImplementedException("Implement ClockedProcess.Send: tick, and return the clock that travels with the message.");

    /// <summary>Records the delivery of a message that carried <paramref name="stamp"/>.</summary>
    /// <param name="stamp">The clock the sender attached to the message.</param>
    /// <returns>The receive event's stamp.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stamp"/> is null.</exception>
    public VectorClock Receive(VectorClock stamp) =>
        throw new NotImplementedException("Implement ClockedProcess.Receive: merge the message's clock into yours, then tick.");
}
