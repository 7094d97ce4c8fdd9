using System.Security.Cryptography;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Running;

/// <summary>
/// The tests each suite must report, read from the kit's trusted reference build (no student code in it): the suite
/// executable prints its test names and runs nothing. Lists are cached by the executable's hash, so warm grading does
/// not start the processes again.
/// </summary>
internal sealed class TestLister(KitLayout referenceTree, BuildTarget target)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The test names of <paramref name="exercise"/>'s suite, or null when the reference build has none to offer (not built, or its listing failed).</summary>
    public async Task<IReadOnlyList<string>?> ListAsync(Exercise exercise)
    {
        var assembly = exercise.SuiteAssembly(referenceTree.Root, target);
        if (!File.Exists(assembly))
        {
            return null;
        }

        var hash = Convert.ToHexString(await SHA256.HashDataAsync(File.OpenRead(assembly)).ConfigureAwait(false));
        var cache = Path.Combine(referenceTree.WorkFolder, "test-lists", $"{exercise.Slug}-{target.Name}-{hash[..16]}.txt");
        if (File.Exists(cache))
        {
            return await File.ReadAllLinesAsync(cache).ConfigureAwait(false);
        }

        using var lister = ChildProcess.StartDotnet(["exec", assembly, HostProtocol.ListArgument], Path.GetDirectoryName(assembly)!, new Dictionary<string, string?>());
        await lister.WriteInputAndCloseAsync(string.Empty).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(Limit);
        IReadOnlyList<string>? tests = null;
        try
        {
            await foreach (var line in lister.Lines.ReadAllAsync(deadline.Token).ConfigureAwait(false))
            {
                tests ??= line.IsStandardError ? null : HostProtocol.ParseList(line.Text);
            }
        }
        catch (OperationCanceledException)
        {
            lister.KillTree();
        }

        if (tests is null)
        {
            // That exercise is graded as an error ("test list unknown"); the others are still graded.
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        await File.WriteAllLinesAsync(cache, tests).ConfigureAwait(false);
        return tests;
    }
}
