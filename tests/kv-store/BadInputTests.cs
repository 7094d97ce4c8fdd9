using DistSys.Runtime;

namespace DistSys.KvStore.Tests;

/// <summary>Invalid settings and arguments are refused with the exceptions the XML docs promise, naming what is wrong.</summary>
[Category("behaviour")]
public class BadInputTests
{
    private static readonly NodeId[] s_three = [new("n1"), new("n2"), new("n3")];

    [TestCase(0, 1, 1, "N")]
    [TestCase(4, 2, 2, "N")]
    [TestCase(3, 0, 2, "R")]
    [TestCase(3, 4, 2, "R")]
    [TestCase(3, 2, 0, "W")]
    [TestCase(3, 2, 4, "W")]
    public void Quorum_sizes_out_of_range_are_refused_naming_the_setting(int n, int r, int w, string culprit)
    {
        var settings = new KvSettings { Members = s_three, N = n, R = r, W = w };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AddNode(settings),
            $"N={n}, R={r}, W={w} with 3 members: N must be 1..3 and R, W must be 1..N");
        Assert.That(error!.Message, Does.Match($@"\b{culprit}\b"), $"the message should name {culprit}: \"{error.Message}\"");
    }

    [Test]
    public void Other_invalid_settings_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => AddNode(null!), "null settings");
            Assert.Throws<ArgumentNullException>(() => AddNode(new KvSettings { Members = null! }), "a null member list");
            Assert.Throws<ArgumentException>(() => AddNode(new KvSettings { Members = [], N = 1, R = 1, W = 1 }), "an empty member list");
            Assert.Throws<ArgumentException>(() => AddNode(new KvSettings { Members = [new("n1"), new("n1"), new("n2")], N = 1, R = 1, W = 1 }), "a member listed twice");
            Assert.Throws<ArgumentException>(() => AddNode(new KvSettings { Members = [new("n2"), new("n3"), new("n4")] }), "a member list without this node");
            Assert.Throws<ArgumentOutOfRangeException>(() => AddNode(new KvSettings { Members = s_three, VirtualNodesPerNode = 0 }), "zero virtual nodes");
            Assert.Throws<ArgumentOutOfRangeException>(() => AddNode(new KvSettings { Members = s_three, RequestTimeout = TimeSpan.Zero }), "a zero timeout");
            Assert.Throws<ArgumentOutOfRangeException>(() => AddNode(new KvSettings { Members = s_three, RetryInterval = TimeSpan.FromMilliseconds(-1) }), "a negative retry interval");
        });
    }

    [Test]
    public void A_one_node_cluster_works_with_N_R_W_of_one()
    {
        var simulation = new Simulation(1);
        var node = simulation.AddNode("n1", context => new KvNode(context, new KvSettings { Members = [new("n1")], N = 1, R = 1, W = 1 }));
        simulation.RunFor(TimeSpan.FromMilliseconds(1));
        PutResult? put = null;
        simulation.Node<KvNode>(node).Put("k", "v", VectorClock.Empty, r => put = r);
        GetResult? get = null;
        simulation.Node<KvNode>(node).Get("k", r => get = r);
        simulation.RunFor(TimeSpan.FromMilliseconds(10));

        Assert.That(put?.Succeeded, Is.True, "with W = 1 the coordinator's own acknowledgement is enough");
        Assert.That(get?.Values, Is.EqualTo(new[] { "v" }), "with R = 1 the coordinator's own reply is enough");
    }

    [Test]
    public void Requests_with_invalid_arguments_are_refused()
    {
        var simulation = new Simulation(1);
        NodeId[] members = [.. Enumerable.Range(1, 5).Select(i => new NodeId($"n{i}"))];
        foreach (var member in members)
        {
            simulation.AddNode(member.Name, context => new KvNode(context, new KvSettings { Members = members }));
        }

        simulation.RunFor(TimeSpan.FromMilliseconds(1));
        var any = simulation.Node<KvNode>(members[0]);
        var key = "k";
        var home = simulation.Node<KvNode>(any.HomeReplicas(key)[0]);
        var stranger = simulation.Node<KvNode>(members.First(m => !any.HomeReplicas(key).Contains(m)));
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => home.Put(null!, "v", VectorClock.Empty, _ => { }), "Put with a null key");
            Assert.Throws<ArgumentNullException>(() => home.Put(key, null!, VectorClock.Empty, _ => { }), "Put with a null value");
            Assert.Throws<ArgumentNullException>(() => home.Put(key, "v", null!, _ => { }), "Put with a null context");
            Assert.Throws<ArgumentNullException>(() => home.Put(key, "v", VectorClock.Empty, null!), "Put with a null callback");
            Assert.Throws<InvalidOperationException>(() => stranger.Put(key, "v", VectorClock.Empty, _ => { }), "Put on a node that is not a home replica of the key");
            Assert.Throws<ArgumentNullException>(() => home.Get(null!, _ => { }), "Get with a null key");
            Assert.Throws<ArgumentNullException>(() => home.Get(key, null!), "Get with a null callback");
            Assert.Throws<ArgumentNullException>(() => home.HomeReplicas(null!), "HomeReplicas(null)");
            Assert.Throws<ArgumentNullException>(() => home.StoredSiblings(null!), "StoredSiblings(null)");
            Assert.Throws<ArgumentNullException>(() => home.ChangeMembership(null!), "ChangeMembership(null)");
            Assert.Throws<ArgumentException>(() => home.ChangeMembership([members[0], members[1]]), "a membership smaller than N = 3");
            Assert.Throws<ArgumentException>(() => home.ChangeMembership([members[0], members[1], members[1], members[2]]), "a membership listing a node twice");
        });
    }

    private static void AddNode(KvSettings settings) =>
        new Simulation(1).AddNode("n1", context => new KvNode(context, settings));
}
