using System.IO.Compression;
using System.Text.Json;
using DistSys.Grader.Kit;
using DistSys.Grader.Release;
using DistSys.Grader.Trees;

namespace DistSys.Grader.Tests;

/// <summary>
/// <c>grader release</c> on a copy of the kit: once with every check and the Gradescope bundle, once more into another
/// folder; then the bundle's two scripts run on this machine (setup.sh, then run_autograder on a submission that holds
/// the crdts reference). The calibration is seeded into the copy's cache, so no benchmark runs. Slow (the released kit
/// is built and graded cold): dotnet test tests/grader --filter Category=EndToEnd
/// </summary>
[Explicit("Releases a copy of the kit and runs the Gradescope scripts; run with --filter Category=EndToEnd")]
[Category("EndToEnd")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ReleaseEndToEndTests
{
    // A cold build and grading of the whole released kit took over 25 minutes at load averages of 70-118 here.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(90);
    private const string SeededRatios = "{\n  \"seeded-by-the-test\": {}\n}\n";
    private string work = string.Empty;
    private string copyRoot = string.Empty;
    private ProcessRun first = null!;
    private ProcessRun second = null!;

    private string FirstOut => Path.Combine(work, "first", "kit");

    private string SecondOut => Path.Combine(work, "second", "kit");

    private string FirstZip => Path.Combine(work, "first", GradescopeBundle.FileName);

    private string SecondZip => Path.Combine(work, "second", GradescopeBundle.FileName);

    [OneTimeSetUp]
    public void ReleaseTwice()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        copyRoot = KitCopy.Create(kit.Root, "distsys-release-kit-");
        work = Directory.CreateTempSubdirectory("distsys-release-out-").FullName;
        var copy = KitLayout.At(copyRoot);
        var cache = new CalibrationCache(copy, Rubric.Load(copy.RubricPath).Benchmarks, new Progress<string>());
        KitCopy.Write(copyRoot, Path.GetRelativePath(copyRoot, cache.PathFor(cache.Key())), SeededRatios);

        first = KitCopy.RunGrader(["release", FirstOut, "--gradescope", "--root", copyRoot], copyRoot, limit: Limit);
        second = KitCopy.RunGrader(["release", SecondOut, "--gradescope", "--no-check", "--root", copyRoot], copyRoot, limit: Limit);
        TestContext.Progress.WriteLine($"release with checks: {first.Elapsed.TotalSeconds:0} s; without: {second.Elapsed.TotalSeconds:0} s\n{first.Output}");
    }

    [OneTimeTearDown]
    public void DeleteEverything()
    {
        foreach (var root in new[] { copyRoot, Path.Combine(copyRoot, ".grader", "release-check"), Path.Combine(work, "autograder", "source", "kit") })
        {
            if (Directory.Exists(root))
            {
                var trees = new GradingTrees(KitLayout.At(root), root).WorkRoot;
                if (trees.StartsWith(Path.GetTempPath(), StringComparison.Ordinal) && Directory.Exists(trees))
                {
                    Directory.Delete(trees, recursive: true);
                }
            }
        }

        foreach (var folder in new[] { copyRoot, work })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Test]
    public void A_release_with_every_check_succeeds_and_says_what_it_checked()
    {
        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(first.Output, Does.Contain("benchmark calibration: cached")
            .And.Contain("check: none of the reference's")
            .And.Contain("check: the released kit builds with -warnaserror")
            .And.Contain("exercises grade to 0 without an error")
            .And.Contain(GradescopeBundle.FileName));
    }

    [Test]
    public void Releasing_twice_gives_the_same_bytes_in_every_file_and_in_the_bundle()
    {
        Assert.That(second.ExitCode, Is.Zero, second.Error);
        var one = KitFiles.Walk(FirstOut);
        var two = KitFiles.Walk(SecondOut);

        Assert.That(two.Keys, Is.EqualTo(one.Keys));
        Assert.That(one.Keys.Where(relative => !File.ReadAllBytes(one[relative]).AsSpan().SequenceEqual(File.ReadAllBytes(two[relative]))), Is.Empty);
        Assert.That(File.ReadAllBytes(SecondZip), Is.EqualTo(File.ReadAllBytes(FirstZip)));
    }

    [Test]
    public void The_student_kit_has_no_solutions_no_build_output_and_the_cached_calibration()
    {
        Assert.That(Directory.Exists(Path.Combine(FirstOut, "solutions")), Is.False);
        Assert.That(Directory.EnumerateDirectories(FirstOut, "bin", SearchOption.AllDirectories), Is.Empty, "the checks ran on a copy");
        Assert.That(File.ReadAllText(Path.Combine(FirstOut, KitRelease.RatiosPath)), Is.EqualTo(SeededRatios));
        Assert.That(File.ReadAllText(Path.Combine(FirstOut, "README.md")), Does.Not.Contain("## For instructors"));
    }

    [Test]
    public void The_gradescope_scripts_set_up_and_grade_a_submission_on_this_machine()
    {
        var root = Path.Combine(work, "autograder");
        ZipFile.ExtractToDirectory(FirstZip, Path.Combine(root, "source"));
        var source = Path.Combine(root, "source");
        foreach (var script in new[] { "setup.sh", "run_autograder" })
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(source, script)) & UnixFileMode.UserExecute, Is.Not.EqualTo(UnixFileMode.None), $"{script} keeps its executable bit");
        }

        // Gradescope copies run_autograder to /autograder and puts the submission in /autograder/submission.
        File.Copy(Path.Combine(source, "run_autograder"), Path.Combine(root, "run_autograder"));
        File.SetUnixFileMode(Path.Combine(root, "run_autograder"), File.GetUnixFileMode(Path.Combine(source, "run_autograder")));
        var submission = Path.Combine(root, "submission");
        foreach (var (relative, path) in KitFiles.Walk(FirstOut))
        {
            KitCopy.Write(submission, relative, File.ReadAllText(path));
        }

        foreach (var reference in Directory.GetFiles(Path.Combine(copyRoot, "solutions", "crdts"), "*.cs"))
        {
            File.Copy(reference, Path.Combine(submission, "exercises", "crdts", Path.GetFileName(reference)), overwrite: true);
        }

        var gradescopeFormat = KnowsFormat("gradescope");
        var environment = new Dictionary<string, string>
        {
            ["AUTOGRADER_ROOT"] = root,
            ["DISTSYS_EXERCISES"] = "crdts",
        };
        if (!gradescopeFormat)
        {
            // Until the grader has its gradescope format, the script's one format line is pointed at json.
            environment["DISTSYS_REPORT_FORMAT"] = "json";
        }

        var setup = KitCopy.Run(Path.Combine(source, "setup.sh"), [], source, environment, limit: Limit);
        Assert.That(setup.ExitCode, Is.Zero, $"setup.sh failed:\n{setup.Output}\n{setup.Error}");
        Assert.That(setup.Output, Does.Contain("setup: using").And.Contain("setup: done"), "dotnet exists here, so setup does not install it");

        var grade = KitCopy.Run(Path.Combine(root, "run_autograder"), [], root, environment, limit: Limit);
        TestContext.Progress.WriteLine($"setup.sh: {setup.Elapsed.TotalSeconds:0} s; run_autograder: {grade.Elapsed.TotalSeconds:0} s");
        Assert.That(grade.ExitCode, Is.Zero, $"run_autograder failed:\n{grade.Output}\n{grade.Error}");
        var results = Path.Combine(root, "results");
        var log = File.ReadAllText(Path.Combine(results, "grader.log"));
        if (gradescopeFormat)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "results.json")));
            Assert.That(document.RootElement.GetProperty("score").GetDecimal(), Is.GreaterThan(0m), log);
        }
        else
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "report.json")));
            var crdts = document.RootElement.GetProperty("exercises").EnumerateArray().Single(e => e.GetProperty("slug").GetString() == "crdts");
            Assert.That((crdts.GetProperty("status").GetString(), crdts.GetProperty("score").GetDecimal()), Is.EqualTo(("pass", crdts.GetProperty("max_score").GetDecimal())), log);
        }
    }

    [Test]
    public void The_autograder_writes_results_json_with_the_reason_when_a_submission_cannot_be_graded()
    {
        var root = Path.Combine(work, "autograder-broken");
        Directory.CreateDirectory(Path.Combine(root, "submission"));
        Directory.CreateDirectory(Path.Combine(work, "empty-kit"));
        var environment = new Dictionary<string, string>
        {
            ["AUTOGRADER_ROOT"] = root,
            ["DISTSYS_KIT"] = Path.Combine(work, "empty-kit"),
        };
        File.WriteAllText(Path.Combine(root, "run_autograder"), AutograderScripts.RunAutograder.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(Path.Combine(root, "run_autograder"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var run = KitCopy.Run(Path.Combine(root, "run_autograder"), [], root, environment);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "results", "results.json")));
        Assert.That(results.RootElement.GetProperty("score").GetInt32(), Is.Zero);
        Assert.That(results.RootElement.GetProperty("output").GetString(), Does.StartWith("The submission could not be graded (grader exit code"));
    }

    private bool KnowsFormat(string name)
    {
        var run = KitCopy.RunGrader(["--root", copyRoot, "--format", name, "--exercise", "no-such-exercise"], copyRoot);
        return !run.Error.Contains($"'{name}'", StringComparison.Ordinal);
    }
}
