namespace DistSys.CacheCoherence.Tests;

/// <summary>Adding and removing nodes, unknown nodes, and the node ids the API rejects.</summary>
public sealed class NodeContractTests
{
    public static IEnumerable<TestCaseData> OperationsTakingANodeId()
    {
        yield return new TestCaseData((Action<CoherenceController, string>)((c, node) => c.AddNode(node))).SetArgDisplayNames("AddNode");
        yield return new TestCaseData((Action<CoherenceController, string>)((c, node) => c.Read(node, 1))).SetArgDisplayNames("Read");
        yield return new TestCaseData((Action<CoherenceController, string>)((c, node) => c.Write(node, 1, 5))).SetArgDisplayNames("Write");
    }

    [TestCaseSource(nameof(OperationsTakingANodeId))]
    [Category("behaviour")]
    public void A_null_node_id_is_rejected_under_its_own_name(Action<CoherenceController, string> operation)
    {
        var controller = new CoherenceController();

        Assert.That(() => operation(controller, null!),
            Throws.ArgumentNullException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("nodeId"),
            "A null node id must be rejected with an ArgumentNullException naming the parameter nodeId.");
    }

    [TestCaseSource(nameof(OperationsTakingANodeId))]
    [Category("behaviour")]
    public void An_empty_node_id_is_rejected_and_adds_no_node(Action<CoherenceController, string> operation)
    {
        var controller = new CoherenceController();

        Assert.That(() => operation(controller, ""),
            Throws.InstanceOf<ArgumentException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("nodeId"),
            "An empty node id names no CPU: reject it with an ArgumentException naming the parameter nodeId.");
        Assert.That(controller.Nodes, Is.Empty, "A rejected node id must not become a node.");
    }

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("safety")]
    public void Removing_a_node_writes_its_modified_lines_back_first(CoherenceProtocol protocol)
    {
        var controller = Operation.NewController(protocol);
        controller.Write("CPU1", 4, 44);

        controller.RemoveNode("CPU1");

        Assert.That(controller.Nodes, Is.EqualTo(new[] { "CPU2", "CPU3" }), "CPU1 was removed.");
        Assert.That(controller.GetMemoryState().GetValueOrDefault(4), Is.EqualTo(44),
            "CPU1 held the only copy of 44, Modified; removing the node without writing it back loses the write.");
        Assert.That(controller.Read("CPU2", 4), Is.EqualTo(44), "Another node must still read the removed node's last write.");
        Assert.That(controller.GetStatistics().Writebacks, Is.EqualTo(1), "Removing CPU1 wrote back its one Modified line.");
    }

    [Test]
    [Category("behaviour")]
    public void Removing_flushing_or_invalidating_an_unknown_node_changes_nothing()
    {
        var controller = Operation.NewController(CoherenceProtocol.Msi);
        controller.Write("CPU1", 1, 11);
        var before = Coherence.Render(controller);

        controller.RemoveNode("nobody");
        controller.Flush("nobody");
        controller.Invalidate("nobody");

        Assert.That(Coherence.Render(controller), Is.EqualTo(before),
            "An unknown node has no cache: RemoveNode, Flush and Invalidate must neither fail, nor add it, nor change any cache, memory or counter.");
    }
}
