using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace DistSys.Testing;

/// <summary>
/// Snapshot assertions with Verify's file conventions: <c>&lt;TestClass&gt;.&lt;TestMethod&gt;.verified.txt</c> beside the
/// test source, <c>.received.txt</c> written on a mismatch, a unified diff in the failure message.
/// Swapping this for Verify.NUnit later means replacing <c>Snapshot.Verify(text)</c> with <c>await Verify(text)</c>.
/// </summary>
public static class Snapshot
{
    /// <summary>Environment variable that makes every snapshot check accept the current output as the new snapshot.</summary>
    public const string AcceptVariable = "DISTSYS_ACCEPT";

    /// <summary>Compares <paramref name="text"/> with the verified snapshot of the current test.</summary>
    /// <param name="text">The printed report under test.</param>
    /// <param name="settings">Scrubbers and naming options; null for none.</param>
    /// <param name="sourceFile">Filled in by the compiler: the snapshot sits beside this file.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Verify(string text, SnapshotSettings? settings = null, [CallerFilePath] string sourceFile = "") =>
        Verify(text, settings ?? new SnapshotSettings(), sourceFile, AcceptRequested(Assembly.GetCallingAssembly()));

    internal static void Verify(string text, SnapshotSettings settings, string sourceFile, bool accept)
    {
        ArgumentNullException.ThrowIfNull(text);
        var received = settings.Apply(Normalize(text));
        var paths = SnapshotPaths.ForCurrentTest(sourceFile, settings);

        if (accept)
        {
            Write(paths.Verified, received);
            Delete(paths.Received);
            return;
        }

        if (!File.Exists(paths.Verified))
        {
            Write(paths.Received, received);
            Assert.Fail(
                $"No snapshot exists yet for this test: {paths.Verified}{Environment.NewLine}" +
                $"The output was written to {paths.Received}.{Environment.NewLine}" +
                "Instructors accept reference output with: dotnet run --project grader -- accept");
        }

        var verified = Normalize(File.ReadAllText(paths.Verified, Encoding.UTF8));
        if (verified == received)
        {
            Delete(paths.Received);
            return;
        }

        Write(paths.Received, received);
        Assert.Fail(
            $"The output differs from the snapshot {Path.GetFileName(paths.Verified)} " +
            $"('-' lines are expected, '+' lines are what your code printed):{Environment.NewLine}" +
            UnifiedDiff.Create(verified, received) +
            $"{Environment.NewLine}Full output: {paths.Received}");
    }

    // Acceptance rewrites the verified files, so it is honoured only in a suite built against the reference: a suite
    // built against student code (what the grader runs) never accepts, whoever set the variable.
    private static bool AcceptRequested(Assembly suite) =>
        Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true"
        && suite.GetCustomAttributes<AssemblyMetadataAttribute>().All(a => a.Key != "DistSys.Target" || a.Value != "exercises");

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (UnauthorizedAccessException)
        {
            // As in Write: a read-only suite folder has no received file to remove.
        }
    }

    // Snapshots are compared and stored with \n endings whatever the platform, so a Windows checkout still matches.
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static void Write(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (UnauthorizedAccessException)
        {
            // Graded runs (CI) keep the suite's folder read-only; the diff in the message still shows the output.
        }
    }
}
