using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>Log replication (Raft §5.3, §5.4): commands reach every node, in one order, only with a majority.</summary>
[Category("behaviour")]
public class AgreementTests
{
    private static readonly TimeSpan s_electionLimit = TimeSpan.FromSeconds(2);

    [Test]
    public void Commands_are_committed_on_every_node_at_consecutive_indices() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        cluster.WaitForLeader(s_electionLimit, "in a new cluster");

        for (int i = 1; i <= 3; i++)
        {
            Assert.That(cluster.AnyApplied(i), Is.False, $"nothing may be applied at index {i} before a command was started there.\n{cluster.Tail()}");
            long index = cluster.One($"cmd{i}", 3, retry: false);
            Assert.That(index, Is.EqualTo(i), $"the {i}th command on a stable cluster goes to index {i}.\n{cluster.Tail()}");
        }
    });

    [Test]
    public void Each_command_is_sent_to_each_follower_about_once() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        cluster.WaitForLeader(s_electionLimit, "in a new cluster");
        cluster.One("warm-up", 3, retry: false);
        long bytesBefore = simulation.Metrics.BytesSent;
        long commandBytes = 0;
        for (int i = 0; i < 10; i++)
        {
            string command = $"{i}:" + new string((char)('a' + i), 5000);
            commandBytes += command.Length;
            cluster.One(command, 3, retry: false);
        }

        long sent = simulation.Metrics.BytesSent - bytesBefore;
        long bound = commandBytes * 2 + 50_000;
        Assert.That(sent, Is.LessThanOrEqualTo(bound),
            $"ten 5,000-byte commands to two followers should cost about {commandBytes * 2:N0} bytes; {sent:N0} were sent: is every entry resent with every heartbeat?\n{cluster.Tail()}");
    });

    [Test]
    public void An_idle_leader_sends_a_bounded_number_of_heartbeats_per_second() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        NodeId leader = cluster.WaitForLeader(s_electionLimit, "in a new cluster");
        simulation.RunFor(TimeSpan.FromMilliseconds(500));
        long before = simulation.Metrics.MessagesSent;

        simulation.RunFor(TimeSpan.FromSeconds(2));

        long perSecond = (simulation.Metrics.MessagesSent - before) / 2;
        // Two followers, a heartbeat every 50 ms each way and its reply: 80 messages a second, with slack for jitter.
        Assert.That(perSecond, Is.LessThanOrEqualTo(100),
            $"an idle three-node cluster led by {leader} sent {perSecond} messages per second; heartbeats every HeartbeatInterval (50 ms) to two followers and their replies make 80.\n{cluster.Tail()}");
        Assert.That(cluster.Raft(leader)!.Role, Is.EqualTo(RaftRole.Leader), $"heartbeats must keep the leader in place.\n{cluster.Tail()}");
    });

    [Test]
    public void Agreement_continues_without_a_failed_follower_and_it_catches_up() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        NodeId leader = cluster.WaitForLeader(s_electionLimit, "in a new cluster");
        cluster.One(101, 3, retry: false);

        NodeId follower = cluster.Nodes.First(n => n != leader);
        cluster.Disconnect(follower);
        cluster.One(102, 2, retry: false);
        cluster.One(103, 2, retry: false);
        simulation.RunFor(TimeSpan.FromSeconds(1));
        cluster.One(104, 2, retry: false);

        cluster.Connect(follower);
        cluster.One(105, 3, retry: true);
        Assert.That(cluster.Applied(follower).Values, Is.SupersetOf(new object[] { 102, 103, 104, 105 }),
            $"the follower {follower} that was cut off must catch up on every entry it missed.\n{cluster.Tail()}");
    });

    [Test]
    public void Nothing_is_committed_without_a_majority() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 5);
        NodeId leader = cluster.WaitForLeader(s_electionLimit, "in a new five-node cluster");
        cluster.One(10, 5, retry: false);

        NodeId[] cut = [.. cluster.Nodes.Where(n => n != leader).Take(3)];
        foreach (NodeId node in cut)
        {
            cluster.Disconnect(node);
        }

        StartResult started = cluster.Raft(leader)!.Start(20);
        Assert.That(started.IsLeader, Is.True, $"{leader} has not yet noticed it lost its majority, so it still accepts commands.\n{cluster.Tail()}");
        Assert.That(started.Index, Is.EqualTo(2), "the second command goes to index 2");
        simulation.RunFor(TimeSpan.FromSeconds(2));
        Assert.That(cluster.AnyApplied(started.Index), Is.False,
            $"with three of five nodes cut off, index {started.Index} is on two nodes only and must not be committed.\n{cluster.Tail()}");

        foreach (NodeId node in cut)
        {
            cluster.Connect(node);
        }

        cluster.One(30, 5, retry: true);
    });

    [Test]
    public void Concurrent_starts_on_the_leader_all_commit_at_distinct_indices() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        NodeId leader = cluster.WaitForLeader(s_electionLimit, "in a new cluster");
        cluster.One("first", 3, retry: false);
        RaftNode raft = cluster.Raft(leader)!;
        long term = raft.CurrentTerm;

        var indices = new Dictionary<long, int>();
        for (int i = 0; i < 5; i++)
        {
            int command = 100 + i;
            simulation.Schedule(TimeSpan.Zero, () =>
            {
                if (simulation.IsUp(leader) && cluster.Raft(leader)!.Start(command) is { IsLeader: true } started)
                {
                    indices[started.Index] = command;
                }
            }, $"start {command}");
        }

        simulation.RunFor(TimeSpan.FromSeconds(1));
        if (cluster.Raft(leader)!.CurrentTerm != term)
        {
            return; // Leadership changed meanwhile; the invariants still held.
        }

        Assert.That(indices.Keys.Order(), Is.EqualTo(new long[] { 2, 3, 4, 5, 6 }),
            $"five commands started one after another go to five distinct, consecutive indices.\n{cluster.Tail()}");
        foreach ((long index, int command) in indices)
        {
            Assert.That(cluster.CountApplied(index, command), Is.EqualTo(3), $"command {command} at index {index} must be applied on all three nodes.\n{cluster.Tail()}");
        }
    });

    [Test]
    public void A_partitioned_old_leader_rejoins_and_its_uncommitted_entries_are_replaced() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 3);
        cluster.One(101, 3, retry: true);
        NodeId leader1 = cluster.WaitForLeader(s_electionLimit, "after the first command");

        cluster.Disconnect(leader1);
        long[] lost = [.. new[] { 102, 103, 104 }.Select(c => cluster.Raft(leader1)!.Start(c).Index)];
        cluster.One(103, 2, retry: true);

        NodeId leader2 = cluster.WaitForLeader(s_electionLimit, "among the two connected nodes");
        cluster.Disconnect(leader2);
        cluster.Connect(leader1);
        cluster.One(104, 2, retry: true);

        cluster.Connect(leader2);
        cluster.One(105, 3, retry: true);

        Assert.That(cluster.Applied(leader1).Values, Does.Not.Contain(102),
            $"{leader1}'s entry 102 (indices {string.Join(", ", lost)}) was never committed: when it rejoined, the new leader's entries replaced it.\n{cluster.Tail()}");
        Assert.That(cluster.Applied(leader1)[2], Is.EqualTo(103),
            $"{leader1} must end up with the committed entry at index 2.\n{cluster.Tail()}");
    });

    [Test]
    public void A_follower_backs_up_over_fifty_conflicting_entries_in_a_few_messages() => RaftSeeds.ForEach(simulation =>
    {
        var cluster = new RaftCluster(simulation, 5);
        NodeId leader1 = cluster.WaitForLeader(s_electionLimit, "in a new five-node cluster");
        cluster.One("start", 5, retry: true);
        leader1 = cluster.WaitForLeader(s_electionLimit, "after the first command");

        // The leader and one follower are cut off with 50 entries that can never commit.
        NodeId[] minority = [leader1, cluster.Nodes.First(n => n != leader1)];
        NodeId[] majority = [.. cluster.Nodes.Except(minority)];
        foreach (NodeId node in majority)
        {
            cluster.Disconnect(node);
        }

        for (int i = 0; i < 50; i++)
        {
            cluster.Raft(leader1)!.Start($"lost{i}");
        }

        simulation.RunFor(TimeSpan.FromMilliseconds(500));
        foreach (NodeId node in minority)
        {
            cluster.Disconnect(node);
        }

        foreach (NodeId node in majority)
        {
            cluster.Connect(node);
        }

        for (int i = 0; i < 50; i++)
        {
            cluster.One($"kept{i}", 3, retry: true);
        }
        // Everyone reconnects; the two stale nodes must back up over 50 conflicting entries.
        long rejectionsBefore = cluster.RejectedAppends;
        foreach (NodeId node in minority)
        {
            cluster.Connect(node);
        }

        cluster.One("end", 5, retry: true);
        long rejections = cluster.RejectedAppends - rejectionsBefore;
        Assert.That(rejections, Is.LessThanOrEqualTo(20),
            $"backing up two followers over 50 conflicting entries took {rejections} rejected AppendEntries; with ConflictIndex/ConflictTerm it takes a few per follower, not one per entry.\n{cluster.Tail()}");
    });
}
