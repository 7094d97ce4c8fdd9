namespace DistSys.CoordinationCosts;

/// <summary>
/// The constants of the cost model. A <em>round trip</em> is one wave of requests and the replies to it: it costs
/// one RTT of time, whatever the number of peers, because the requests go out in parallel. Messages that carry an
/// operation's data are <see cref="CoordinationCalculator.MessageSizeBytes"/> long; control messages (votes, decisions,
/// acknowledgements, heartbeats, vote requests, read requests) are <see cref="ControlMessageBytes"/> long.
/// </summary>
public static class CostModel
{
    /// <summary>Default size of a message that carries an operation's data: 1 KiB.</summary>
    public const int DefaultMessageBytes = 1024;

    /// <summary>Size of a control message.</summary>
    public const int ControlMessageBytes = 64;

    /// <summary>Default price of bandwidth, in US dollars per GB (1 GB = 1024³ bytes here).</summary>
    public const double DefaultPricePerGb = 0.02;

    /// <summary>How long followers wait without hearing from a leader before they elect a new one.</summary>
    public const double ElectionTimeoutMs = 150;

    /// <summary>How often an idle Raft leader sends heartbeats.</summary>
    public const double HeartbeatIntervalMs = 1000;

    /// <summary>A quorum read waits for the slowest of R replicas: 1.2 RTT on average.</summary>
    public const double QuorumReadRttFactor = 1.2;

    /// <summary>A quorum write waits for the slowest of W replicas, which also persist: 1.3 RTT on average.</summary>
    public const double QuorumWriteRttFactor = 1.3;

    /// <summary>Gossip stops once this fraction of the nodes has the update.</summary>
    public const double GossipCoverageTarget = 0.99;

    /// <summary>An operation that needs no coordination still costs this much local work.</summary>
    public const double LocalOperationMs = 0.1;
}
