namespace DistSys.Runtime;

/// <summary>
/// A message that declares its size on the wire, for byte metrics. Messages that do not implement it count as
/// <see cref="SimulationOptions.DefaultMessageSizeBytes"/>.
/// </summary>
public interface ISizedMessage
{
    /// <summary>The message's size in bytes (zero or more).</summary>
    int SizeBytes { get; }
}
