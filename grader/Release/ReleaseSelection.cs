namespace DistSys.Grader.Release;

/// <summary>
/// Which files of the trusted kit a student kit holds. Everything the grader's kit walk sees ships, except the reference,
/// the hidden tests, and the parts of the kit that only make sense with the reference (they would not build, or would
/// fail, without it). The list is short on purpose: anything new ships unless it is named here.
/// </summary>
internal static class ReleaseSelection
{
    /// <summary>Folder prefixes ('/'-terminated) or exact paths that never ship, with the reason shown by the release.</summary>
    public static readonly IReadOnlyList<(string Path, string Reason)> InstructorOnly =
    [
        ("solutions/", "the reference solutions"),
        ("tests/api-parity/", "compares each stub's public API with the reference's (needs solutions/)"),
        ("tests/grader/", "the grader's own tests (they grade kit copies with solutions/)"),
        ("analyzers/DistSys.Analyzers.Tests/", "the analyzers' tests (they check solutions/ against the allow-list)"),
        (".ci/", "the kit's own pipeline (grades solutions/)"),
        ("tools/mutation-test.sh", "mutation testing of solutions/"),
        ("CONTRIBUTING.md", "how to add exercises and references to the kit"),
    ];

    /// <summary>Why <paramref name="relativePath"/> does not ship, or null when it does.</summary>
    public static string? Exclusion(string relativePath)
    {
        if (IsHiddenTest(relativePath))
        {
            return "a hidden test";
        }

        foreach (var (path, reason) in InstructorOnly)
        {
            if (path.EndsWith('/') ? relativePath.StartsWith(path, StringComparison.Ordinal) : relativePath == path)
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>True for anything under <c>tests/&lt;slug&gt;/Hidden/</c>, the hidden tests' folder (see grader/README.md).</summary>
    public static bool IsHiddenTest(string relativePath)
    {
        var parts = relativePath.Split('/');
        return parts.Length >= 4 && parts[0] == "tests" && parts[2] == "Hidden";
    }

    /// <summary>True for a reference source: <c>solutions/**/*.cs</c>.</summary>
    public static bool IsReferenceSource(string relativePath) =>
        relativePath.StartsWith("solutions/", StringComparison.Ordinal) && relativePath.EndsWith(".cs", StringComparison.Ordinal);

    /// <summary>Folders whose C# students hold anyway, word for word: stubs and Given/, and the kit's shared code.</summary>
    private static readonly string[] SharedCodeFolders = ["exercises/", "runtime/", "tests/support/", "grader/", "analyzers/"];

    /// <summary>
    /// True for C# a student legitimately holds: stubs and Given/ under <c>exercises/</c>, the runtime, the test support,
    /// the grader and the analyzers. A reference statement that also occurs there is no evidence of a leak.
    /// </summary>
    public static bool IsSharedCode(string relativePath) =>
        relativePath.EndsWith(".cs", StringComparison.Ordinal)
        && SharedCodeFolders.Any(folder => relativePath.StartsWith(folder, StringComparison.Ordinal))
        && Exclusion(relativePath) is null;
}
