using System.CommandLine;
using System.Globalization;
using DistSys.Grader.Batch;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Cli;

/// <summary>The class-sized commands: <c>batch</c> (grade every submission of a folder, resumable, sharded) and <c>merge</c>.</summary>
internal sealed partial class GraderCommandLine
{
    private static readonly TimeSpan SubmissionTimeout = TimeSpan.FromMinutes(30);

    private readonly Argument<string> classFolder = new("DIR")
    {
        Description = "The class: one entry per student (a folder, a .zip or a bare repository *.git; the name is the student id).",
    };

    private readonly Option<int> jobs = new("--jobs")
    {
        Description = "Submissions graded at once (each runs its suites two at a time).",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<string> shard = new("--shard")
    {
        Description = "Grade only shard i of n (i/n): the class sorted by student id, dealt round-robin.",
        DefaultValueFactory = _ => Shard.Whole.ToString(),
    };

    private readonly Option<string> batchOut = new("--out")
    {
        Description = "Output folder: reports/<student>.json, gradebook.csv, batch.json (default: ./grades). Re-running with the same folder resumes.",
        HelpName = "dir",
        DefaultValueFactory = _ => "grades",
    };

    private readonly Argument<string[]> shardFolders = new("SHARD_OUT")
    {
        Description = "The --out folders of every shard of one class.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> mergeOut = new("--out")
    {
        Description = "Where the merged batch goes (an empty or new folder).",
        HelpName = "dir",
        Required = true,
    };

    private void AddBatchCommands(RootCommand rootCommand)
    {
        jobs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError("--jobs must be between 1 and 64.");
            }
        });

        var batch = new Command("batch", "Grade every submission in DIR against the kit; resumable; writes a gradebook and one JSON report per student.")
        {
            classFolder, jobs, shard, batchOut, workFolder, noBench,
        };
        batch.SetAction((parse, _) => BatchAsync(parse));
        rootCommand.Add(batch);

        var merge = new Command("merge", "Join the output folders of all shards of a class into one gradebook (the same as one unsharded batch).")
        {
            shardFolders, mergeOut,
        };
        merge.SetAction((parse, _) => MergeAsync(parse));
        rootCommand.Add(merge);
    }

    private async Task<int> BatchAsync(ParseResult parse)
    {
        var (kit, _) = Open(parse);
        var folder = new BatchFolder(ReportFolder(parse.GetValue(batchOut)!));
        var passOn = new List<string>();
        foreach (var slug in parse.GetValue(exercise) ?? [])
        {
            passOn.AddRange(["--exercise", slug]);
        }

        if (parse.GetValue(noBench))
        {
            passOn.Add("--no-bench");
        }

        if (parse.GetValue(testTimeout) is { } seconds)
        {
            passOn.AddRange(["--test-timeout", seconds.ToString(CultureInfo.InvariantCulture)]);
        }

        var request = new BatchRequest(
            Path.GetFullPath(parse.GetValue(classFolder)!, workingDirectory),
            Shard.Parse(parse.GetValue(shard)!),
            parse.GetValue(jobs),
            passOn,
            SubmissionTimeout,
            parse.GetValue(workFolder) is { } work ? Path.GetFullPath(work, workingDirectory) : Path.Combine(folder.Root, "work"));
        var summary = await new BatchRunner(kit, folder, new Progress(error)).RunAsync(request).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Graded {summary.Graded} of {summary.InShard} submission(s) in {summary.Elapsed.TotalSeconds:0.0} s; gradebook: {folder.GradebookPath}")).ConfigureAwait(false);
        return ExitCodes.Graded;
    }

    private async Task<int> MergeAsync(ParseResult parse)
    {
        var folders = (parse.GetValue(shardFolders) ?? []).Select(folder => Path.GetFullPath(folder, workingDirectory)).ToList();
        var merged = new BatchFolder(ReportFolder(parse.GetValue(mergeOut)!));
        var manifest = ShardMerge.Merge(folders, merged);
        await output.WriteLineAsync($"Merged {folders.Count} shard(s), {manifest.Class.Count} submission(s); gradebook: {merged.GradebookPath}").ConfigureAwait(false);
        return ExitCodes.Graded;
    }
}
