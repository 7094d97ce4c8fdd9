using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>Bad arguments are refused with the documented exception, naming the parameter.</summary>
[Category("behaviour")]
public class ContractTests
{
    private static readonly Action<ApplyMessage> s_ignore = _ => { };

    [Test]
    public void The_constructor_rejects_null_arguments()
    {
        INodeContext context = Context();
        Assert.Multiple(() =>
        {
            Assert.That(() => new RaftNode(null!, new RaftOptions(), s_ignore), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("context"));
            Assert.That(() => new RaftNode(context, null!, s_ignore), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("options"));
            Assert.That(() => new RaftNode(context, new RaftOptions(), null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("apply"));
        });
    }

    [TestCase(0, 300, 50, TestName = "The_constructor_rejects_a_zero_election_timeout")]
    [TestCase(300, 150, 50, TestName = "The_constructor_rejects_a_maximum_election_timeout_below_the_minimum")]
    [TestCase(150, 300, 0, TestName = "The_constructor_rejects_a_zero_heartbeat_interval")]
    [TestCase(150, 300, 150, TestName = "The_constructor_rejects_a_heartbeat_interval_not_below_the_election_timeout")]
    public void The_constructor_rejects_options_out_of_range(int minMs, int maxMs, int heartbeatMs)
    {
        var options = new RaftOptions
        {
            ElectionTimeoutMin = TimeSpan.FromMilliseconds(minMs),
            ElectionTimeoutMax = TimeSpan.FromMilliseconds(maxMs),
            HeartbeatInterval = TimeSpan.FromMilliseconds(heartbeatMs),
        };

        Assert.That(() => new RaftNode(Context(), options, s_ignore),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options"),
            $"election timeout {minMs}-{maxMs} ms with heartbeats every {heartbeatMs} ms cannot work");
    }

    [Test]
    public void The_constructor_accepts_a_fixed_election_timeout()
    {
        var options = new RaftOptions { ElectionTimeoutMin = TimeSpan.FromMilliseconds(200), ElectionTimeoutMax = TimeSpan.FromMilliseconds(200) };

        Assert.That(() => new RaftNode(Context(), options, s_ignore), Throws.Nothing, "ElectionTimeoutMax must be at least ElectionTimeoutMin, and equal is allowed");
    }

    [Test]
    public void The_election_timeout_stays_within_the_configured_range()
    {
        var fixedTimeout = new RaftOptions { ElectionTimeoutMin = TimeSpan.FromMilliseconds(150), ElectionTimeoutMax = TimeSpan.FromMilliseconds(150) };
        var probe = new ProbedNode(0, fixedTimeout);

        probe.Simulation.RunFor(TimeSpan.FromMilliseconds(150));

        Assert.That(probe.Raft.Role, Is.EqualTo(RaftRole.Leader),
            $"with a timeout of exactly 150 ms a single server must have elected itself by 151 ms.\n{probe.Describe()}\n" +
            "Replay: dotnet test tests/raft --filter FullyQualifiedName~ContractTests");
    }

    [Test]
    public void The_constructor_accepts_the_default_options() =>
        Assert.That(() => new RaftNode(Context(), new RaftOptions(), s_ignore), Throws.Nothing);

    [Test]
    public void Start_rejects_a_null_command()
    {
        var cluster = new RaftCluster(new Simulation(1), 1);
        NodeId leader = cluster.WaitForLeader(TimeSpan.FromSeconds(2), "in a one-node cluster");

        Assert.That(() => cluster.Raft(leader)!.Start(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("command"));
    }

    [Test]
    public void Start_on_a_follower_returns_not_leader_and_appends_nothing()
    {
        var cluster = new RaftCluster(new Simulation(1), 3);
        NodeId leader = cluster.WaitForLeader(TimeSpan.FromSeconds(2), "in a new cluster");
        RaftNode follower = cluster.Raft(cluster.Nodes.First(n => n != leader))!;
        int logLength = follower.Log.Count;

        StartResult result = follower.Start("not here");

        Assert.That(result, Is.EqualTo(new StartResult(0, follower.CurrentTerm, false)), "a follower answers index 0, its term and IsLeader = false");
        Assert.That(follower.Log, Has.Count.EqualTo(logLength), "a follower must not append a command it was offered");
    }

    [Test]
    public void Snapshot_rejects_an_index_outside_the_applied_entries_and_a_null_state()
    {
        var cluster = new RaftCluster(new Simulation(1), 1);
        cluster.One("a", 1, retry: false);
        RaftNode raft = cluster.Raft(cluster.Nodes[0])!;

        Assert.Multiple(() =>
        {
            Assert.That(() => raft.Snapshot(0, "state"), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("index"));
            Assert.That(() => raft.Snapshot(raft.LastApplied + 1, "state"), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("index"),
                "a snapshot cannot cover entries the application has not applied");
            Assert.That(() => raft.Snapshot(1, null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("state"));
        });
    }

    private static INodeContext Context()
    {
        INodeContext? captured = null;
        new Simulation(1).AddNode("n1", context =>
        {
            captured = context;
            return new Idle();
        });
        return captured!;
    }

    private sealed class Idle : INode
    {
        public void OnStart()
        {
        }

        public void OnMessage(NodeId from, object message)
        {
        }
    }
}
