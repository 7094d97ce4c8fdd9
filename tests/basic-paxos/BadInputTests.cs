using DistSys.Runtime;

namespace DistSys.BasicPaxos.Tests;

[Category("behaviour")]
public class BadInputTests
{
    private static PaxosCluster Cluster(int size = 5) => new(new Simulation(seed: 1), size, checkSafety: false);

    [Test]
    public void A_node_needs_a_context()
    {
        Assert.That(() => new PaxosNode(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("context"));
    }

    [Test]
    public void Proposing_null_is_refused()
    {
        var cluster = Cluster();

        Assert.That(() => cluster.Node(1).Propose(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Proposing_an_empty_value_is_refused(string value)
    {
        var cluster = Cluster();

        Assert.That(() => cluster.Node(1).Propose(value),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("value"));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Proposing_in_a_cluster_of_fewer_than_three_nodes_is_refused(int size)
    {
        var cluster = Cluster(size);

        Assert.That(() => cluster.Node(1).Propose("x"),
            Throws.InvalidOperationException.With.Message.Contains("3"), "the message should say that at least 3 nodes are needed");
    }

    [Test]
    public void A_cluster_of_three_nodes_is_enough()
    {
        var cluster = Cluster(3);
        cluster.Propose(cluster[1], "x");

        Assert.That(cluster.Simulation.RunUntil(() => cluster.Learned(cluster.Nodes), TimeSpan.FromSeconds(1)), Is.True,
            $"every node of the 3-node cluster learns the value.\n{cluster.Describe()}");
    }

    [Test]
    public void A_null_message_is_refused_and_an_unknown_one_ignored()
    {
        var cluster = Cluster();
        cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(1));
        var node = cluster.Node(1);

        Assert.That(() => node.OnMessage(cluster[2], null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("message"));
        Assert.That(() => node.OnMessage(cluster[2], "hello"), Throws.Nothing, "messages of other types are ignored");
        Assert.That(node.Promised, Is.Null, "and change nothing");
    }
}
