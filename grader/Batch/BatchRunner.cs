using System.Diagnostics;
using System.Globalization;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;

namespace DistSys.Grader.Batch;

/// <summary>Everything a batch passes on to each submission's grade.</summary>
/// <param name="GradeArguments">Options repeated on every <c>grade</c> (--exercise, --no-bench, --test-timeout).</param>
/// <param name="Work">Scratch space: one folder per job slot, each holding that slot's student tree, kept between runs so they stay warm.</param>
internal sealed record BatchRequest(string ClassFolder, Shard Shard, int Jobs, IReadOnlyList<string> GradeArguments, TimeSpan SubmissionTimeout, string Work);

/// <summary>
/// Grades a class: each submission of its shard by the grader's own <c>grade</c> command, in a child process of its
/// own with a work folder per job slot (so one submission's crash, hang or refusal costs that submission only), and the
/// finished ones skipped when the batch runs again. Not a second grading path: the child is exactly what an
/// instructor would run by hand for one student.
/// </summary>
internal sealed class BatchRunner(KitLayout kit, BatchFolder output, IProgress<string> progress)
{
    private const int FailureTailLines = 20;

    public async Task<BatchSummary> RunAsync(BatchRequest request)
    {
        var everyone = BatchPlan.Submissions(request.ClassFolder);
        var mine = BatchPlan.Select(everyone, request.Shard);
        var manifest = new BatchManifest(kit.Root, request.Shard.ToString(), [.. everyone.Select(s => s.Student)], [.. mine.Select(s => s.Student)]);
        if (output.ReadManifest() is { } previous && (previous.Shard != manifest.Shard || !previous.Class.SequenceEqual(manifest.Class)))
        {
            throw new UsageException(
                $"--out {output.Root} holds another batch (shard {previous.Shard} of a class of {previous.Class.Count}); use an empty folder, or the same class folder and --shard to resume it.");
        }

        output.WriteManifest(manifest);
        Directory.CreateDirectory(output.Reports);
        var pending = mine.Where(submission => !output.IsFinished(submission.Student)).ToList();
        progress.Report(string.Create(CultureInfo.InvariantCulture,
            $"batch: shard {request.Shard} holds {mine.Count} of {everyone.Count} submissions; {mine.Count - pending.Count} already finished, {pending.Count} to grade with {request.Jobs} job(s)"));

        var clock = Stopwatch.StartNew();
        var slots = new System.Collections.Concurrent.ConcurrentBag<int>(Enumerable.Range(1, request.Jobs));
        var done = 0;
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = request.Jobs }, async (submission, _) =>
        {
            slots.TryTake(out var slot);
            try
            {
                var started = Stopwatch.StartNew();
                var status = await GradeOneAsync(submission, slot, request).ConfigureAwait(false);
                progress.Report(string.Create(CultureInfo.InvariantCulture,
                    $"batch: [{Interlocked.Increment(ref done)}/{pending.Count}] {submission.Student}: {status} in {started.Elapsed.TotalSeconds:0.0} s"));
            }
            finally
            {
                slots.Add(slot);
            }
        }).ConfigureAwait(false);

        output.WriteGradebook(manifest.Students);
        return new BatchSummary(mine.Count, pending.Count, clock.Elapsed);
    }

    private async Task<string> GradeOneAsync(BatchSubmission submission, int slot, BatchRequest request)
    {
        var scratch = Path.Combine(request.Work, "job-" + slot.ToString(CultureInfo.InvariantCulture));
        var reportFolder = Path.Combine(scratch, "report");
        if (Directory.Exists(reportFolder))
        {
            Directory.Delete(reportFolder, recursive: true);
        }

        string[] arguments =
        [
            typeof(BatchRunner).Assembly.Location, "grade", submission.Path, "--kit", kit.Root,
            "--work", scratch, "--format", "json", "--out", reportFolder, .. request.GradeArguments,
        ];
        using var child = ChildProcess.StartDotnet(arguments, kit.Root, new Dictionary<string, string?>());
        var tail = new Queue<string>();
        var reading = Task.Run(async () =>
        {
            await foreach (var line in child.Lines.ReadAllAsync().ConfigureAwait(false))
            {
                if (line.IsStandardError)
                {
                    tail.Enqueue(line.Text);
                    if (tail.Count > FailureTailLines)
                    {
                        tail.Dequeue();
                    }
                }
            }
        });
        var finished = await Task.WhenAny(child.Exited, Task.Delay(request.SubmissionTimeout)).ConfigureAwait(false) == child.Exited;
        if (!finished)
        {
            child.KillTree();
        }

        await reading.ConfigureAwait(false);
        var report = Path.Combine(reportFolder, "report.json");
        if (finished && child.ExitCode == 0 && File.Exists(report))
        {
            File.Delete(output.FailurePath(submission.Student));
            File.Move(report, output.ReportPath(submission.Student), overwrite: true);
            return BatchStatus.Graded;
        }

        var lastLine = tail.LastOrDefault(line => line.StartsWith("grader: ", StringComparison.Ordinal))?["grader: ".Length..] ?? tail.LastOrDefault() ?? string.Empty;
        if (finished && child.ExitCode == 2)
        {
            File.Delete(output.FailurePath(submission.Student));
            output.WriteInvalid(submission.Student, lastLine);
            return BatchStatus.Invalid + ": " + lastLine;
        }

        var reason = finished
            ? string.Create(CultureInfo.InvariantCulture, $"the grader exited with code {child.ExitCode}: {lastLine}")
            : string.Create(CultureInfo.InvariantCulture, $"the grader did not finish within {request.SubmissionTimeout.TotalMinutes:0} minutes");
        AtomicFile.Write(output.FailurePath(submission.Student), reason + "\n" + string.Join('\n', tail) + "\n");
        return BatchStatus.Failed + ": " + reason;
    }
}

/// <summary>How much a batch run did.</summary>
internal sealed record BatchSummary(int InShard, int Graded, TimeSpan Elapsed);
