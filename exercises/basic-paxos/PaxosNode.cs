using DistSys.Runtime;

namespace DistSys.BasicPaxos;

/// <summary>
/// One node of single-decree Paxos on the simulator. Every node plays all three roles:
/// <list type="bullet">
/// <item><b>Proposer</b> — after <see cref="Propose"/>, picks a fresh <see cref="Ballot"/> (a round above every round
/// it has used or seen, with its own id), sends <see cref="Prepare"/> to every node including itself, and waits for
/// <see cref="Promise"/>s from a majority. It then sends <see cref="Accept"/> with the value of the
/// highest-ballot accepted value among those promises, or with its own value if none had accepted anything. If a
/// ballot fails (a <see cref="Rejected"/>, or no majority within <see cref="PaxosOptions.RoundTimeout"/>), it backs off
/// for a random, growing delay drawn from <see cref="INodeContext.Random"/>, then tries a higher ballot — until it
/// learns the chosen value.</item>
/// <item><b>Acceptor</b> — keeps <see cref="Promised"/>, <see cref="AcceptedBallot"/> and <see cref="AcceptedValue"/>
/// in <see cref="INodeContext.Storage"/>, written <em>before</em> it answers. A <see cref="Prepare"/> with a ballot at
/// least its promise is promised (the reply reports what it accepted last); an <see cref="Accept"/> with a ballot at
/// least its promise is accepted and announced with <see cref="Accepted"/> to every node; anything lower gets a
/// <see cref="Rejected"/> naming the promise.</item>
/// <item><b>Learner</b> — counts <see cref="Accepted"/> messages per ballot from distinct acceptors; a majority in one
/// ballot means that value is chosen: it sets <see cref="LearnedValue"/>, stops proposing and broadcasts
/// <see cref="Decided"/> (and a node that receives <see cref="Decided"/> learns from it).</item>
/// </list>
/// The cluster is this node and <see cref="INodeContext.Peers"/>; a majority is more than half of it.
/// Volatile fields are lost in a crash; after <see cref="Simulation.Restart"/> a new instance starts from
/// <see cref="INodeContext.Storage"/> in <see cref="OnStart"/>. A proposer must never reuse a ballot, not even
/// across a restart. Messages can be lost, duplicated, delayed for long and reordered.
/// </summary>
public sealed class PaxosNode : INode
{
    /// <summary>Creates a node. Nothing is sent until <see cref="OnStart"/> or <see cref="Propose"/>.</summary>
    /// <param name="context">The node's simulator context: network, timers, random stream, storage.</param>
    /// <param name="options">Timeouts and back-off; null means the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public PaxosNode(INodeContext context, PaxosOptions? options = null) =>
        throw new NotImplementedException("Implement the PaxosNode constructor: reject a null context, keep the context and options (null: defaults).");

    /// <summary>The acceptor's promise: the highest ballot it has promised or accepted, or null if none. Never
    /// decreases, not even across a crash and restart.</summary>
    public Ballot? Promised =>
        throw new NotImplementedException("Implement PaxosNode.Promised: the highest ballot promised or accepted (kept in Storage).");

    /// <summary>The ballot in which the acceptor last accepted a value, or null. Never above <see cref="Promised"/>.</summary>
    public Ballot? AcceptedBallot =>
        throw new NotImplementedException("Implement PaxosNode.AcceptedBallot: the ballot of the last accepted value (kept in Storage).");

    /// <summary>The value the acceptor last accepted (in <see cref="AcceptedBallot"/>), or null.</summary>
    public string? AcceptedValue =>
        throw new NotImplementedException("Implement PaxosNode.AcceptedValue: the last accepted value (kept in Storage).");

    /// <summary>The chosen value once this node has learned it (a majority accepted it in one ballot, or a
    /// <see cref="Decided"/> arrived), otherwise null. Once set, it never changes while the instance lives.</summary>
    public string? LearnedValue =>
        throw new NotImplementedException("Implement PaxosNode.LearnedValue: set when a majority of acceptors accepted one ballot.");

    /// <summary>
    /// Called when the simulation starts and after every restart: restore <see cref="Promised"/>,
    /// <see cref="AcceptedBallot"/>, <see cref="AcceptedValue"/> and the highest round this proposer used from
    /// <see cref="INodeContext.Storage"/>. A restarted node does not resume proposing.
    /// </summary>
    public void OnStart() =>
        throw new NotImplementedException("Implement PaxosNode.OnStart: reload the acceptor's state and the proposer's last round from Storage.");

    /// <summary>
    /// Asks this node to get <paramref name="value"/> chosen: it starts a ballot now (round 1 if it has used and seen
    /// no round yet, otherwise one above every round it has used or seen) and keeps trying (with back-off)
    /// until it learns the chosen value, which may be another proposer's. Does nothing once a value is learned. Calling
    /// it again while proposing replaces the value this node proposes when the promises leave it free to choose.
    /// </summary>
    /// <param name="value">The value; not null, empty or white space.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or white space.</exception>
    /// <exception cref="InvalidOperationException">The cluster has fewer than 3 nodes (this node and
    /// <see cref="INodeContext.Peers"/>): Paxos then cannot tolerate a single failure.</exception>
    public void Propose(string value) =>
        throw new NotImplementedException("Implement PaxosNode.Propose: validate, then start phase 1 with a fresh ballot (and persist its round).");

    /// <summary>
    /// Handles a delivered message: <see cref="Prepare"/> and <see cref="Accept"/> (acceptor), <see cref="Promise"/> and
    /// <see cref="Rejected"/> (proposer), <see cref="Accepted"/> and <see cref="Decided"/> (learner). Messages of other
    /// types are ignored. Every message may arrive late, twice, or out of order.
    /// </summary>
    /// <param name="from">The sender.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public void OnMessage(NodeId from, object message) =>
        throw new NotImplementedException("Implement PaxosNode.OnMessage: dispatch on the message type to the three roles.");
}
