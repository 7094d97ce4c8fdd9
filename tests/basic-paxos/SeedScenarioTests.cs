using DistSys.Testing;

namespace DistSys.BasicPaxos.Tests;

/// <summary>The seed document's two scenarios, on five nodes and a reliable network.</summary>
[Category("behaviour")]
public class SeedScenarioTests
{
    [Test]
    public void A_single_proposer_gets_value_A_chosen_and_every_node_learns_it() => Replay.Simulate(1, simulation =>
    {
        var cluster = new PaxosCluster(simulation);
        cluster.Propose(cluster[1], "value_A");

        var learned = simulation.RunUntil(() => cluster.Learned(cluster.Nodes), TimeSpan.FromSeconds(1));

        Assert.That(learned, Is.True, $"not every node learned within 1 s.\n{cluster.Describe()}");
        Assert.That(cluster.Nodes.Select(id => cluster.Node(id).LearnedValue), Has.All.EqualTo("value_A"), cluster.Describe());
    });

    [Test]
    public void Three_concurrent_proposers_agree_on_one_of_their_values()
    {
        foreach (var seed in Seeds.Soak(20))
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new PaxosCluster(simulation);
                cluster.Propose(cluster[1], "value_X");
                cluster.Propose(cluster[2], "value_Y");
                cluster.Propose(cluster[3], "value_Z");

                var learned = simulation.RunUntil(() => cluster.Learned(cluster.Nodes), LivenessTests.Bound);

                Assert.That(learned, Is.True, $"not every node learned within {LivenessTests.Bound.TotalSeconds} s.\n{cluster.Describe()}");
                var values = cluster.Nodes.Select(id => cluster.Node(id).LearnedValue).Distinct().ToList();
                Assert.That(values, Has.Count.EqualTo(1), $"the nodes learned different values.\n{cluster.Describe()}");
                Assert.That(values[0], Is.AnyOf("value_X", "value_Y", "value_Z"), cluster.Describe());
            });
        }
    }
}
