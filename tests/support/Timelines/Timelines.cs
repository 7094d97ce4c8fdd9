using System.Text;
using DistSys.Runtime;

namespace DistSys.Testing;

/// <summary>
/// Writes a picture of a failed run next to the test results, so that a failure message can point at it:
/// <see cref="Replay.Simulate"/> does this by itself; tests that build their own <see cref="Simulation"/> call
/// <see cref="Write"/> in their failure path. The failure message carries the path as a line <c>timeline: PATH</c>,
/// which the grader copies into its artifacts folder and lists per failed test in its JSON report.
/// </summary>
public static class Timelines
{
    /// <summary>Environment variable naming the folder to write pages to (default: <c>timelines/</c> in the test's work directory).</summary>
    public const string FolderVariable = "DISTSYS_ARTIFACTS";

    /// <summary>The prefix of the failure-message line that gives a page's path.</summary>
    public const string LinePrefix = "timeline: ";

    /// <summary>The folder pages are written to.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "timelines");

    /// <summary>Writes the timeline of <paramref name="simulation"/> for the current test.</summary>
    /// <param name="simulation">The failed run (its trace must be recorded).</param>
    /// <param name="failure">The failure message, shown on the page.</param>
    /// <returns>The page's full path.</returns>
    public static string Write(Simulation simulation, string? failure = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        string title = $"{TestContext.CurrentContext.Test.FullName} (seed {simulation.Seed})";
        return Save($"seed{simulation.Seed}", TimelinePage.Render(TraceDocument.From(simulation), title, failure));
    }

    /// <summary>Writes the history picture of a linearizability failure for the current test.</summary>
    /// <param name="operations">The history.</param>
    /// <param name="linearizablePrefix">The longest prefix the checker could linearize.</param>
    /// <param name="failure">The failure message.</param>
    /// <returns>The page's full path.</returns>
    public static string WriteHistory(IReadOnlyList<HistoryOperation> operations, int linearizablePrefix, string? failure = null) =>
        Save("history", HistoryPage.Render(operations, linearizablePrefix, TestContext.CurrentContext.Test.FullName, failure));

    /// <summary>The line to append to a failure message: <c>timeline: PATH</c>, or why no page was written.</summary>
    internal static string LineFor(Simulation simulation, string failure)
    {
        if (!simulation.Trace.IsRecording)
        {
            return "No timeline: the trace was not recorded (SimulationOptions.RecordTrace is off).";
        }

        try
        {
            return LinePrefix + Write(simulation, failure);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"No timeline: it could not be written ({error.Message}).";
        }
    }

    private static string Save(string suffix, string html)
    {
        string folder = Folder;
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"{FileName(TestContext.CurrentContext.Test.FullName)}.{suffix}.html");
        File.WriteAllText(path, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private static string FileName(string testName)
    {
        var name = new StringBuilder(testName.Length);
        foreach (char c in testName)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        string text = name.ToString().Trim('_', '.');
        // Long generated names (theories with many arguments) would pass file-system limits; keep the tail, which names the case.
        return text.Length <= 150 ? text : text[^150..];
    }
}
