using DistSys.Testing;

namespace DistSys.AdaptiveSelector.Tests;

/// <summary>
/// The consistency guarantee, checked on the recorded history of the phased run, across all four switches, on many
/// seeds: reads never go backwards at a node, a read sees its node's acknowledged increments, a strong read sees
/// every increment acknowledged anywhere before it began, and after the run every node reads the exact total.
/// </summary>
[Category("safety")]
public class GuaranteeTests
{
    [TestCaseSource(typeof(Seeds), nameof(Seeds.Many))]
    public void The_guarantee_holds_across_every_switch(int seed) =>
        Replay.Simulate(seed, simulation =>
        {
            var scenario = new Scenario(simulation).Run();
            var violations = scenario.History.Violations();
            Assert.That(violations, Is.Empty,
                $"the history breaks the guarantee:\n{string.Join("\n", violations)}\nthe decision log:\n{scenario.Log}");
        }, Scenario.Network);

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Few))]
    public void No_acknowledged_increment_is_lost_or_counted_twice(int seed) =>
        Replay.Simulate(seed, simulation =>
        {
            var scenario = new Scenario(simulation).Run();
            var operations = scenario.History.Operations;
            var total = operations.Where(o => o.Write).Sum(o => o.Amount);
            var pending = operations.Where(o => o.Completed is null).Take(5).ToList();
            Assert.That(pending, Is.Empty, $"every operation must complete once the network heals; still pending: {string.Join("; ", pending)}");

            var finals = operations.Where(o => !o.Write && o.Invoked == Scenario.FinalReads).ToList();
            Assert.That(finals.Select(r => r.Result?.Value), Is.All.EqualTo(total),
                $"after the workload every node must read the sum of all {operations.Count(o => o.Write)} increments ({total}); " +
                $"the final reads: {string.Join("; ", finals)}\nthe decision log:\n{scenario.Log}");
        }, Scenario.Network);

    [TestCaseSource(typeof(Seeds), nameof(Seeds.Few))]
    public void Reads_are_strong_in_steady_leader_phases(int seed) =>
        Replay.Simulate(seed, simulation =>
        {
            var scenario = new Scenario(simulation).Run();
            var decisions = scenario.Counter.Selector.Decisions;
            // Steady leader stretches: from the start (or 150 ms after a switch to the leader) to the next switch.
            var stretches = new List<(TimeSpan From, TimeSpan To)>();
            var from = (TimeSpan?)TimeSpan.Zero;
            foreach (var decision in decisions)
            {
                if (decision.To == Protocol.Leader)
                {
                    from = decision.Time + TimeSpan.FromMilliseconds(150);
                }
                else if (from is { } begin)
                {
                    stretches.Add((begin, decision.Time - TimeSpan.FromMilliseconds(300)));
                    from = null;
                }
            }

            if (from is { } last)
            {
                stretches.Add((last, Scenario.WorkloadEnd));
            }

            var weak = scenario.History.Operations
                .Where(o => !o.Write && stretches.Any(s => o.Invoked >= s.From && o.Invoked < s.To) && o.Result is { Strong: false })
                .ToList();
            Assert.That(weak, Is.Empty,
                $"in a steady leader phase, with every node synced, the leader must vouch for its reads (Strong = true); weak reads: " +
                $"{string.Join("; ", weak.Take(5))}\nthe decision log:\n{scenario.Log}");
        }, Scenario.Network);
}
