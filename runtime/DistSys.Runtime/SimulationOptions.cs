namespace DistSys.Runtime;

/// <summary>Settings of a <see cref="Simulation"/>.</summary>
public sealed record SimulationOptions
{
    /// <summary>The network's initial default link profile (see <see cref="Network.DefaultProfile"/>).</summary>
    public LinkProfile Network { get; init; } = LinkProfile.Reliable;

    /// <summary>The size counted for messages that do not implement <see cref="ISizedMessage"/>.</summary>
    public int DefaultMessageSizeBytes { get; init; } = 64;

    /// <summary>Whether to record the <see cref="Simulation.Trace"/>. Turn off only for long benchmark runs.</summary>
    public bool RecordTrace { get; init; } = true;

    /// <summary>A command that replays this run, shown in every failure message (tests fill it in).</summary>
    public string? ReplayCommand { get; init; }
}
