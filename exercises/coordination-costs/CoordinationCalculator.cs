namespace DistSys.CoordinationCosts;

/// <summary>
/// What coordination costs on a cluster of <see cref="Nodes"/> nodes, <see cref="RttMs"/> apart, for the common
/// protocols. The cost model (see <see cref="CostModel"/> and the README's table):
/// a round trip is one wave of requests and the replies to it and costs one RTT; data messages are
/// <see cref="MessageSizeBytes"/> long and control messages <see cref="CostModel.ControlMessageBytes"/>; operations run
/// one after another, so their times add up.
/// </summary>
public sealed class CoordinationCalculator
{
    /// <summary>Sets up the calculator.</summary>
    /// <param name="nodes">Nodes in the cluster; at least 2 (one node has nobody to coordinate with).</param>
    /// <param name="rttMs">Round-trip time between any two nodes, in ms; zero or more, finite.</param>
    /// <param name="messageSizeBytes">Size of a message that carries an operation's data; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Any argument out of range.</exception>
    public CoordinationCalculator(int nodes, double rttMs, int messageSizeBytes = CostModel.DefaultMessageBytes) =>
        throw new NotImplementedException("Implement the CoordinationCalculator constructor: validate and keep nodes (>= 2), RTT (>= 0) and message size (>= 1).");

    /// <summary>N, the nodes in the cluster.</summary>
    public int Nodes => throw new NotImplementedException("Implement CoordinationCalculator.Nodes.");

    /// <summary>The round-trip time between two nodes, in ms.</summary>
    public double RttMs => throw new NotImplementedException("Implement CoordinationCalculator.RttMs.");

    /// <summary>The size of a data message, in bytes.</summary>
    public int MessageSizeBytes => throw new NotImplementedException("Implement CoordinationCalculator.MessageSizeBytes.");

    /// <summary>
    /// Two-phase commit: one of the nodes coordinates, the other N − 1 participate. Per transaction:
    /// <list type="number">
    /// <item>prepare (data, N − 1 messages) and votes (control, N − 1): one round trip;</item>
    /// <item>the decision, commit or abort (control, N − 1), and acknowledgements (control, N − 1): one round trip.</item>
    /// </list>
    /// So 4(N − 1) messages and 2 round trips per transaction, committed or aborted alike.
    /// <paramref name="outcomes"/> decides how many transactions abort (each with chance <paramref name="failureRate"/>);
    /// every abort is a failure.
    /// </summary>
    /// <param name="transactions">Zero or more.</param>
    /// <param name="failureRate">Chance that a participant votes no, in [0, 1].</param>
    /// <param name="outcomes">How aborts are counted; null means <see cref="RandomOutcomes.Expected"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or a rate outside [0, 1].</exception>
    public CoordinationMetrics TwoPhaseCommit(long transactions, double failureRate = 0.01, RandomOutcomes? outcomes = null) =>
        throw new NotImplementedException("Implement CoordinationCalculator.TwoPhaseCommit: per transaction prepare + votes and decision + acks, 4(N-1) messages and 2 round trips; count aborts as failures.");

    /// <summary>
    /// Paxos/Raft with a stable leader. Per operation the leader sends the entry (data) to all N − 1 followers and
    /// gets N − 1 acknowledgements (control): one round trip (it waits for a majority).
    /// Each failure (chance <paramref name="failureRate"/> per operation, counted by <paramref name="outcomes"/>) costs a
    /// leader election: the <see cref="CostModel.ElectionTimeoutMs"/> wait, vote requests and votes (control, N − 1 each,
    /// one round trip), and the new leader's first heartbeats and replies (control, N − 1 each, one round trip).
    /// Heartbeats: one round of N − 1 heartbeats and N − 1 replies (control) per whole
    /// <see cref="CostModel.HeartbeatIntervalMs"/> of replication time (operations × RTT); they run in the background,
    /// so they add messages but no round trips or time.
    /// </summary>
    /// <param name="operations">Zero or more.</param>
    /// <param name="failureRate">Chance per operation that the leader fails, in [0, 1].</param>
    /// <param name="outcomes">How failures are counted; null means <see cref="RandomOutcomes.Expected"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or a rate outside [0, 1].</exception>
    public CoordinationMetrics Consensus(long operations, double failureRate = 0.01, RandomOutcomes? outcomes = null) =>
        throw new NotImplementedException("Implement CoordinationCalculator.Consensus: replication to N-1 followers and acks (1 round trip per operation), heartbeats, and an election per failure.");

    /// <summary>
    /// Push gossip of each of <paramref name="updates"/> updates, spread independently. For one update, starting with
    /// one informed node, repeat rounds while fewer than <see cref="CostModel.GossipCoverageTarget"/> × N nodes are
    /// informed and fewer than <paramref name="maxRounds"/> rounds have run:
    /// <list type="bullet">
    /// <item>every informed node pushes the update (data) to f = min(fanout, N − 1) distinct random peers, and each push
    /// is acknowledged (control): informed × f pushes and as many acks, one round trip;</item>
    /// <item>an uninformed node is missed by one pusher with probability 1 − f/(N − 1), so the expected number of newly
    /// informed nodes is (N − informed) × (1 − (1 − f/(N − 1))^informed), rounded to the nearest whole number
    /// (<see cref="Math.Round(double)"/>, halves to even).</item>
    /// </list>
    /// The metrics are one update's costs times <paramref name="updates"/>.
    /// </summary>
    /// <param name="updates">Zero or more.</param>
    /// <param name="fanout">Peers each informed node contacts per round; at least 1.</param>
    /// <param name="maxRounds">The most rounds per update; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Any argument out of range.</exception>
    public GossipResult Gossip(long updates, int fanout, int maxRounds) =>
        throw new NotImplementedException("Implement CoordinationCalculator.Gossip: epidemic rounds until 99% of nodes are informed (or maxRounds), pushes and acks per round, times the number of updates.");

    /// <summary>
    /// Quorum reads and writes, sent by a front end to the replicas in parallel (one round trip each).
    /// <paramref name="outcomes"/> decides how many operations are reads (chance <paramref name="readFraction"/>).
    /// A read sends R requests (control) and gets R replies (data) and takes <see cref="CostModel.QuorumReadRttFactor"/>
    /// RTT; a write sends W requests (data) and gets W acks (control) and takes <see cref="CostModel.QuorumWriteRttFactor"/> RTT.
    /// </summary>
    /// <param name="operations">Zero or more.</param>
    /// <param name="readQuorum">R, between 1 and N.</param>
    /// <param name="writeQuorum">W, between 1 and N.</param>
    /// <param name="readFraction">The share of reads, in [0, 1].</param>
    /// <param name="outcomes">How reads are counted; null means <see cref="RandomOutcomes.Expected"/>.</param>
    /// <exception cref="InvalidQuorumException">R + W ≤ N: reads and writes need not overlap.</exception>
    /// <exception cref="ArgumentOutOfRangeException">R or W outside [1, N], a negative count or a fraction outside [0, 1].</exception>
    public CoordinationMetrics Quorum(long operations, int readQuorum, int writeQuorum, double readFraction = 0.8, RandomOutcomes? outcomes = null) =>
        throw new NotImplementedException("Implement CoordinationCalculator.Quorum: check R + W > N (else InvalidQuorumException), then reads (R requests + R replies, 1.2 RTT) and writes (W + W, 1.3 RTT).");

    /// <summary>The baseline: every operation is local, costs <see cref="CostModel.LocalOperationMs"/> and sends nothing.</summary>
    /// <param name="operations">Zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count.</exception>
    public CoordinationMetrics NoCoordination(long operations) =>
        throw new NotImplementedException("Implement CoordinationCalculator.NoCoordination: 0.1 ms of local work per operation, no messages.");
}
