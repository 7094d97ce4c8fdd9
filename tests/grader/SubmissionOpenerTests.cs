using System.Diagnostics;
using System.IO.Compression;
using DistSys.Grader.Cli;
using DistSys.Grader.Kit;
using DistSys.Grader.Submissions;

namespace DistSys.Grader.Tests;

/// <summary>
/// What counts as a gradable submission (a folder, a .zip or a git repository laid out like the kit) and how every
/// other thing is refused: one message, exit code 2, nothing written outside the work folder.
/// </summary>
public class SubmissionOpenerTests
{
    private static readonly string[] Slugs = ["alpha", "beta"];
    private string scratch = string.Empty;
    private string work = string.Empty;

    [SetUp]
    public void CreateScratch()
    {
        scratch = Directory.CreateTempSubdirectory("distsys-submission-").FullName;
        work = Path.Combine(scratch, "work");
        Directory.CreateDirectory(work);
    }

    [TearDown]
    public void DeleteScratch() => Directory.Delete(scratch, recursive: true);

    [Test]
    public void A_folder_laid_out_like_the_kit_is_graded_where_it_is()
    {
        var folder = StudentFolder("student");

        var opened = Open(folder);

        Assert.That(opened.Kind, Is.EqualTo("folder"));
        Assert.That(opened.Folder, Is.EqualTo(folder));
    }

    [Test]
    public void A_zip_is_unpacked_into_the_work_folder_and_a_single_wrapping_folder_is_looked_through()
    {
        var archive = Zip("student.zip", ("repo-main/exercises/alpha/Answer.cs", "class Answer { }"), ("repo-main/README.md", "hi"));

        var opened = Open(archive);

        Assert.That(opened.Kind, Is.EqualTo("zip"));
        Assert.That(opened.Folder, Is.EqualTo(Path.Combine(work, "submission", "repo-main")), "GitHub's Download ZIP wraps the repository in one folder");
        Assert.That(File.ReadAllText(Path.Combine(opened.Folder, "exercises", "alpha", "Answer.cs")), Is.EqualTo("class Answer { }"));
    }

    [Test]
    public void A_bare_git_repository_is_cloned_at_its_head_into_the_work_folder()
    {
        var folder = StudentFolder("student");
        Git(folder, "init", "--quiet");
        Git(folder, "add", ".");
        Git(folder, "-c", "user.name=s", "-c", "user.email=s@example.com", "commit", "--quiet", "-m", "work");
        var bare = Path.Combine(scratch, "student.git");
        Git(scratch, "clone", "--quiet", "--bare", folder, bare);

        var opened = Open(bare);

        Assert.That(opened.Kind, Is.EqualTo("git"));
        Assert.That(File.Exists(Path.Combine(work, "submission", "exercises", "alpha", "Answer.cs")), Is.True);
    }

    [Test]
    public void A_git_url_that_cannot_be_cloned_is_refused_with_gits_reason()
    {
        var refusal = Refusal("file:///nonexistent/student.git");

        Assert.That(refusal, Does.StartWith("submission file:///nonexistent/student.git: git clone failed"));
    }

    [Test]
    public void A_missing_path_is_refused() =>
        Assert.That(Refusal(Path.Combine(scratch, "nowhere")), Does.Contain("no such file or folder"));

    [Test]
    public void An_empty_folder_is_refused()
    {
        var empty = Directory.CreateDirectory(Path.Combine(scratch, "empty")).FullName;

        Assert.That(Refusal(empty), Does.Contain("it is empty"));
    }

    [Test]
    public void A_folder_without_any_exercise_of_the_kit_is_refused_and_the_message_names_the_slugs()
    {
        var folder = Path.Combine(scratch, "homework");
        Write(folder, "src/Answer.cs", "class Answer { }");
        Write(folder, "exercises/gamma/Answer.cs", "class Answer { }");

        Assert.That(Refusal(folder), Does.Contain("not laid out like the kit").And.Contain("alpha, beta"));
    }

    [Test]
    public void A_binary_file_where_a_source_belongs_is_refused_by_name()
    {
        var folder = StudentFolder("student");
        File.WriteAllBytes(Path.Combine(folder, "exercises", "alpha", "Blob.cs"), [0x4d, 0x5a, 0x00, 0x90]);

        Assert.That(Refusal(folder), Does.Contain("exercises/alpha/Blob.cs is not C# source text"));
    }

    [Test]
    public void A_symbolic_link_anywhere_in_a_folder_is_refused()
    {
        var folder = StudentFolder("student");
        File.CreateSymbolicLink(Path.Combine(folder, "exercises", "alpha", "Stolen.cs"), "/etc/passwd");

        Assert.That(Refusal(folder), Does.Contain("symbolic link (exercises/alpha/Stolen.cs)"));
    }

    [Test]
    public void A_folder_with_more_files_than_the_limit_is_refused()
    {
        var folder = StudentFolder("student");
        var many = Directory.CreateDirectory(Path.Combine(folder, "docs")).FullName;
        for (var i = 0; i < SubmissionLimits.MaxFiles; i++)
        {
            File.WriteAllText(Path.Combine(many, $"{i}.txt"), string.Empty);
        }

        Assert.That(Refusal(folder), Does.Contain($"at most {SubmissionLimits.MaxFiles} are accepted"));
    }

    [Test]
    public void A_zip_entry_that_climbs_out_of_the_submission_is_refused_and_nothing_is_written_outside_the_work_folder()
    {
        var archive = Zip("evil.zip", ("exercises/alpha/Answer.cs", "class Answer { }"), ("../../escaped.txt", "gotcha"));

        Assert.That(Refusal(archive), Does.Contain("'../../escaped.txt' points outside the submission"));
        Assert.That(Directory.GetFiles(scratch, "escaped.txt", SearchOption.AllDirectories), Is.Empty);
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(scratch)!, "escaped.txt")), Is.False);
    }

    [Test]
    public void A_zip_entry_with_an_absolute_path_is_refused()
    {
        var archive = Zip("evil.zip", ("exercises/alpha/Answer.cs", "class Answer { }"), ("/tmp/absolute.txt", "gotcha"));

        Assert.That(Refusal(archive), Does.Contain("points outside the submission"));
    }

    [Test]
    public void A_zip_entry_that_is_a_symbolic_link_is_refused()
    {
        var archive = Path.Combine(scratch, "links.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            AddEntry(zip, "exercises/alpha/Answer.cs", "class Answer { }");
            var link = zip.CreateEntry("exercises/alpha/Stolen.cs");
            link.ExternalAttributes = (0xA000 | 0x1FF) << 16;
            using var stream = link.Open();
            stream.Write("../../../solutions/alpha/Answer.cs"u8);
        }

        Assert.That(Refusal(archive), Does.Contain("'exercises/alpha/Stolen.cs' is a symbolic link"));
    }

    [Test]
    public void A_zip_that_unpacks_beyond_the_size_limit_is_refused_while_unpacking()
    {
        var archive = Path.Combine(scratch, "bomb.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            AddEntry(zip, "exercises/alpha/Answer.cs", "class Answer { }");
            var bomb = zip.CreateEntry("exercises/alpha/zeros.txt", CompressionLevel.SmallestSize);
            using var stream = bomb.Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i <= SubmissionLimits.MaxBytes / zeros.Length; i++)
            {
                stream.Write(zeros);
            }
        }

        Assert.That(new FileInfo(archive).Length, Is.LessThan(1024 * 1024), "the archive itself is small: only unpacking reveals its size");
        Assert.That(Refusal(archive), Does.Contain("unpacks to more than"));
    }

    [Test]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        var text = Path.Combine(scratch, "answer.cs");
        File.WriteAllText(text, "class Answer { }");

        Assert.That(Refusal(text), Does.Contain("not a .zip archive"));
    }

    [Test]
    public void A_corrupt_zip_is_refused()
    {
        var corrupt = Path.Combine(scratch, "corrupt.zip");
        File.WriteAllBytes(corrupt, [.. "PK\u0003\u0004"u8, .. new byte[64]]);

        Assert.That(Refusal(corrupt), Does.Contain("submission"));
    }

    [Test]
    public void The_grade_command_refuses_a_bad_submission_with_exit_code_2_and_one_line_before_building_anything()
    {
        var kit = Directory.CreateDirectory(Path.Combine(scratch, "kit")).FullName;
        TinyKit.WriteKitFiles(kit);
        Directory.CreateDirectory(Path.Combine(kit, "exercises", "alpha"));
        File.WriteAllText(Path.Combine(kit, "grader", "rubric.yaml"), "defaults:\n  points: 100\n");
        var empty = Directory.CreateDirectory(Path.Combine(scratch, "empty")).FullName;
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = new GraderCommandLine(output, error, scratch).RunAsync(["grade", empty, "--kit", kit]).GetAwaiter().GetResult();

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error.ToString().TrimEnd(), Is.EqualTo($"grader: submission {empty}: it is empty."));
        Assert.That(Directory.Exists(Path.Combine(kit, ".grader", "trees")), Is.False, "nothing is built for a refused submission");
    }

    private OpenedSubmission Open(string argument) => SubmissionOpener.Open(argument, scratch, work, Slugs);

    private string Refusal(string argument)
    {
        var refused = Assert.Throws<UsageException>(() => Open(argument));
        return refused!.Message;
    }

    private string StudentFolder(string name)
    {
        var folder = Path.Combine(scratch, name);
        Write(folder, "exercises/alpha/Answer.cs", "class Answer { }");
        Write(folder, "README.md", "my work");
        return folder;
    }

    private string Zip(string name, params (string Path, string Text)[] entries)
    {
        var archive = Path.Combine(scratch, name);
        using var zip = ZipFile.Open(archive, ZipArchiveMode.Create);
        foreach (var (path, text) in entries)
        {
            AddEntry(zip, path, text);
        }

        return archive;
    }

    private static void AddEntry(ZipArchive zip, string path, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(path).Open());
        writer.Write(text);
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static void Git(string folder, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var git = Process.Start(startInfo)!;
        var stderr = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.That(git.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)}: {stderr}");
    }
}
