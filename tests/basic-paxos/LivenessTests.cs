using DistSys.Testing;

namespace DistSys.BasicPaxos.Tests;

/// <summary>
/// Once the faults stop (every node up, the network whole again, though still lossy), Paxos must make progress: a node
/// asked to propose learns the chosen value within <see cref="Bound"/> of simulated time, on every seed. Duelling
/// proposers only stop duelling if their back-off is random.
/// </summary>
[Category("behaviour")]
public class LivenessTests
{
    /// <summary>The stated bound: generous (the reference needs at most about a tenth of it on these seeds) but
    /// finite, so a proposer that stops retrying, or retries in lockstep forever, fails.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Test]
    public void After_faults_stop_every_node_asked_to_propose_learns_the_chosen_value_within_the_bound()
    {
        foreach (var seed in Seeds.Soak(SafetyTests.SeedsPerScenario))
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = Chaos.Start(simulation, Faults.All);
                // Clients retry everywhere; a restarted node has forgotten what it learned, so it must run Paxos again.
                foreach (var id in cluster.Nodes)
                {
                    cluster.Propose(id, $"late-{id}", Chaos.FaultsEnd);
                }

                simulation.RunFor(Chaos.FaultsEnd);
                var learned = simulation.RunUntil(() => cluster.Learned(cluster.Nodes), Bound);

                Assert.That(learned, Is.True,
                    $"faults stopped at {Chaos.FaultsEnd.TotalSeconds} s and every node was asked to propose, but not all learned within {Bound.TotalSeconds} s.\n{cluster.Describe()}");
            }, Chaos.Options);
        }
    }

    [Test]
    public void Three_proposers_that_start_together_stop_duelling_and_every_node_learns()
    {
        foreach (var seed in Seeds.Soak(SafetyTests.SeedsPerScenario))
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new PaxosCluster(simulation);
                cluster.Propose(cluster[1], "value_X");
                cluster.Propose(cluster[2], "value_Y");
                cluster.Propose(cluster[3], "value_Z");

                var learned = simulation.RunUntil(() => cluster.Learned(cluster.Nodes), Bound);

                Assert.That(learned, Is.True, $"not every node learned within {Bound.TotalSeconds} s.\n{cluster.Describe()}");
            }, Chaos.Options);
        }
    }
}
