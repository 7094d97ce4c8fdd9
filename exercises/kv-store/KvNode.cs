using DistSys.Runtime;

namespace DistSys.KvStore;

/// <summary>
/// One node of a Dynamo-style replicated key-value store, running on the simulator. Every node stores data and can
/// serve client requests.
/// <list type="bullet">
/// <item><description><b>Placement.</b> A <see cref="ConsistentHashRing"/> over the current members; a key's home
/// replicas are the first <see cref="KvSettings.N"/> nodes of its preference list, the nodes after them its fallbacks.</description></item>
/// <item><description><b>Writes.</b> <see cref="Put"/> runs on one of the key's home replicas (the client routes it there,
/// like Dynamo's partition-aware client). That coordinator makes the new version with <see cref="Versions.Write"/>,
/// stores it durably, sends its versions of the key to the other home replicas, and succeeds once
/// <see cref="KvSettings.W"/> nodes, itself included, have acknowledged (its own store counts at once, with no message
/// to itself). Messages get lost: resend to each home replica that has not acknowledged, every
/// <see cref="KvSettings.RetryInterval"/> (not sooner), until it acknowledges or <see cref="KvSettings.RequestTimeout"/>.</description></item>
/// <item><description><b>Sloppy quorum and hinted handoff.</b> A home replica still silent after
/// <see cref="KvSettings.HandoffAfter"/> is replaced, for this write, by the next fallback not yet used; the fallback
/// keeps the versions as a <em>hint</em> for that home replica (durably, apart from its own data), acknowledges (its ack
/// counts towards W) and, every <see cref="KvSettings.HandoffInterval"/> (not more often), offers the hint to that home
/// replica only, until the replica confirms it has merged every version the hint holds (versions may join a hint while
/// an offer is under way). Off when <see cref="KvSettings.HintedHandoff"/> is false.</description></item>
/// <item><description><b>Reads.</b> <see cref="Get"/> may run on any node. It asks the key's home replicas (resending
/// every <see cref="KvSettings.RetryInterval"/> to those that have not replied), completes when
/// <see cref="KvSettings.R"/> have replied, and returns the <see cref="Versions.Merge"/> of the replies with its context. Concurrent writes come back as several siblings.</description></item>
/// <item><description><b>Read repair.</b> A home replica whose reply lacked some of the merged versions — answering
/// before or after the read completed, until the request times out — is sent the merged versions (the coordinator,
/// when it is that replica, merges them into its own copy); a replica that replied with all of them is sent nothing more.</description></item>
/// <item><description><b>Membership.</b> <see cref="ChangeMembership"/> installs a new ring (stored durably). For each
/// key it stores, a node hands its versions to every node that has become a home replica of the key, the same way as
/// hints: offered until confirmed. A leaving node gets the new membership too (without itself), hands its keys over,
/// and may be shut down once it holds no more hints. Hints for a node that is no longer a member go to the key's
/// current home replicas instead.</description></item>
/// </list>
/// Data and hints live in <see cref="INodeContext.Storage"/>, so they survive crashes; requests in flight do not (their
/// callbacks never run, and a reply to one that arrives after the restart must not count for a new request). Callbacks
/// run inside simulation events, at most once per request.
/// </summary>
public sealed class KvNode : INode
{
    /// <summary>Creates a node and checks its settings.</summary>
    /// <param name="context">The node's simulator context.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> or <paramref name="settings"/> (or its member list) is null.</exception>
    /// <exception cref="ArgumentException">The member list is empty, repeats a node, or does not contain this node.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// N is not between 1 and the number of members; R or W is not between 1 and N; VirtualNodesPerNode is less than 1;
    /// or a time setting is not positive. The message names the setting and its valid range.
    /// </exception>
    public KvNode(INodeContext context, KvSettings settings) =>
        throw new NotImplementedException("Implement KvNode(context, settings): validate the settings, keep the context, build the ring.");

    /// <summary>The current members, in <see cref="NodeId"/> order.</summary>
    public IReadOnlyList<NodeId> Members => throw new NotImplementedException("Implement KvNode.Members.");

    /// <summary>The keys with versions in this node's own data (not its hints), in ordinal order.</summary>
    public IReadOnlyList<string> StoredKeys => throw new NotImplementedException("Implement KvNode.StoredKeys.");

    /// <summary>How many (home replica, key) hints this node holds and has not yet handed over.</summary>
    public int PendingHints => throw new NotImplementedException("Implement KvNode.PendingHints.");

    /// <summary>Starts the node's timers; after a restart, reloads membership from storage.</summary>
    public void OnStart() => throw new NotImplementedException("Implement KvNode.OnStart: load durable state and start the retry timer.");

    /// <summary>Handles the store's own messages.</summary>
    /// <param name="from">The sender.</param>
    /// <param name="message">The message.</param>
    public void OnMessage(NodeId from, object message) =>
        throw new NotImplementedException("Implement KvNode.OnMessage: replication, acknowledgements, reads, repair and handoff.");

    /// <summary>The key's home replicas under the current membership: the first N nodes of its preference list.</summary>
    /// <param name="key">The key.</param>
    /// <returns>N distinct nodes, in ring order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public IReadOnlyList<NodeId> HomeReplicas(string key) =>
        throw new NotImplementedException("Implement KvNode.HomeReplicas: the ring's preference list of length N.");

    /// <summary>The versions of <paramref name="key"/> in this node's own data (not its hints), sorted by dot; empty if none.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The stored siblings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public IReadOnlyList<Sibling> StoredSiblings(string key) =>
        throw new NotImplementedException("Implement KvNode.StoredSiblings: read the key from durable storage.");

    /// <summary>Writes <paramref name="value"/> under <paramref name="key"/>, replacing the versions in <paramref name="context"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="context">The context from the client's last read of the key (or last write's result); <see cref="VectorClock.Empty"/> for none.</param>
    /// <param name="onComplete">Called once with the result, when W acknowledgements arrived or the request timed out.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">This node is not one of the key's home replicas (route the write to one that is).</exception>
    public void Put(string key, string value, VectorClock context, Action<PutResult> onComplete) =>
        throw new NotImplementedException("Implement KvNode.Put: version locally, replicate to the home replicas, count acknowledgements.");

    /// <summary>Reads <paramref name="key"/> from its home replicas.</summary>
    /// <param name="key">The key.</param>
    /// <param name="onComplete">Called once with the result, when R replies arrived or the request timed out.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void Get(string key, Action<GetResult> onComplete) =>
        throw new NotImplementedException("Implement KvNode.Get: ask the home replicas, merge R replies, repair stale ones.");

    /// <summary>Installs a new membership and hands this node's keys to their new home replicas.</summary>
    /// <param name="members">The new members; this node may be absent when it is leaving.</param>
    /// <exception cref="ArgumentNullException"><paramref name="members"/> is null.</exception>
    /// <exception cref="ArgumentException">The list repeats a node or has fewer than N members.</exception>
    public void ChangeMembership(IReadOnlyCollection<NodeId> members) =>
        throw new NotImplementedException("Implement KvNode.ChangeMembership: rebuild the ring and hand keys to their new homes.");
}
