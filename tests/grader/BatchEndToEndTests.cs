using System.Diagnostics;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

/// <summary>
/// Grades a small class with <c>grader batch</c> against a throwaway kit copy with one tiny exercise: a right, a half
/// right, a stub, a tampering and an empty submission. A batch killed halfway finishes the rest when re-run; two
/// shards merged give the unsharded gradebook byte for byte. Slow: dotnet test tests/grader --filter Category=EndToEnd
/// </summary>
[Explicit("Builds and grades a class against a copy of the kit; run with --filter Category=EndToEnd")]
[Category("EndToEnd")]
public class BatchEndToEndTests
{
    private const string Slug = "e2e-batch";
    private const string ExpectedGradebook =
        "student,status,e2e-batch,benchmarks,total,max_total,message\n"
        + "empty,invalid,,,0,,submission {0}/empty: it is empty.\n"
        + "half,graded,50,,50,100,\n"
        + "right,graded,100,,100,100,\n"
        + "stub,graded,0,,0,100,\n"
        + "tamper,graded,0,,0,100,\n";

    private string kitRoot = string.Empty;
    private string scratch = string.Empty;
    private string classFolder = string.Empty;
    private string work = string.Empty;
    private ProcessRun whole = null!;

    [OneTimeSetUp]
    public void GradeTheClassOnce()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        kitRoot = KitCopy.Create(kit.Root, "distsys-batch-kit-");
        KitCopy.WriteExercise(kitRoot, Slug, "E2eBatch",
            new Dictionary<string, string> { ["Answer.cs"] = Answer("throw new NotImplementedException()", "throw new NotImplementedException()") },
            new Dictionary<string, string> { ["Answer.cs"] = Answer("2", "3") },
            """
            public class AnswerTests
            {
                [Test, Category("behaviour")] public void Two_is_two() => Assert.That(Answer.Two(), Is.EqualTo(2));

                [Test, Category("behaviour")] public void Three_is_three() => Assert.That(Answer.Three(), Is.EqualTo(3));
            }
            """);

        scratch = Directory.CreateTempSubdirectory("distsys-batch-").FullName;
        classFolder = Path.Combine(scratch, "class");
        work = Path.Combine(scratch, "work");
        Submission("right", Answer("2", "3"));
        Submission("half", Answer("2", "4"));
        Submission("stub", Answer("throw new NotImplementedException()", "throw new NotImplementedException()"));
        Submission("tamper", Answer("0", "0"));
        KitCopy.Write(Path.Combine(classFolder, "tamper"), $"tests/{Slug}/Tests.cs",
            $"namespace DistSys.E2eBatch.Tests;\n\npublic class AnswerTests\n{{\n    [Test] public void Two_is_two() => Assert.Pass();\n\n    [Test] public void Three_is_three() => Assert.Pass();\n}}\n");
        KitCopy.Write(Path.Combine(classFolder, "tamper"), "grader/rubric.yaml", "defaults:\n  points: 1000\n");
        Directory.CreateDirectory(Path.Combine(classFolder, "empty"));

        whole = Batch("--out", Path.Combine(scratch, "whole"), "--jobs", "2");
    }

    [OneTimeTearDown]
    public void DeleteEverything()
    {
        KitCopy.DeleteGradingTrees(Slug);
        foreach (var folder in new[] { kitRoot, scratch })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Test]
    public void The_batch_grades_every_submission_and_a_refused_one_does_not_stop_it()
    {
        Assert.That(whole.ExitCode, Is.Zero, whole.Error);
        Assert.That(Gradebook("whole"), Is.EqualTo(string.Format(System.Globalization.CultureInfo.InvariantCulture, ExpectedGradebook, classFolder)));
    }

    [Test]
    public void Tampered_tests_and_rubric_are_listed_as_ignored_and_change_nothing()
    {
        var report = File.ReadAllText(Path.Combine(scratch, "whole", "reports", "tamper.json"));

        Assert.That(report, Does.Contain($"\"tests/{Slug}/Tests.cs\"").And.Contain("\"grader/rubric.yaml\""));
        Assert.That(report, Does.Contain("\"max_score\": 100"), "the kit's rubric (100 points) is used, not the submission's 1000");
    }

    [Test]
    public void A_batch_killed_halfway_finishes_the_rest_when_run_again()
    {
        var output = Path.Combine(scratch, "resumed");
        var reports = Path.Combine(output, "reports");
        using (var first = StartBatch("--out", output, "--jobs", "1"))
        {
            var clock = Stopwatch.StartNew();
            while (Finished(reports) < 2 && !first.HasExited && clock.Elapsed < KitCopy.GraderLimit)
            {
                Thread.Sleep(100);
            }

            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }

        var before = Finished(reports);
        Assume.That(before, Is.InRange(1, 4), "the batch must be killed with some but not all submissions finished");

        var second = Batch("--out", output, "--jobs", "1");

        Assert.That(second.ExitCode, Is.Zero, second.Error);
        Assert.That(second.Error, Does.Contain($"{before} already finished, {5 - before} to grade"));
        Assert.That(Gradebook("resumed"), Is.EqualTo(Gradebook("whole")));
    }

    [Test]
    public void Two_shards_merged_give_the_unsharded_gradebook_byte_for_byte()
    {
        var first = Batch("--out", Path.Combine(scratch, "shard-1"), "--shard", "1/2");
        var second = Batch("--out", Path.Combine(scratch, "shard-2"), "--shard", "2/2");
        var merge = KitCopy.RunGrader(["merge", Path.Combine(scratch, "shard-2"), Path.Combine(scratch, "shard-1"), "--out", Path.Combine(scratch, "merged")], kitRoot);

        Assert.That((first.ExitCode, second.ExitCode, merge.ExitCode), Is.EqualTo((0, 0, 0)), first.Error + second.Error + merge.Error);
        Assert.That(Gradebook("merged"), Is.EqualTo(Gradebook("whole")));
    }

    private static string Answer(string two, string three) => $$"""
        /// <summary>The batch fixture's stand-in for a student stub.</summary>
        public static class Answer
        {
            public static int Two() => {{two}};

            public static int Three() => {{three}};
        }
        """;

    private void Submission(string student, string answer) =>
        KitCopy.Write(Path.Combine(classFolder, student), $"exercises/{Slug}/Answer.cs", $"namespace DistSys.E2eBatch;\n\n{answer}\n");

    private string[] BatchArguments(string[] extra) => ["batch", classFolder, "--root", kitRoot, "--exercise", Slug, "--no-bench", "--work", work, .. extra];

    private ProcessRun Batch(params string[] extra) => KitCopy.RunGrader(BatchArguments(extra), kitRoot);

    private Process StartBatch(params string[] extra)
    {
        var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = kitRoot, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["exec", Path.Combine(TestContext.CurrentContext.TestDirectory, "DistSys.Grader.dll"), .. BatchArguments(extra)])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int Finished(string reports) =>
        Directory.Exists(reports) ? Directory.GetFiles(reports, "*.json").Length : 0;

    private string Gradebook(string output) => File.ReadAllText(Path.Combine(scratch, output, "gradebook.csv"));
}
