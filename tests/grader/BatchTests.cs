using System.Text.Json.Nodes;
using DistSys.Grader.Batch;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

/// <summary>How a class is listed, dealt into shards, written up in a gradebook and merged back (no grading runs here; see BatchEndToEndTests).</summary>
public class BatchTests
{
    private string scratch = string.Empty;

    [SetUp]
    public void CreateScratch() => scratch = Directory.CreateTempSubdirectory("distsys-batch-").FullName;

    [TearDown]
    public void DeleteScratch() => Directory.Delete(scratch, recursive: true);

    [TestCase("1/1", 1, 1)]
    [TestCase("2/4", 2, 4)]
    [TestCase("4/4", 4, 4)]
    public void A_shard_is_written_i_of_n(string text, int index, int count) =>
        Assert.That(Shard.Parse(text), Is.EqualTo(new Shard(index, count)));

    [TestCase("0/4")]
    [TestCase("5/4")]
    [TestCase("2")]
    [TestCase("a/b")]
    [TestCase("-1/4")]
    public void A_shard_outside_1_to_n_is_refused_with_an_example(string text)
    {
        var refused = Assert.Throws<UsageException>(() => Shard.Parse(text));
        Assert.That(refused!.Message, Does.Contain("e.g. 2/4"));
    }

    [Test]
    public void Every_entry_of_the_class_folder_is_one_student_named_without_its_zip_or_git_extension()
    {
        Directory.CreateDirectory(Path.Combine(scratch, "bob"));
        Directory.CreateDirectory(Path.Combine(scratch, "carol.git"));
        File.WriteAllText(Path.Combine(scratch, "alice.zip"), "PK");
        Directory.CreateDirectory(Path.Combine(scratch, ".cache"));

        var students = BatchPlan.Submissions(scratch).Select(submission => submission.Student);

        Assert.That(students, Is.EqualTo(new[] { "alice", "bob", "carol" }), "sorted by id; entries starting with '.' are skipped");
    }

    [Test]
    public void Two_entries_for_one_student_are_refused_by_name()
    {
        Directory.CreateDirectory(Path.Combine(scratch, "bob"));
        File.WriteAllText(Path.Combine(scratch, "bob.zip"), "PK");

        var refused = Assert.Throws<UsageException>(() => BatchPlan.Submissions(scratch));
        Assert.That(refused!.Message, Does.Contain("(bob)"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(40)]
    public void Shards_together_grade_every_student_exactly_once_and_differ_in_size_by_at_most_one(int count)
    {
        var everyone = Enumerable.Range(0, 32).Select(i => new BatchSubmission($"s{i:00}", $"/class/s{i:00}")).ToList();

        var shards = Enumerable.Range(1, count).Select(index => BatchPlan.Select(everyone, new Shard(index, count))).ToList();

        Assert.That(shards.SelectMany(shard => shard).Select(s => s.Student).Order(), Is.EqualTo(everyone.Select(s => s.Student)));
        Assert.That(shards.Max(shard => shard.Count) - shards.Min(shard => shard.Count), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void The_gradebook_has_a_row_per_student_with_each_exercise_score_and_the_status()
    {
        var folder = new BatchFolder(scratch);
        WriteReport(folder, "alice", ("crdts", 100m), ("lock-manager", 42.5m));
        folder.WriteInvalid("bob", "submission bob: it is empty.");
        File.WriteAllText(folder.FailurePath("carol"), "the grader exited with code 1: the kit is broken\nmore\n");

        folder.WriteGradebook(["dave", "carol", "bob", "alice"]);

        Assert.That(File.ReadAllText(folder.GradebookPath), Is.EqualTo(
            "student,status,crdts,lock-manager,benchmarks,total,max_total,message\n"
            + "alice,graded,100,42.5,,142.5,200,\n"
            + "bob,invalid,,,,0,,submission bob: it is empty.\n"
            + "carol,failed,,,,0,,the grader exited with code 1: the kit is broken\n"
            + "dave,not graded,,,,0,,\n"));
    }

    [Test]
    public void Gradebook_cells_are_quoted_and_a_cell_a_spreadsheet_would_run_as_a_formula_stays_text()
    {
        var folder = new BatchFolder(scratch);
        folder.WriteInvalid("=HYPERLINK(\"http://evil\")", "a, \"quoted\" message");

        folder.WriteGradebook(["=HYPERLINK(\"http://evil\")"]);

        var row = File.ReadAllLines(folder.GradebookPath)[1];
        Assert.That(row, Is.EqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\",invalid,,0,,\"a, \"\"quoted\"\" message\""));
    }

    [Test]
    public void Merged_shards_write_the_same_gradebook_as_one_unsharded_batch()
    {
        var students = new[] { "alice", "bob", "carol", "dave", "erin" };
        var whole = new BatchFolder(Path.Combine(scratch, "whole"));
        var shards = Enumerable.Range(1, 2).Select(i => new BatchFolder(Path.Combine(scratch, $"shard-{i}"))).ToList();
        for (var i = 0; i < students.Length; i++)
        {
            foreach (var folder in new[] { whole, shards[i % 2] })
            {
                WriteReport(folder, students[i], ("crdts", 10m * i));
            }
        }

        whole.WriteManifest(new BatchManifest("/kit", "1/1", students, students));
        whole.WriteGradebook(students);
        for (var i = 0; i < 2; i++)
        {
            shards[i].WriteManifest(new BatchManifest("/kit", $"{i + 1}/2", students, [.. students.Where((_, p) => p % 2 == i)]));
        }

        var merged = new BatchFolder(Path.Combine(scratch, "merged"));
        ShardMerge.Merge([shards[1].Root, shards[0].Root], merged);

        Assert.That(File.ReadAllText(merged.GradebookPath), Is.EqualTo(File.ReadAllText(whole.GradebookPath)));
        Assert.That(Directory.GetFiles(merged.Reports).Select(Path.GetFileName).Order(), Is.EqualTo(students.Select(s => s + ".json")));
    }

    [Test]
    public void Merging_without_every_shard_is_refused_and_names_the_missing_one()
    {
        var students = new[] { "alice", "bob", "carol" };
        var first = new BatchFolder(Path.Combine(scratch, "shard-1"));
        first.WriteManifest(new BatchManifest("/kit", "1/3", students, ["alice"]));
        var third = new BatchFolder(Path.Combine(scratch, "shard-3"));
        third.WriteManifest(new BatchManifest("/kit", "3/3", students, ["carol"]));

        var refused = Assert.Throws<UsageException>(() => ShardMerge.Merge([first.Root, third.Root], new BatchFolder(Path.Combine(scratch, "merged"))));
        Assert.That(refused!.Message, Does.Contain("missing 2/3"));
    }

    [Test]
    public void Merging_shards_of_different_classes_is_refused()
    {
        var first = new BatchFolder(Path.Combine(scratch, "shard-1"));
        first.WriteManifest(new BatchManifest("/kit", "1/2", ["alice", "bob"], ["alice"]));
        var second = new BatchFolder(Path.Combine(scratch, "shard-2"));
        second.WriteManifest(new BatchManifest("/kit", "2/2", ["alice", "zed"], ["zed"]));

        var refused = Assert.Throws<UsageException>(() => ShardMerge.Merge([first.Root, second.Root], new BatchFolder(Path.Combine(scratch, "merged"))));
        Assert.That(refused!.Message, Does.Contain("does not belong"));
    }

    [Test]
    public void A_folder_that_is_not_a_batch_output_cannot_be_merged()
    {
        var refused = Assert.Throws<UsageException>(() => ShardMerge.Merge([scratch], new BatchFolder(Path.Combine(scratch, "merged"))));
        Assert.That(refused!.Message, Does.Contain("no batch.json"));
    }

    private static void WriteReport(BatchFolder folder, string student, params (string Slug, decimal Score)[] exercises)
    {
        var report = new JsonObject
        {
            ["target"] = "exercises",
            ["score"] = exercises.Sum(exercise => exercise.Score),
            ["max_score"] = 100m * exercises.Length,
            ["exercises"] = new JsonArray([.. exercises.Select(exercise => (JsonNode)new JsonObject { ["slug"] = exercise.Slug, ["score"] = exercise.Score })]),
            ["benchmarks"] = new JsonArray(),
        };
        DistSys.Grader.Kit.AtomicFile.Write(folder.ReportPath(student), report.ToJsonString());
    }
}
