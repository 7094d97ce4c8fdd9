namespace DistSys.Runtime;

/// <summary>Identifies a timer set with <see cref="INodeContext.SetTimer"/>, so that it can be cancelled.</summary>
/// <param name="Value">A number unique within one simulation; timers set later get larger numbers.</param>
public readonly record struct TimerId(long Value);
