using DistSys.Runtime;

namespace DistSys.KvStore.Tests;

/// <summary>
/// Fine points of the documented contracts: which parameter an argument error names, where a key sitting exactly on a
/// virtual node belongs, membership order and durability, and how a request that cannot reach its quorum ends.
/// </summary>
public class ContractTests
{
    private static readonly NodeId[] s_three = [new("n1"), new("n2"), new("n3")];

    [TestCase("VirtualNodesPerNode")]
    [TestCase("RequestTimeout")]
    [TestCase("RetryInterval")]
    [TestCase("HandoffAfter")]
    [TestCase("HandoffInterval")]
    [Category("behaviour")]
    public void Each_invalid_setting_is_refused_as_the_settings_argument_naming_the_setting(string setting)
    {
        var settings = setting switch
        {
            "VirtualNodesPerNode" => new KvSettings { Members = s_three, VirtualNodesPerNode = 0 },
            "RequestTimeout" => new KvSettings { Members = s_three, RequestTimeout = TimeSpan.Zero },
            "RetryInterval" => new KvSettings { Members = s_three, RetryInterval = TimeSpan.FromMilliseconds(-1) },
            "HandoffAfter" => new KvSettings { Members = s_three, HandoffAfter = TimeSpan.Zero },
            _ => new KvSettings { Members = s_three, HandoffInterval = TimeSpan.Zero },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AddNode(settings), $"KvSettings.{setting} is not positive");
        Assert.That(error!.ParamName, Is.EqualTo("settings"), "the invalid argument is the settings object, so ParamName is \"settings\"");
        Assert.That(error.Message, Does.Match($@"\b{setting}\b"), $"the message should name {setting}: \"{error.Message}\"");
    }

    [Test]
    [Category("behaviour")]
    public void Invalid_member_lists_are_refused_naming_the_argument_that_holds_them()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentNullException>(() => new KvNode(null!, new KvSettings { Members = s_three }))?.ParamName,
                Is.EqualTo("context"), "a null context");
            Assert.That(Assert.Throws<ArgumentNullException>(() => AddNode(new KvSettings { Members = null! }))?.ParamName,
                Is.EqualTo("settings"), "a null member list is an invalid settings argument");
            Assert.That(Assert.Throws<ArgumentException>(() => AddNode(new KvSettings { Members = [new("n1"), new("n1"), new("n2")], N = 1, R = 1, W = 1 }))?.ParamName,
                Is.EqualTo("settings"), "a member listed twice is an invalid settings argument");
            var node = OneNode();
            Assert.That(Assert.Throws<ArgumentNullException>(() => node.ChangeMembership(null!))?.ParamName,
                Is.EqualTo("members"), "ChangeMembership(null)");
            Assert.That(Assert.Throws<ArgumentException>(() => node.ChangeMembership([new("n1"), new("n2"), new("n2")]))?.ParamName,
                Is.EqualTo("members"), "ChangeMembership with a node listed twice");
        });
    }

    [Test]
    [Category("behaviour")]
    public void Null_arguments_are_refused_naming_the_parameter()
    {
        var node = OneNode();
        var ring = new ConsistentHashRing(4);
        ring.AddNode(new NodeId("n1"));
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentNullException>(() => ConsistentHashRing.Hash(null!))?.ParamName, Is.EqualTo("text"), "Hash(null)");
            Assert.That(Assert.Throws<ArgumentNullException>(() => ring.PreferenceList(null!, 1))?.ParamName, Is.EqualTo("key"), "PreferenceList(null, 1)");
            Assert.That(Assert.Throws<ArgumentNullException>(() => node.HomeReplicas(null!))?.ParamName, Is.EqualTo("key"), "HomeReplicas(null)");
            Assert.That(Assert.Throws<ArgumentNullException>(() => node.Put(null!, "v", VectorClock.Empty, _ => { }))?.ParamName, Is.EqualTo("key"), "Put with a null key");
            Assert.That(Assert.Throws<ArgumentNullException>(() => node.Put("k", null!, VectorClock.Empty, _ => { }))?.ParamName, Is.EqualTo("value"), "Put with a null value");
            Assert.That(Assert.Throws<ArgumentNullException>(() => node.Put("k", "v", null!, _ => { }))?.ParamName, Is.EqualTo("context"), "Put with a null context");
            Assert.That(Assert.Throws<ArgumentNullException>(() => node.Get(null!, _ => { }))?.ParamName, Is.EqualTo("key"), "Get with a null key");
        });
    }

    [Test]
    [Category("laws")]
    public void A_key_hashing_exactly_onto_a_virtual_node_belongs_to_that_node()
    {
        var ring = new ConsistentHashRing(4);
        foreach (var node in s_three)
        {
            ring.AddNode(node);
        }

        foreach (var node in s_three)
        {
            for (var i = 0; i < 4; i++)
            {
                // The key's hash equals the position of virtual node i of `node`: the walk starts AT that position.
                var key = $"{node.Name}#{i}";
                Assert.That(ring.OwnerOf(key), Is.EqualTo(node), $"key \"{key}\" hashes exactly onto virtual node {i} of {node}; a walk starts at the first position at or after the key's hash");
            }
        }
    }

    [Test]
    [Category("behaviour")]
    public void Members_are_listed_in_NodeId_order_whatever_order_they_were_given_in()
    {
        var simulation = new Simulation(1);
        var id = simulation.AddNode("n2", context => new KvNode(context, new KvSettings { Members = [new("n3"), new("n1"), new("n2")] }));
        Assert.That(simulation.Node<KvNode>(id).Members, Is.EqualTo(s_three), "Members from settings [n3, n1, n2]");
        simulation.Node<KvNode>(id).ChangeMembership([new("n4"), new("n2"), new("n3")]);
        Assert.That(simulation.Node<KvNode>(id).Members, Is.EqualTo(new NodeId[] { new("n2"), new("n3"), new("n4") }), "Members after ChangeMembership([n4, n2, n3])");
    }

    [Test]
    [Category("safety")]
    public void A_membership_of_exactly_N_nodes_is_installed_and_survives_a_restart()
    {
        var simulation = new Simulation(1);
        NodeId[] five = [.. Enumerable.Range(1, 5).Select(i => new NodeId($"n{i}"))];
        var id = simulation.AddNode("n1", context => new KvNode(context, new KvSettings { Members = five }));
        simulation.RunFor(TimeSpan.FromMilliseconds(1));
        Assert.DoesNotThrow(() => simulation.Node<KvNode>(id).ChangeMembership(s_three), "N = 3 members are enough for N = 3 replicas per key");
        simulation.Crash(id);
        simulation.Restart(id);
        simulation.RunFor(TimeSpan.FromMilliseconds(1));
        Assert.That(simulation.Node<KvNode>(id).Members, Is.EqualTo(s_three),
            $"a membership installed by ChangeMembership is stored durably, so a restarted node keeps it rather than the settings' first one; {simulation.ReplayHint}");
    }

    [Test]
    [Category("behaviour")]
    public void A_write_that_cannot_reach_W_replicas_fails_once_after_the_request_timeout()
    {
        var cluster = new Cluster(new Simulation(1), 3, members => new KvSettings { Members = members, HintedHandoff = false });
        var via = cluster.Nodes[0];
        cluster.Simulation.Crash(cluster.Nodes[1]);
        cluster.Simulation.Crash(cluster.Nodes[2]);
        var results = new List<PutResult>();
        cluster[via].Put("k", "v", VectorClock.Empty, results.Add);
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(3));
        Assert.That(results, Has.Count.EqualTo(1), $"the callback runs exactly once, when the request times out; {cluster.Simulation.ReplayHint}");
        Assert.That(results[0].Succeeded, Is.False, "only the coordinator acknowledged, W = 2");
        Assert.That(results[0].Error, Is.Not.Null.And.Not.Empty, "a failed write says why");
    }

    [Test]
    [Category("behaviour")]
    public void A_read_that_cannot_reach_R_replicas_fails_once_after_the_request_timeout()
    {
        var cluster = new Cluster(new Simulation(1), 3, members => new KvSettings { Members = members, HintedHandoff = false });
        var via = cluster.Nodes[0];
        cluster.Simulation.Crash(cluster.Nodes[1]);
        cluster.Simulation.Crash(cluster.Nodes[2]);
        var results = new List<GetResult>();
        cluster[via].Get("k", results.Add);
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(3));
        Assert.That(results, Has.Count.EqualTo(1), $"the callback runs exactly once, when the request times out; {cluster.Simulation.ReplayHint}");
        Assert.That(results[0].Succeeded, Is.False, "only the coordinator replied, R = 2");
        Assert.That(results[0].Error, Is.Not.Null.And.Not.Empty, "a failed read says why");
    }

    [Test]
    [Category("behaviour")]
    public void On_a_healthy_cluster_a_write_and_a_read_complete_in_one_round_trip_without_waiting_for_a_retry()
    {
        // Retries come every second here, so a request that waits for one cannot finish in 500 ms.
        var cluster = new Cluster(new Simulation(1), 3, members => new KvSettings
        {
            Members = members, RetryInterval = TimeSpan.FromSeconds(1), RequestTimeout = TimeSpan.FromSeconds(5),
        });
        var via = cluster.HomesOf("k")[0];
        PutResult? put = null;
        cluster[via].Put("k", "v", VectorClock.Empty, r => put = r);
        cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(500));
        Assert.That(put?.Succeeded, Is.True, $"Put sends to the other home replicas at once, so W = 2 acknowledgements arrive within 500 ms; {cluster.Simulation.ReplayHint}");
        GetResult? get = null;
        cluster[via].Get("k", r => get = r);
        cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(500));
        Assert.That(get?.Succeeded, Is.True, $"Get sends its reads at once, so R = 2 replies arrive within 500 ms; {cluster.Simulation.ReplayHint}");
    }

    private static void AddNode(KvSettings settings) =>
        new Simulation(1).AddNode("n1", context => new KvNode(context, settings));

    private static KvNode OneNode()
    {
        var simulation = new Simulation(1);
        var id = simulation.AddNode("n1", context => new KvNode(context, new KvSettings { Members = [new("n1")], N = 1, R = 1, W = 1 }));
        simulation.RunFor(TimeSpan.FromMilliseconds(1));
        return simulation.Node<KvNode>(id);
    }
}
