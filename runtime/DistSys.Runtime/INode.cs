namespace DistSys.Runtime;

/// <summary>
/// A process in a <see cref="Simulation"/>. The simulation calls it from a single logical thread, one event at a time:
/// a node never needs locks, and must never block, sleep, start threads or read the wall clock.
/// </summary>
/// <remarks>
/// A node receives its <see cref="INodeContext"/> through the factory passed to <see cref="Simulation.AddNode"/>.
/// Fields of the node are volatile state: a <see cref="Simulation.Crash"/> loses them. Only
/// <see cref="INodeContext.Storage"/> survives until the node is restarted.
/// </remarks>
public interface INode
{
    /// <summary>
    /// Called once when the simulation starts (its first step), immediately when the node is added to a running
    /// simulation, and again on the fresh instance after every <see cref="Simulation.Restart"/>. Set the first timers here.
    /// </summary>
    void OnStart();

    /// <summary>Called when a message sent to this node is delivered by the network.</summary>
    /// <param name="from">The node that sent it.</param>
    /// <param name="message">The message object exactly as it was sent (not a copy: treat messages as immutable).</param>
    void OnMessage(NodeId from, object message);
}
