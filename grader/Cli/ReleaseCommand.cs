using System.CommandLine;
using DistSys.Grader.Kit;
using DistSys.Grader.Release;

namespace DistSys.Grader.Cli;

/// <summary><c>grader release OUT [--gradescope [ZIP]] [--no-check] [--recalibrate]</c>: the student kit, checked.</summary>
internal static class ReleaseCommand
{
    public static Command Create(Option<string?> root, TextWriter output, string workingDirectory, IProgress<string> progress)
    {
        var outFolder = new Argument<string>("OUT") { Description = "The folder to write the student kit to: new, empty, or an earlier release (it is made to match)." };
        var gradescope = new Option<string?>("--gradescope")
        {
            Description = $"Also write the Gradescope autograder bundle (with solutions and hidden tests: never give it to students) to ZIP, default {GradescopeBundle.FileName} beside OUT.",
            HelpName = "zip",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var noCheck = new Option<bool>("--no-check") { Description = "Skip the slow checks (building the released kit, grading its stubs); the search for reference code always runs." };
        var recalibrate = new Option<bool>("--recalibrate") { Description = "Measure the benchmark calibration again even if one is cached for this kit." };
        var command = new Command("release", "Write the student kit (no solutions/, no hidden tests, calibrated benchmarks, README for students) to OUT and check it.")
        {
            outFolder, gradescope, noCheck, recalibrate,
        };
        command.SetAction(async (parse, _) =>
        {
            var kit = KitLayout.Locate(parse.GetValue(root), workingDirectory);
            if (!File.Exists(Path.Combine(kit.Root, "solutions", "Solutions.csproj")))
            {
                throw new UsageException($"release needs the instructor's kit, with solutions/ ({kit.Root} has none).");
            }

            var target = OutFolder(kit, Path.GetFullPath(parse.GetValue(outFolder)!, workingDirectory));
            string? zip = null;
            if (parse.GetResult(gradescope) is not null)
            {
                zip = Path.GetFullPath(parse.GetValue(gradescope) ?? Path.Combine(Path.GetDirectoryName(target)!, GradescopeBundle.FileName), workingDirectory);
                if (Inside(zip, target))
                {
                    throw new UsageException($"--gradescope {zip}: the bundle holds the solutions, so it must not be written into the student kit {target}.");
                }
            }

            var release = new KitRelease(kit, Rubric.Load(kit.RubricPath), progress);
            foreach (var line in await release.RunAsync(new ReleaseRequest(target, zip, !parse.GetValue(noCheck), parse.GetValue(recalibrate))).ConfigureAwait(false))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return ExitCodes.Graded;
        });
        return command;
    }

    /// <summary>OUT must lie outside the kit and be new, empty, or an earlier release (a kit without solutions/).</summary>
    private static string OutFolder(KitLayout kit, string target)
    {
        if (Inside(target, kit.Root) || Inside(kit.Root, target))
        {
            throw new UsageException($"release OUT {target}: must lie outside the kit {kit.Root} (and not contain it).");
        }

        if (File.Exists(target))
        {
            throw new UsageException($"release OUT {target}: is a file, not a folder.");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()
            && (!File.Exists(Path.Combine(target, KitLayout.SolutionFileName)) || Directory.Exists(Path.Combine(target, "solutions"))))
        {
            throw new UsageException($"release OUT {target}: not empty and not an earlier student kit; choose a new folder.");
        }

        return target;
    }

    private static bool Inside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
