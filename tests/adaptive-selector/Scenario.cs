using DistSys.Runtime;

namespace DistSys.AdaptiveSelector.Tests;

/// <summary>
/// The phased run: five nodes on a LAN that loses and duplicates 1% of messages, 100 ms windows, patience 3.
/// <list type="number">
/// <item>0–0.8 s read-heavy (100 increments/s, 400 reads/s): stays on the leader.</item>
/// <item>0.8–1.6 s write-heavy with contention (2,000 increments/s, 100 reads/s): to CRDT.</item>
/// <item>1.6–2.4 s read-heavy: back to the leader.</item>
/// <item>2.4–3.2 s n4 is cut off from everyone, read-heavy: to CRDT.</item>
/// <item>3.2–4 s healed, read-heavy: back to the leader.</item>
/// </list>
/// Then the clients stop; at 4.5 s every node reads once more, and the run ends at 5 s.
/// </summary>
internal sealed class Scenario
{
    /// <summary>Each phase lasts 800 ms.</summary>
    public static readonly TimeSpan PhaseLength = TimeSpan.FromMilliseconds(800);

    public static readonly TimeSpan Heal = 4 * PhaseLength;
    public static readonly TimeSpan WorkloadEnd = 5 * PhaseLength;
    public static readonly TimeSpan FinalReads = WorkloadEnd + TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan End = FinalReads + TimeSpan.FromMilliseconds(500);

    /// <summary>The node the partition cuts off.</summary>
    public static readonly NodeId CutOff = new("n4");
    public static readonly SimulationOptions Network = new() { Network = LinkProfile.Lan with { DropRate = 0.01, DuplicateRate = 0.01 } };

    /// <summary>Phase starts and the protocol each phase must reach.</summary>
    public static readonly (TimeSpan Start, Protocol Expected, string Name)[] Phases =
    [
        (TimeSpan.Zero, Protocol.Leader, "read-heavy"),
        (1 * PhaseLength, Protocol.Crdt, "write-heavy with contention"),
        (2 * PhaseLength, Protocol.Leader, "read-heavy again"),
        (3 * PhaseLength, Protocol.Crdt, "n4 partitioned"),
        (4 * PhaseLength, Protocol.Leader, "healed"),
    ];

    /// <summary>How long after a phase starts its protocol must be chosen: patience (3 windows) plus two windows of slack.</summary>
    public static readonly TimeSpan SwitchWithin = TimeSpan.FromMilliseconds(500);

    public Scenario(Simulation simulation)
    {
        Simulation = simulation;
        Counter = new AdaptiveCounter(simulation, 5, new SelectorOptions());
        History = new History(simulation, Counter);
        var p = PhaseLength;
        History.Phase(TimeSpan.Zero, 1 * p, 100, 400);
        History.Phase(1 * p, 2 * p, 2000, 100);
        History.Phase(2 * p, 3 * p, 100, 400);
        History.Phase(3 * p, 4 * p, 100, 400);
        History.Phase(4 * p, 5 * p, 100, 400);
        simulation.Schedule(3 * p, () => simulation.Network.Isolate(CutOff), "partition n4");
        simulation.Schedule(Heal, () => simulation.Network.Heal(), "heal");
        foreach (var node in Counter.Nodes)
        {
            simulation.Schedule(FinalReads, () => History.Read(node), "final read");
        }
    }

    public Simulation Simulation { get; }

    public AdaptiveCounter Counter { get; }

    public History History { get; }

    public Scenario Run()
    {
        Simulation.RunFor(End);
        return this;
    }

    public string Log => DecisionLog.Format(Counter.Selector.Decisions);
}
