using DistSys.Testing;

namespace DistSys.BasicPaxos.Tests;

/// <summary>
/// Randomized runs on a network that loses, duplicates, reorders and long-delays messages, with crashes, restarts and
/// partitions. The <see cref="PaxosObserver"/> checks Paxos's safety properties after <b>every</b> simulator event; the
/// first violation fails the test with the seed, the replay command and the last trace events. Each test loops over
/// 200 fixed seeds (more with <c>DISTSYS_SOAK=N</c>).
/// </summary>
[Category("safety")]
public class SafetyTests
{
    internal const int SeedsPerScenario = 200;

    // Long enough for messages held up to 2 s after the last fault to land.
    private static readonly TimeSpan s_runLength = TimeSpan.FromSeconds(4);

    [Test]
    public void No_two_learners_disagree_on_a_lossy_duplicating_reordering_network() => RunScenario(Faults.None);

    [Test]
    public void No_two_learners_disagree_when_nodes_crash_and_restart() => RunScenario(Faults.Crashes);

    [Test]
    public void No_two_learners_disagree_when_the_network_partitions_and_heals() => RunScenario(Faults.Partitions);

    [Test]
    public void No_two_learners_disagree_with_crashes_restarts_and_partitions_together() => RunScenario(Faults.All);

    private static void RunScenario(Faults faults)
    {
        foreach (var seed in Seeds.Soak(SeedsPerScenario))
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = Chaos.Start(simulation, faults);
                simulation.RunFor(s_runLength);
                Assert.That(cluster.Observer.Violation, Is.Null, cluster.Describe());
            }, Chaos.Options);
        }
    }
}
