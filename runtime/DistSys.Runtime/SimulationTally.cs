namespace DistSys.Runtime;

/// <summary>
/// Adds up the metrics of every simulation created while the tally is open, so that the grader's suite host can report
/// per test what all the test's simulations sent (a test often runs one simulation per seed).
/// </summary>
/// <remarks>
/// At most one tally is open in a process: the suite host runs one test at a time and opens one per test. It is
/// internal (visible to DistSys.Testing only), so exercise code cannot open or close one. It holds each simulation's
/// counters only, never the simulation, so the simulations and their traces can still be collected.
/// </remarks>
internal sealed class SimulationTally
{
    private static readonly Lock s_gate = new();
    private static SimulationTally? s_open;

    private readonly List<MetricCounters> _counters = [];
    private bool _closed;

    private SimulationTally()
    {
    }

    /// <summary>Opens a tally; any tally still open is closed first (its figures are then only what it saw so far).</summary>
    public static SimulationTally Open()
    {
        lock (s_gate)
        {
            if (s_open is { } previous)
            {
                previous._closed = true;
            }

            s_open = new SimulationTally();
            return s_open;
        }
    }

    /// <summary>Stops counting new simulations and returns the totals of those created while open (their counters as of now).</summary>
    public SimulationTotals Close()
    {
        lock (s_gate)
        {
            _closed = true;
            if (ReferenceEquals(s_open, this))
            {
                s_open = null;
            }

            SimulationTotals totals = SimulationTotals.None;
            foreach (MetricCounters counters in _counters)
            {
                totals = totals.Add(counters.Totals());
            }

            return totals;
        }
    }

    internal static void Register(MetricCounters counters)
    {
        lock (s_gate)
        {
            if (s_open is { _closed: false } open)
            {
                open._counters.Add(counters);
            }
        }
    }
}
