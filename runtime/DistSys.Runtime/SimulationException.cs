namespace DistSys.Runtime;

/// <summary>
/// A failure inside a simulation: a node (or scheduled action) threw, or an invariant was violated. The message always
/// carries the <see cref="Simulation.ReplayHint"/> and the last events of the trace; <see cref="Exception.InnerException"/>
/// is the original exception, if any.
/// </summary>
public class SimulationException : Exception
{
    internal SimulationException(string headline, Simulation simulation, Exception? inner = null)
        : base(Compose(headline, simulation), inner)
    {
        Seed = simulation.Seed;
        Time = simulation.Now;
    }

    /// <summary>The simulation's seed.</summary>
    public int Seed { get; }

    /// <summary>The virtual time at which the failure happened.</summary>
    public TimeSpan Time { get; }

    internal const int TailLength = 25;

    private static string Compose(string headline, Simulation simulation)
    {
        string tail = simulation.Trace.IsRecording
            ? $"Last {Math.Min(TailLength, simulation.Trace.Count)} trace events:\n{simulation.Trace.Tail(TailLength)}"
            : "No trace recorded (SimulationOptions.RecordTrace is off); turn it on to see the events leading here.\n";
        return $"{headline}\nAt {TimeText.Format(simulation.Now)} of virtual time. Replay: {simulation.ReplayHint}\n{tail}";
    }
}

/// <summary>An invariant registered with <see cref="Simulation.AddInvariant"/> reported a violation.</summary>
public sealed class InvariantViolationException : SimulationException
{
    internal InvariantViolationException(string invariant, string violation, Simulation simulation)
        : base($"Invariant '{invariant}' violated: {violation}", simulation)
    {
        Invariant = invariant;
    }

    /// <summary>The name of the violated invariant.</summary>
    public string Invariant { get; }
}
