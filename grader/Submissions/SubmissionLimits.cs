namespace DistSys.Grader.Submissions;

/// <summary>
/// How much of anything a submission may hold before it is refused outright. A student's repository with its build
/// output skipped is a few hundred files and a few MiB; these bounds leave ample room and stop an archive bomb or a
/// repository of videos from filling the grading machine.
/// </summary>
internal static class SubmissionLimits
{
    /// <summary>Files (bin/, obj/, .git/ and other scratch folders not counted; every archive entry counted).</summary>
    public const int MaxFiles = 10_000;

    /// <summary>Bytes of those files together, counted while they are written, never from an archive's own claims.</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    /// <summary>How long a git clone may take.</summary>
    public static readonly TimeSpan CloneTimeout = TimeSpan.FromMinutes(3);
}
