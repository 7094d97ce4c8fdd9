using DistSys.Runtime;

namespace DistSys.ZeroCoordinationDb;

/// <summary>
/// One node of the zero-coordination database, running on the simulator. Clients call <see cref="Create"/>,
/// <see cref="Read"/>, <see cref="Update"/> and <see cref="Delete"/> on any replica; each call works on this replica's
/// <see cref="State"/> alone and returns at once: <b>returning is the acknowledgement, and no message is sent between
/// the call and its return</b>. Replicas exchange states in the background by anti-entropy gossip, so every write
/// reaches every replica once the network lets gossip through, whatever it loses, duplicates or reorders.
/// <para>
/// <b>Gossip.</b> From <see cref="INode.OnStart"/> on, a replica with peers sends a copy of its state
/// (<see cref="ReplicaState.Copy"/>, never the live object) to <b>one</b> peer picked with
/// <see cref="INodeContext.Random"/> about every <c>gossipInterval</c> (jitter the timer a little with the same stream, so
/// replicas do not tick in lockstep; keep the average interval). A replica that receives a state merges it. Define the
/// message as your own immutable record. A replica with no peers (a one-node database) never sends anything.
/// </para>
/// <para>
/// <b>CRUD checks are local.</b> "Already exists" and "does not exist" are decided from this replica's state only: two
/// replicas can both create the same key concurrently, and the merge then resolves it (<see cref="ReplicaState"/>).
/// </para>
/// </summary>
public sealed class DbReplica : INode
{
    /// <summary>The gossip interval of the one-argument constructor: 25 ms.</summary>
    public static TimeSpan DefaultGossipInterval { get; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Creates a replica that gossips every <see cref="DefaultGossipInterval"/>.</summary>
    /// <param name="context">The node's simulator context.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public DbReplica(INodeContext context)
        : this(context, DefaultGossipInterval)
    {
    }

    /// <summary>Creates a replica named after its node (<see cref="ReplicaState.ReplicaId"/> = the node's name).</summary>
    /// <param name="context">The node's simulator context.</param>
    /// <param name="gossipInterval">The average time between two gossip messages; more than zero.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gossipInterval"/> is zero or negative.</exception>
    public DbReplica(INodeContext context, TimeSpan gossipInterval) =>
        throw new NotImplementedException("Implement the DbReplica constructor: check the arguments, keep the context and interval, create State named after context.Id.");

    /// <summary>This replica's live state (tests read it; send only copies).</summary>
    public ReplicaState State =>
        throw new NotImplementedException("Implement DbReplica.State.");

    /// <summary>Creates <paramref name="key"/> with <paramref name="value"/> if this replica has no live write for it.</summary>
    /// <param name="key">The key; non-empty.</param>
    /// <param name="value">The value; not null.</param>
    /// <returns>True if created (acknowledged); false if the key already exists here (nothing changes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public bool Create(string key, string value) =>
        throw new NotImplementedException("Implement DbReplica.Create: refuse an existing key, otherwise Put locally; send nothing.");

    /// <summary>The value this replica currently holds for <paramref name="key"/>, or null when absent here.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public string? Read(string key) =>
        throw new NotImplementedException("Implement DbReplica.Read: the local state's value.");

    /// <summary>Replaces the value of <paramref name="key"/> if this replica has a live write for it.</summary>
    /// <param name="key">The key; non-empty.</param>
    /// <param name="value">The new value; not null.</param>
    /// <returns>True if updated (acknowledged); false if the key does not exist here (nothing changes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public bool Update(string key, string value) =>
        throw new NotImplementedException("Implement DbReplica.Update: refuse a missing key, otherwise Put locally; send nothing.");

    /// <summary>Deletes <paramref name="key"/> here (see <see cref="ReplicaState.Remove"/> for concurrent updates).</summary>
    /// <param name="key">The key.</param>
    /// <returns>True if deleted (acknowledged); false if the key does not exist here.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool Delete(string key) =>
        throw new NotImplementedException("Implement DbReplica.Delete: Remove locally; send nothing.");

    /// <summary>Starts the gossip timer (only when the node has peers).</summary>
    public void OnStart() =>
        throw new NotImplementedException("Implement DbReplica.OnStart: start gossiping a copy of the state to one random peer per interval.");

    /// <summary>Merges a received state; ignores any other message.</summary>
    /// <param name="from">The sender.</param>
    /// <param name="message">The message.</param>
    public void OnMessage(NodeId from, object message) =>
        throw new NotImplementedException("Implement DbReplica.OnMessage: merge received states.");
}
