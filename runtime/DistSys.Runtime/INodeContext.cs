namespace DistSys.Runtime;

/// <summary>
/// Everything a node may use to interact with the world: the network, virtual time, timers, randomness, durable storage
/// and the trace. Calls made through the context of a crashed instance have no effect.
/// </summary>
public interface INodeContext
{
    /// <summary>This node's id.</summary>
    NodeId Id { get; }

    /// <summary>Every other node of the simulation, in <see cref="NodeId"/> order. Grows when nodes are added.</summary>
    IReadOnlyList<NodeId> Peers { get; }

    /// <summary>Virtual time since the simulation began.</summary>
    TimeSpan Now { get; }

    /// <summary>
    /// A <see cref="TimeProvider"/> on virtual time, for code written against <see cref="TimeProvider"/>:
    /// <see cref="TimeProvider.GetUtcNow"/> is <see cref="Simulation.Epoch"/> + <see cref="Now"/>, timestamps count
    /// virtual ticks, and its timers fire on virtual time and die with this node when it crashes.
    /// </summary>
    TimeProvider Time { get; }

    /// <summary>
    /// This node's random stream, derived from the simulation seed and the node's name: adding other nodes does not
    /// change it. The stream continues across restarts.
    /// </summary>
    Random Random { get; }

    /// <summary>Durable storage: survives <see cref="Simulation.Crash"/> and <see cref="Simulation.Restart"/>.</summary>
    IPersistentStore Storage { get; }

    /// <summary>Sends a message through the simulated network. It may be delayed, reordered, dropped or duplicated.</summary>
    /// <param name="to">The destination (may be this node itself).</param>
    /// <param name="message">The message; use immutable records so that its trace description is meaningful.</param>
    void Send(NodeId to, object message);

    /// <summary>Sends the same message to every node in <see cref="Peers"/>, in order.</summary>
    /// <param name="message">The message.</param>
    void Broadcast(object message);

    /// <summary>Runs <paramref name="callback"/> after <paramref name="delay"/> of virtual time, unless cancelled or the node crashes first.</summary>
    /// <param name="delay">How long to wait; zero runs it after the events already due now.</param>
    /// <param name="callback">What to do when the timer fires.</param>
    /// <param name="label">A name shown in the trace, such as <c>"election timeout"</c>.</param>
    /// <returns>The id to pass to <see cref="CancelTimer"/>.</returns>
    TimerId SetTimer(TimeSpan delay, Action callback, string? label = null);

    /// <summary>Cancels a timer. Cancelling a timer that already fired or was cancelled does nothing.</summary>
    /// <param name="timer">The timer's id.</param>
    void CancelTimer(TimerId timer);

    /// <summary>Records a line of text in the simulation trace, attributed to this node.</summary>
    /// <param name="text">What to record.</param>
    void Log(string text);
}
