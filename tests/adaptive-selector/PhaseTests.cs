using DistSys.Testing;

namespace DistSys.AdaptiveSelector.Tests;

/// <summary>
/// The phased workload on the simulator (see <see cref="Scenario"/>): each phase must bring the expected protocol
/// within 500 ms of its start (patience plus two windows), and nothing else may switch.
/// </summary>
[Category("behaviour")]
public class PhaseTests
{
    [TestCaseSource(typeof(Seeds), nameof(Seeds.Few))]
    public void Each_phase_gets_its_protocol_within_500_ms_and_nothing_else_switches(int seed) =>
        Replay.Simulate(seed, simulation =>
        {
            var scenario = new Scenario(simulation).Run();
            var decisions = scenario.Counter.Selector.Decisions;
            Assert.That(decisions, Has.Count.EqualTo(Scenario.Phases.Length - 1),
                $"expected exactly one switch per phase change ({Scenario.Phases.Length - 1}); the decision log:\n{scenario.Log}");

            for (var i = 1; i < Scenario.Phases.Length; i++)
            {
                var (start, expected, name) = Scenario.Phases[i];
                var decision = decisions[i - 1];
                Assert.That(decision.To, Is.EqualTo(expected), $"phase '{name}' must switch to {expected}; the decision log:\n{scenario.Log}");
                Assert.That(decision.Time, Is.InRange(start, start + Scenario.SwitchWithin),
                    $"phase '{name}' starts at {start.TotalSeconds:F1} s and must switch to {expected} within {Scenario.SwitchWithin.TotalMilliseconds} ms; the decision log:\n{scenario.Log}");
            }
        }, Scenario.Network);

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Few))]
    public void Every_node_follows_the_selector_once_the_network_lets_it(int seed) =>
        Replay.Simulate(seed, simulation =>
        {
            var scenario = new Scenario(simulation);
            var counter = scenario.Counter;
            foreach (var (start, expected, name) in Scenario.Phases)
            {
                // Checked just before the next phase begins: the switch has had time to reach everyone.
                var checkAt = start + Scenario.PhaseLength - TimeSpan.FromMilliseconds(10);
                simulation.Schedule(checkAt, () =>
                {
                    // The cut-off node cannot hear the switch while it is cut off; it follows once healed.
                    var lagging = counter.Nodes.Where(n => counter.ProtocolOf(n) != expected && !(n == Scenario.CutOff && expected == Protocol.Crdt && simulation.Now < Scenario.Heal)).ToList();
                    Assert.That(lagging, Is.Empty,
                        $"at {checkAt.TotalSeconds:F2} s (phase '{name}') every node should run {expected}; these do not: {string.Join(", ", lagging)}");
                }, "check protocols");
            }

            scenario.Run();
        }, Scenario.Network);

    /// <summary>Prints the decision log of the phased run for the README (not graded).</summary>
    [Test]
    [Explicit("prints the decision log of the phased run")]
    public void Print_the_decision_log_of_the_phased_run() =>
        Replay.Simulate(1, simulation =>
        {
            var scenario = new Scenario(simulation).Run();
            TestContext.Out.Write(scenario.Log);
            TestContext.Out.WriteLine($"messages: {simulation.Metrics.MessagesSent}, operations: {scenario.History.Operations.Count}");
        }, Scenario.Network);
}
