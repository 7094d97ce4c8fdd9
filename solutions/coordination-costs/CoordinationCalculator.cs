namespace DistSys.CoordinationCosts;

public sealed class CoordinationCalculator
{
    private const int Control = CostModel.ControlMessageBytes;

    public CoordinationCalculator(int nodes, double rttMs, int messageSizeBytes = CostModel.DefaultMessageBytes)
    {
        if (nodes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "Coordination needs at least two nodes.");
        }

        Check.NonNegative(rttMs, nameof(rttMs));
        ArgumentOutOfRangeException.ThrowIfLessThan(messageSizeBytes, 1);
        Nodes = nodes;
        RttMs = rttMs;
        MessageSizeBytes = messageSizeBytes;
    }

    public int Nodes { get; }

    public double RttMs { get; }

    public int MessageSizeBytes { get; }

    private int Peers => Nodes - 1;

    public CoordinationMetrics TwoPhaseCommit(long transactions, double failureRate = 0.01, RandomOutcomes? outcomes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(transactions);
        Check.Probability(failureRate, nameof(failureRate));
        var aborts = (outcomes ?? RandomOutcomes.Expected).Count(transactions, failureRate);
        var metrics = new CoordinationMetrics();

        // Phase 1: prepare carries the transaction; the votes come back.
        metrics.AddMessages(transactions * Peers, MessageSizeBytes);
        metrics.AddMessages(transactions * Peers, Control);
        metrics.AddRoundTrips(transactions, RttMs);

        // Phase 2: commit or abort costs the same; the participants acknowledge it.
        metrics.AddMessages(2 * transactions * Peers, Control);
        metrics.AddRoundTrips(transactions, RttMs);

        metrics.AddFailures(aborts);
        return metrics;
    }

    public CoordinationMetrics Consensus(long operations, double failureRate = 0.01, RandomOutcomes? outcomes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(operations);
        Check.Probability(failureRate, nameof(failureRate));
        var elections = (outcomes ?? RandomOutcomes.Expected).Count(operations, failureRate);
        var metrics = new CoordinationMetrics();

        // Replication: the entry to every follower, acknowledgements back; the leader waits for a majority.
        metrics.AddMessages(operations * Peers, MessageSizeBytes);
        metrics.AddMessages(operations * Peers, Control);
        metrics.AddRoundTrips(operations, RttMs);

        // Heartbeats and their replies run in the background while the leader replicates.
        var heartbeatRounds = (long)Math.Floor(operations * RttMs / CostModel.HeartbeatIntervalMs);
        metrics.AddMessages(2 * heartbeatRounds * Peers, Control);

        // Each election: wait out the timeout, collect votes, then assert leadership with a heartbeat round.
        metrics.AddFailures(elections);
        metrics.AddWaitingTime(elections * CostModel.ElectionTimeoutMs);
        metrics.AddMessages(4 * elections * Peers, Control);
        metrics.AddRoundTrips(2 * elections, RttMs);
        return metrics;
    }

    public GossipResult Gossip(long updates, int fanout, int maxRounds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(updates);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanout, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRounds, 1);
        var peersPerPush = Math.Min(fanout, Peers);
        var missedByOnePusher = 1 - (double)peersPerPush / Peers;
        var target = CostModel.GossipCoverageTarget * Nodes;

        var informed = 1;
        var rounds = 0;
        long pushes = 0;
        while (informed < target && rounds < maxRounds)
        {
            rounds++;
            pushes += (long)informed * peersPerPush;
            var newlyInformed = (Nodes - informed) * (1 - Math.Pow(missedByOnePusher, informed));
            informed = Math.Min(Nodes, informed + (int)Math.Round(newlyInformed));
        }

        var metrics = new CoordinationMetrics();
        metrics.AddMessages(updates * pushes, MessageSizeBytes);
        metrics.AddMessages(updates * pushes, Control);
        metrics.AddRoundTrips(updates * rounds, RttMs);
        return new GossipResult(metrics, rounds, informed, informed >= target);
    }

    public CoordinationMetrics Quorum(long operations, int readQuorum, int writeQuorum, double readFraction = 0.8, RandomOutcomes? outcomes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(operations);
        ArgumentOutOfRangeException.ThrowIfLessThan(readQuorum, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(readQuorum, Nodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(writeQuorum, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(writeQuorum, Nodes);
        Check.Probability(readFraction, nameof(readFraction));
        if (readQuorum + writeQuorum <= Nodes)
        {
            throw new InvalidQuorumException(Nodes, readQuorum, writeQuorum);
        }

        var reads = (outcomes ?? RandomOutcomes.Expected).Count(operations, readFraction);
        var writes = operations - reads;
        var metrics = new CoordinationMetrics();
        metrics.AddMessages(reads * readQuorum, Control);
        metrics.AddMessages(reads * readQuorum, MessageSizeBytes);
        metrics.AddRoundTrips(reads, RttMs * CostModel.QuorumReadRttFactor);
        metrics.AddMessages(writes * writeQuorum, MessageSizeBytes);
        metrics.AddMessages(writes * writeQuorum, Control);
        metrics.AddRoundTrips(writes, RttMs * CostModel.QuorumWriteRttFactor);
        return metrics;
    }

    public CoordinationMetrics NoCoordination(long operations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(operations);
        var metrics = new CoordinationMetrics();
        metrics.AddWaitingTime(operations * CostModel.LocalOperationMs);
        return metrics;
    }
}
