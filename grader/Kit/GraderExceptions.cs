namespace DistSys.Grader.Kit;

/// <summary>The user asked for something that does not exist or is malformed; exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The kit itself is broken (runtime or test support does not compile, rubric invalid, ...); exit code 1.</summary>
internal sealed class KitException(string message, IReadOnlyList<string>? details = null) : Exception(message)
{
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
