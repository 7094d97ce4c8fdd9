using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

/// <summary>
/// Grades a throwaway copy of the kit as a cheating student would submit to it (issue 8): four fixture exercises whose
/// submitted sources attack the grader, plus tampered tests, project files, rubric, snapshot, Given/ file.
/// (Symbolic links refuse the whole submission: SubmissionOpenerTests.) One grader run serves every test. Each test shows one attack refused or contained: the attack does not raise
/// the score, leaves nothing behind and changes no trusted file. Attacks that use reflection, Process, files,
/// Environment or the raw standard streams are also refused by the API allow-list once it lands; the assertions hold
/// either way (the exercise is then an error with score 0).
/// Slow (a real build), so it only runs when asked: dotnet test tests/grader --filter Category=EndToEnd
/// </summary>
[Explicit("Builds and grades a copy of the kit; run with --filter Category=EndToEnd")]
[Category("EndToEnd")]
public class SecurityTests
{
    private const string Tamper = "sec-tamper";
    private const string Sizes = "sec-sizes";
    private const string Runtime = "sec-runtime";
    private const string Reflection = "sec-reflection";
    private const string SecretVariable = "SEC_GRADER_SECRET";
    private const long MaxGraderResidentBytes = 256L * 1024 * 1024;
    private const int SandboxUserBase = 200_000;
    private static readonly TimeSpan GraceAfterExit = TimeSpan.FromSeconds(3);

    private readonly string secret = "secret-" + Guid.NewGuid().ToString("N");
    private readonly string childMarker = "sec-child-" + Guid.NewGuid().ToString("N");
    private string kitRoot = string.Empty;
    private string submission = string.Empty;
    private string markers = string.Empty;
    private string outFolder = string.Empty;
    private string runtimeTests = string.Empty;
    private string rubric = string.Empty;
    private string snapshot = string.Empty;
    private int graderExitCode;
    private int graderPid;
    private string graderError = string.Empty;
    private string graderOutput = string.Empty;
    private long graderPeakBytes;
    private long graderPeakDuringFloodBytes;
    private (int ExitCode, string Error, TimeSpan Elapsed) unwritableOut;
    private JsonElement report;
    private List<string> survivors = [];

    [OneTimeSetUp]
    public void GradeAnAttackingSubmission()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("The containment checks read /proc and need Linux.");
        }

        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        kitRoot = KitCopy.Create(kit.Root, "distsys-sec-kit-");
        submission = Directory.CreateTempSubdirectory("distsys-sec-submission-").FullName;
        markers = Directory.CreateTempSubdirectory("distsys-sec-markers-").FullName;
        // Anyone may write the markers folder, so a surviving child of any user could leave its mark there.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(markers, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        }
        outFolder = Path.Combine(Directory.CreateTempSubdirectory("distsys-sec-out-").FullName, "report");
        WriteKitExercises();
        WriteSubmission();
        runtimeTests = File.ReadAllText(Path.Combine(kitRoot, "tests", Runtime, "Tests.cs"));
        rubric = File.ReadAllText(Path.Combine(kitRoot, "grader", "rubric.yaml"));
        snapshot = File.ReadAllText(Path.Combine(kitRoot, "tests", Runtime, "RuntimeTests.The_report_matches_its_snapshot.verified.txt"));

        // An --out the grader cannot write (a folder below a regular file: even root cannot) is refused before grading.
        var blocker = Path.Combine(markers, "not-a-folder");
        File.WriteAllText(blocker, string.Empty);
        var refused = KitCopy.RunGrader(["--root", kitRoot, "--submission", submission, "--out", Path.Combine(blocker, "out"), "--exercise", Sizes], kitRoot);
        unwritableOut = (refused.ExitCode, refused.Error, refused.Elapsed);

        var floodStarted = Path.Combine(markers, "flood-started");
        var run = KitCopy.RunGrader(
            ["--root", kitRoot, "--submission", submission, "--out", outFolder, "--format", "json", "--test-timeout", "10",
             "--no-bench", "--exercise", Tamper, "--exercise", Sizes, "--exercise", Runtime, "--exercise", Reflection],
            kitRoot,
            new Dictionary<string, string> { [SecretVariable] = secret, ["DISTSYS_ACCEPT"] = "1" },
            measureWhile: () => File.Exists(floodStarted));
        (graderExitCode, graderOutput, graderError, graderPeakBytes, graderPeakDuringFloodBytes, graderPid) =
            (run.ExitCode, run.Output, run.Error, run.PeakResidentBytes, run.PeakWhileMeasuredBytes, run.Pid);
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "security-report.json"), graderOutput);
        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grader peak RSS {graderPeakBytes / (1024 * 1024)} MiB, while the flood ran {graderPeakDuringFloodBytes / (1024 * 1024)} MiB; unwritable --out refused in {unwritableOut.Elapsed.TotalSeconds:0.0} s"));

        Thread.Sleep(GraceAfterExit);
        survivors = Survivors();
        try
        {
            report = JsonDocument.Parse(graderOutput).RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"The grader's stdout is not one JSON document (exit code {graderExitCode}).\nstdout:\n{graderOutput}\nstderr:\n{graderError}");
        }
    }

    [OneTimeTearDown]
    public void DeleteTheCopies()
    {
        KitCopy.DeleteGradingTrees(Runtime);
        foreach (var folder in new[] { kitRoot, submission, markers, Path.GetDirectoryName(outFolder)! })
        {
            if (folder.Length > 0 && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Test]
    public void The_grader_exits_0_and_grades_every_attacking_exercise()
    {
        Assert.That(graderExitCode, Is.Zero, graderError);
        Assert.That(report.GetProperty("exercises").EnumerateArray().Select(exercise => exercise.GetProperty("slug").GetString()),
            Is.EquivalentTo(new[] { Tamper, Sizes, Runtime, Reflection }));
    }

    [Test]
    public void No_attack_on_the_grade_scores_a_point()
    {
        var scores = report.GetProperty("exercises").EnumerateArray()
            .Where(exercise => exercise.GetProperty("slug").GetString() != Runtime)
            .ToDictionary(exercise => exercise.GetProperty("slug").GetString()!, exercise => exercise.GetProperty("score").GetDecimal());

        Assert.That(scores, Has.All.Property("Value").EqualTo(0m), graderError);
    }

    [Test]
    public void Only_the_runtime_tests_whose_answer_is_right_pass()
    {
        var passed = Tests(Runtime).Where(test => test.GetProperty("status").GetString() == "passed").Select(Name);

        Assert.That(passed, Is.SubsetOf(new[] { "Floods_stdout", "Forks", "Two_is_two" }),
            "these attacks target the grader's resources and processes, not the grade; their answers are right, so they may pass");
    }

    [Test]
    public void Changed_tests_snapshots_project_files_rubric_and_given_code_are_listed_as_ignored()
    {
        Assert.That(Ignored().Keys, Is.SupersetOf(new[]
        {
            $"tests/{Tamper}/Tests.cs",
            $"tests/{Tamper}/TamperTests.The_report_matches_its_snapshot.verified.txt",
            $"exercises/{Tamper}/SecTamper.csproj",
            $"exercises/{Tamper}/Given/Expected.cs",
            $"exercises/{Tamper}/Forged.txt",
            $"exercises/{Runtime}/SecRuntime.csproj",
            $"exercises/{Reflection}/SecReflection.csproj",
            "grader/rubric.yaml",
        }));
    }

    [Test]
    public void Tampered_tests_snapshots_given_code_and_project_files_have_no_effect()
    {
        var tests = Tests(Tamper).ToDictionary(Name, test => test.GetProperty("status").GetString());

        Assert.That(tests, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Two_is_two"] = "failed",
            ["Three_is_the_given_three"] = "failed",
            ["The_report_matches_its_snapshot"] = "failed",
        }), "the kit's tests, snapshot and Given/ code judge the student's wrong answers; the submitted csproj's target and Compile Include never ran");
    }

    [Test]
    public void A_submitted_rubric_does_not_change_the_points()
    {
        Assert.That(Exercise(Tamper).GetProperty("max_score").GetDecimal(), Is.EqualTo(100m));
    }

    [Test]
    public void A_malformed_or_hanging_exercise_project_costs_nothing_because_the_kits_own_is_used()
    {
        // The allow-list's own lines (DS100-DS110) refuse these attacks' code; what must not appear is a build error.
        var buildErrors = new[] { Runtime, Reflection }
            .SelectMany(slug => Exercise(slug).GetProperty("errors").EnumerateArray())
            .Select(error => error.GetProperty("code").GetString() ?? string.Empty)
            .Where(code => !code.StartsWith("DS1", StringComparison.Ordinal))
            .ToList();
        Assert.That(buildErrors, Is.Empty,
            "a malformed csproj or one with <Exec Command=\"sleep 100000\"/> in the submission must not reach the build (a hang would end as a build time-out error)");
    }

    [Test]
    public void An_oversized_source_file_makes_its_exercise_an_error()
    {
        var exercise = Exercise(Sizes);

        Assert.That(exercise.GetProperty("status").GetString(), Is.EqualTo("error"));
        Assert.That(exercise.GetProperty("message").GetString(), Does.Contain("KiB"));
    }

    [Test]
    public void Accepting_snapshots_from_student_code_neither_passes_nor_rewrites_the_snapshot()
    {
        Assert.That(Status(Runtime, "The_report_matches_its_snapshot"), Is.Not.EqualTo("passed"));
        Assert.That(File.ReadAllText(Path.Combine(kitRoot, "tests", Runtime, "RuntimeTests.The_report_matches_its_snapshot.verified.txt")), Is.EqualTo(snapshot));
    }

    [Test]
    public void Student_code_cannot_read_the_graders_environment()
    {
        Assert.That(Status(Runtime, "The_secret_is_known"), Is.Not.EqualTo("passed"));
        Assert.That(graderOutput, Does.Not.Contain(secret), "the secret must not reach the report through the test's output either");
    }

    [Test]
    public void As_root_student_code_runs_as_another_user_and_cannot_write_the_kit_or_its_tree_nor_read_the_reference()
    {
        if (Environment.UserName != "root")
        {
            Assert.Ignore("The grader drops privileges only when it runs as root.");
        }

        Assert.That(Status(Runtime, "Runs_as_root"), Is.Not.EqualTo("passed"));
        Assert.That(Status(Runtime, "Writes_the_kit"), Is.Not.EqualTo("passed"));
        Assert.That(Status(Runtime, "Reads_the_reference"), Is.Not.EqualTo("passed"), "neither the kit's solutions/ nor the grader's reference tree may be readable");
        Assert.That(File.ReadAllText(Path.Combine(kitRoot, "tests", Runtime, "Tests.cs")), Is.EqualTo(runtimeTests));
        Assert.That(File.ReadAllText(Path.Combine(kitRoot, "grader", "rubric.yaml")), Is.EqualTo(rubric));
        Assert.That(StudentTreeFiles("tests/" + Runtime + "/Tests.cs").Where(path => File.ReadAllText(path).Contains("// forged", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void A_memory_bomb_is_stopped_at_the_memory_limit()
    {
        Assert.That(Status(Runtime, "Managed_memory_bomb"), Is.Not.EqualTo("passed"));
        Assert.That(Status(Runtime, "Native_memory_bomb"), Is.Not.EqualTo("passed"));
        if (Exercise(Runtime).GetProperty("status").GetString() != "error")
        {
            // The GC's hard limit throws OutOfMemoryException, unless the watchdog sees the process's resident memory pass the limit first.
            Assert.That(Message(Runtime, "Managed_memory_bomb"), Does.Contain("exceeded the 1024 MiB memory limit").Or.Contain("OutOfMemoryException"));
            Assert.That(Message(Runtime, "Native_memory_bomb"), Does.Contain("exceeded the 1024 MiB memory limit"));
        }
    }

    [Test]
    public void Forged_protocol_lines_before_environment_exit_do_not_pass()
    {
        Assert.That(Status(Runtime, "Exits_after_forging"), Is.Not.EqualTo("passed"));
    }

    [Test]
    public void The_grader_stays_small_while_a_test_writes_3_GiB_without_a_newline()
    {
        Assert.That(graderPeakDuringFloodBytes, Is.LessThanOrEqualTo(MaxGraderResidentBytes),
            $"the grader's resident memory while the flood ran (its peak over the whole run: {graderPeakBytes / (1024 * 1024)} MiB)");
    }

    [Test]
    public void No_process_of_the_run_outlives_the_grader()
    {
        Assert.That(survivors, Is.Empty, "processes with the children's marker or a sandbox user id of this grader");
        Assert.That(Directory.EnumerateFiles(markers).Select(Path.GetFileName), Has.None.EqualTo("detached").And.None.EqualTo("double-fork"),
            "a detached or double-forked child waited for the grader to exit and then left its mark");
    }

    [Test]
    public void The_report_file_is_the_graders_and_not_a_surviving_childs()
    {
        var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(outFolder, "report.json"))).RootElement;

        Assert.That(written.GetProperty("score").GetDecimal(), Is.EqualTo(report.GetProperty("score").GetDecimal()));
        Assert.That(written.TryGetProperty("forged", out _), Is.False);
    }

    [Test]
    public void An_unwritable_out_folder_is_refused_before_grading_with_exit_code_2()
    {
        Assert.That(unwritableOut.ExitCode, Is.EqualTo(2), unwritableOut.Error);
        Assert.That(unwritableOut.Error, Does.Contain("--out").And.Contain("cannot write"));
        Assert.That(unwritableOut.Error, Does.Not.Contain("building"), "no build may start before --out is known to be writable");
    }

    [Test]
    public void Honest_tests_still_pass_after_the_attacks()
    {
        if (Exercise(Runtime).GetProperty("status").GetString() != "error")
        {
            Assert.That(Status(Runtime, "Two_is_two"), Is.EqualTo("passed"), "restarts after crashes and kills still grade the remaining tests");
        }
    }

    [Test]
    public void Reflection_into_the_host_does_not_raise_the_score()
    {
        Assert.That(Tests(Reflection).Select(test => test.GetProperty("status").GetString()), Has.None.EqualTo("passed"),
            "a SuccessException made by reflection, or a swapped protocol writer, must not pass a test");
        if (Exercise(Reflection).GetProperty("status").GetString() != "error")
        {
            Assert.That(Message(Reflection, "Two_is_two"), Does.Contain("SuccessException thrown from the exercise's code"));
        }
    }

    private JsonElement Exercise(string slug) =>
        report.GetProperty("exercises").EnumerateArray().Single(exercise => exercise.GetProperty("slug").GetString() == slug);

    private IEnumerable<JsonElement> Tests(string slug) => Exercise(slug).GetProperty("tests").EnumerateArray();

    /// <summary>The test's status; "not run" when the exercise was not run at all (an error, e.g. refused code).</summary>
    private string Status(string slug, string method) =>
        Tests(slug).Where(test => Name(test) == method).Select(test => test.GetProperty("status").GetString()!).FirstOrDefault() ?? "not run";

    private string? Message(string slug, string method) =>
        Tests(slug).Single(test => Name(test) == method).GetProperty("message").GetString();

    private Dictionary<string, string> Ignored() =>
        report.GetProperty("ignored").EnumerateArray()
            .ToDictionary(file => file.GetProperty("path").GetString()!, file => file.GetProperty("reason").GetString()!, StringComparer.Ordinal);

    private static string Name(JsonElement test)
    {
        var name = test.GetProperty("name").GetString() ?? string.Empty;
        return name[(name.LastIndexOf('.') + 1)..];
    }

    /// <summary>Copies of <paramref name="relative"/> in the grading trees the grader may have used for this kit.</summary>
    private static IEnumerable<string> StudentTreeFiles(string relative) =>
        Directory.EnumerateDirectories(Path.GetTempPath(), "distsys-grader-*")
            .Select(folder => Path.Combine(folder, "student", relative))
            .Where(File.Exists);

    /// <summary>Processes carrying the marker the attacking children were given, or running as a sandbox user of this grader.</summary>
    private List<string> Survivors()
    {
        var needle = Encoding.ASCII.GetBytes(childMarker);
        var found = new List<string>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var uid = File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal))
                    .Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1];
                var sandboxUsers = SandboxUserBase + (graderPid % 1_000_000) * 16;
                var ownUser = int.Parse(uid, CultureInfo.InvariantCulture) is var id && id >= sandboxUsers && id < sandboxUsers + 16;
                if (ownUser || File.ReadAllBytes($"/proc/{pid}/environ").AsSpan().IndexOf(needle) >= 0)
                {
                    found.Add($"{pid} (uid {uid}): {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')}");
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    private void WriteKitExercises()
    {
        KitCopy.WriteExercise(kitRoot, Tamper, "SecTamper",
            new Dictionary<string, string>
            {
                ["Answer.cs"] = """
                    /// <summary>The fixture's stand-in for a student stub.</summary>
                    public static class Answer
                    {
                        /// <summary>Two.</summary>
                        public static int Two() => throw new NotImplementedException("Return two.");

                        /// <summary>The given three.</summary>
                        public static int Three() => throw new NotImplementedException("Return Expected.Three.");

                        /// <summary>The report.</summary>
                        public static string Report() => throw new NotImplementedException("Print the report.");
                    }
                    """,
                ["Given/Expected.cs"] = """
                    /// <summary>Handed to students fully written.</summary>
                    public static class Expected
                    {
                        /// <summary>Three.</summary>
                        public const int Three = 3;
                    }
                    """,
            },
            new Dictionary<string, string>
            {
                ["Answer.cs"] = """
                    /// <summary>The reference.</summary>
                    public static partial class Answer
                    {
                        /// <summary>Two.</summary>
                        public static int Two()
                        {
                            var value = 1;
                            Adjust(ref value);
                            return value;
                        }

                        /// <summary>The given three.</summary>
                        public static int Three() => Expected.Three;

                        /// <summary>The report.</summary>
                        public static string Report() => "right\n";

                        static partial void Adjust(ref int value);
                    }
                    """,
                ["Adjust.cs"] = """
                    /// <summary>The reference.</summary>
                    public static partial class Answer
                    {
                        static partial void Adjust(ref int value) => value = 2;
                    }
                    """,
            },
            """
            using DistSys.Testing;

            public class TamperTests
            {
                [Test] public void Two_is_two() => Assert.That(Answer.Two(), Is.EqualTo(2));

                [Test] public void Three_is_the_given_three() => Assert.That(Answer.Three(), Is.EqualTo(Expected.Three));

                [Test] public void The_report_matches_its_snapshot() => Snapshot.Verify(Answer.Report());
            }
            """);
        KitCopy.Write(kitRoot, $"tests/{Tamper}/TamperTests.The_report_matches_its_snapshot.verified.txt", "right\n");

        var two = new Dictionary<string, string>
        {
            ["Answer.cs"] = """
                /// <summary>The fixture's stand-in for a student stub.</summary>
                public static class Answer
                {
                    /// <summary>Two.</summary>
                    public static int Two() => throw new NotImplementedException("Return two.");

                    /// <summary>Three.</summary>
                    public static int Three() => throw new NotImplementedException("Return three.");
                }
                """,
        };
        var twoSolved = new Dictionary<string, string>
        {
            ["Answer.cs"] = """
                /// <summary>The reference.</summary>
                public static class Answer
                {
                    /// <summary>Two.</summary>
                    public static int Two() => 2;

                    /// <summary>Three.</summary>
                    public static int Three() => 3;
                }
                """,
        };
        const string twoTests = """
            public class AnswerTests
            {
                [Test] public void Two_is_two() => Assert.That(Answer.Two(), Is.EqualTo(2));

                [Test] public void Three_is_three() => Assert.That(Answer.Three(), Is.EqualTo(3));
            }
            """;
        KitCopy.WriteExercise(kitRoot, Sizes, "SecSizes", two, twoSolved, twoTests);
        KitCopy.WriteExercise(kitRoot, Reflection, "SecReflection", two, twoSolved, twoTests);

        string[] members =
        [
            "string Report()", "string Secret()", "int UserId()", "int WritesTheKit()", "long ReadsTheReference()", "int ManagedMemoryBomb()",
            "int NativeMemoryBomb()", "int ExitAfterForging()", "long Flood()", "int ForkAndWait()", "int Two()",
        ];
        KitCopy.WriteExercise(kitRoot, Runtime, "SecRuntime",
            new Dictionary<string, string> { ["Attacks.cs"] = AttackClass(members, _ => "throw new NotImplementedException(\"Attack.\")") },
            new Dictionary<string, string> { ["Attacks.cs"] = AttackClass(members, member => member.StartsWith("string", StringComparison.Ordinal) ? "string.Empty" : "0") },
            """
            using DistSys.Testing;

            // Run in this order, so that the restarts after the crashes come before the children that must not outlive the grader.
            public class RuntimeTests
            {
                [Test, Order(1)] public void The_report_matches_its_snapshot() => Snapshot.Verify(Attacks.Report());

                [Test, Order(2)] public void The_secret_is_known() => Assert.That(Attacks.Secret(), Does.StartWith("secret-"));

                [Test, Order(3)] public void Runs_as_root() => Assert.That(Attacks.UserId(), Is.Zero);

                [Test, Order(4)] public void Writes_the_kit() => Assert.That(Attacks.WritesTheKit(), Is.EqualTo(4));

                [Test, Order(4)] public void Reads_the_reference() => Assert.That(Attacks.ReadsTheReference(), Is.GreaterThan(0));

                [Test, Order(5)] public void Managed_memory_bomb() => Assert.That(Attacks.ManagedMemoryBomb(), Is.EqualTo(1));

                [Test, Order(6)] public void Native_memory_bomb() => Assert.That(Attacks.NativeMemoryBomb(), Is.EqualTo(1));

                [Test, Order(7)] public void Exits_after_forging() => Assert.That(Attacks.ExitAfterForging(), Is.EqualTo(1));

                [Test, Order(8)] public void Floods_stdout() => Assert.That(Attacks.Flood(), Is.EqualTo(3L << 30));

                [Test, Order(9)] public void Forks() => Assert.That(Attacks.ForkAndWait(), Is.EqualTo(1));

                [Test, Order(10)] public void Two_is_two() => Assert.That(Attacks.Two(), Is.EqualTo(2));
            }
            """);
        KitCopy.Write(kitRoot, $"tests/{Runtime}/RuntimeTests.The_report_matches_its_snapshot.verified.txt", "right\n");
    }

    private static string AttackClass(IEnumerable<string> members, Func<string, string> body) =>
        "/// <summary>Attack fixture.</summary>\npublic static class Attacks\n{\n"
        + string.Join("\n", members.Select(member => $"    /// <summary>Attack.</summary>\n    public static {member} => {body(member)};\n"))
        + "}";

    private void WriteSubmission()
    {
        // sec-tamper: wrong answers, plus everything a student might change to make the kit accept them.
        KitCopy.Write(submission, $"exercises/{Tamper}/Answer.cs", """
            namespace DistSys.SecTamper;

            public static partial class Answer
            {
                public static int Two()
                {
                    var value = 1;
                    Adjust(ref value);
                    return value;
                }

                public static int Three() => 4;

                public static string Report() => "wrong\n";

                static partial void Adjust(ref int value);
            }
            """);
        KitCopy.Write(submission, $"exercises/{Tamper}/Given/Expected.cs", """
            namespace DistSys.SecTamper;

            public static class Expected
            {
                public const int Three = 4;
            }
            """);
        const string forgedTests = """
            namespace DistSys.SecTamper.Tests;

            public class TamperTests
            {
                [Test] public void Two_is_two() => Assert.Pass();

                [Test] public void Three_is_the_given_three() => Assert.Pass();

                [Test] public void The_report_matches_its_snapshot() => Assert.Pass();
            }
            """;
        KitCopy.Write(submission, $"tests/{Tamper}/Tests.cs", forgedTests);
        KitCopy.Write(submission, $"exercises/{Tamper}/Forged.txt", forgedTests);
        KitCopy.Write(submission, $"tests/{Tamper}/TamperTests.The_report_matches_its_snapshot.verified.txt", "wrong\n");
        KitCopy.Write(submission, $"exercises/{Tamper}/SecTamper.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <Compile Include="$(MSBuildThisFileDirectory)../../solutions/sec-tamper/Adjust.cs" />
              </ItemGroup>
              <Target Name="RewriteTheTests" BeforeTargets="CoreCompile">
                <Copy SourceFiles="$(MSBuildThisFileDirectory)Forged.txt" DestinationFiles="$(MSBuildThisFileDirectory)../../tests/sec-tamper/Tests.cs" />
              </Target>
            </Project>
            """);
        KitCopy.Write(submission, "grader/rubric.yaml", rubricWithPoints());

        // sec-sizes: a right answer in a source file beyond the size limit.
        KitCopy.Write(submission, $"exercises/{Sizes}/Answer.cs",
            "namespace DistSys.SecSizes;\n\npublic static class Answer\n{\n    public static int Two() => 2;\n\n    public static int Three() => 3;\n}\n"
            + string.Concat(Enumerable.Repeat("// padding padding padding padding padding padding padding padding padding\n", 8000)));

        // sec-reflection: reaches into the test host; its project file would hang the build.
        KitCopy.Write(submission, $"exercises/{Reflection}/Answer.cs", ReflectionAttack);
        KitCopy.Write(submission, $"exercises/{Reflection}/SecReflection.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <Target Name="Hang" BeforeTargets="Build">
                <Exec Command="sleep 100000" />
              </Target>
            </Project>
            """);

        // sec-runtime: process, memory, stream and file attacks; its project file is malformed.
        KitCopy.Write(submission, $"exercises/{Runtime}/Attacks.cs", RuntimeAttacks
            .Replace("@MARKERS@", markers, StringComparison.Ordinal)
            .Replace("@OUT@", outFolder, StringComparison.Ordinal)
            .Replace("@KIT@", kitRoot, StringComparison.Ordinal)
            .Replace("@CHILD@", childMarker, StringComparison.Ordinal));
        KitCopy.Write(submission, $"exercises/{Runtime}/SecRuntime.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <Compile Include=\n");

        string rubricWithPoints() => File.ReadAllText(Path.Combine(kitRoot, "grader", "rubric.yaml"))
            .Replace("exercises: {}", "exercises:", StringComparison.Ordinal)
            .Replace("\nexercises:\n", "\nexercises:\n  sec-tamper:\n    points: 1000\n", StringComparison.Ordinal);
    }

    private const string ReflectionAttack = """
        using System.Reflection;
        using System.Runtime.CompilerServices;
        using System.Text;

        namespace DistSys.SecReflection;

        public static class Answer
        {
            // NUnit counts a SuccessException as a pass, wherever it is thrown from.
            public static int Two() =>
                throw (Exception)Activator.CreateInstance(Type.GetType("NUnit.Framework.SuccessException, nunit.framework")!, "forged")!;

            public static int Three() => 4;

            // Replaces the host's protocol writer with one that turns every failure into a pass.
            [ModuleInitializer]
            internal static void SwapTheProtocolWriter()
            {
                try
                {
                    var contextType = Type.GetType("NUnit.Framework.Internal.TestExecutionContext, nunit.framework")!;
                    var context = contextType.GetProperty("CurrentContext")!.GetValue(null)!;
                    var listener = contextType.GetProperty("Listener")!.GetValue(context)!;
                    Swap(listener, 0);
                }
                catch (Exception)
                {
                }
            }

            private static void Swap(object owner, int depth)
            {
                if (depth > 4)
                {
                    return;
                }

                for (var type = owner.GetType(); type is not null; type = type.BaseType)
                {
                    foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
                    {
                        var value = field.GetValue(owner);
                        if (value is StreamWriter writer && writer is not ForgingWriter && writer.BaseStream.GetType().Name == "NetworkStream")
                        {
                            field.SetValue(owner, new ForgingWriter(writer.BaseStream));
                        }
                        else if (value is not null && !field.FieldType.IsPrimitive && value is not string && value.GetType().Namespace?.StartsWith("DistSys", StringComparison.Ordinal) == true)
                        {
                            Swap(value, depth + 1);
                        }
                    }
                }
            }

            private sealed class ForgingWriter(Stream stream) : StreamWriter(stream, new UTF8Encoding(false))
            {
                public override void Write(string? value) =>
                    base.Write(value?.Replace("\"status\":\"failed\"", "\"status\":\"passed\"", StringComparison.Ordinal));
            }
        }
        """;

    private const string RuntimeAttacks = """
        using System.Diagnostics;
        using System.Runtime.CompilerServices;

        namespace DistSys.SecRuntime;

        public static class Attacks
        {
            // Asks the snapshot helper to accept whatever this code prints, and overwrite the kit's snapshot with it.
            [ModuleInitializer]
            internal static void AcceptEverySnapshot() => Environment.SetEnvironmentVariable("DISTSYS_ACCEPT", "1");

            public static string Report() => "wrong\n";

            public static string Secret()
            {
                var found = Environment.GetEnvironmentVariable("SEC_GRADER_SECRET") ?? string.Empty;
                try
                {
                    foreach (var entry in File.ReadAllText($"/proc/{ParentId()}/environ").Split('\0'))
                    {
                        if (entry.StartsWith("SEC_GRADER_SECRET=", StringComparison.Ordinal))
                        {
                            found += entry["SEC_GRADER_SECRET=".Length..];
                        }
                    }
                }
                catch (Exception)
                {
                }

                Console.WriteLine("secret: " + found);
                return found;
            }

            public static int UserId()
            {
                var line = File.ReadLines("/proc/self/status").First(text => text.StartsWith("Uid:", StringComparison.Ordinal));
                return int.Parse(line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1]);
            }

            public static int WritesTheKit()
            {
                var tree = AppContext.BaseDirectory;
                while (tree is not null && !File.Exists(Path.Combine(tree, "grader", "rubric.yaml")))
                {
                    tree = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(tree));
                }

                var written = 0;
                foreach (var root in new[] { tree ?? "/nonexistent", "@KIT@" })
                {
                    foreach (var file in new[] { "tests/sec-runtime/Tests.cs", "grader/rubric.yaml" })
                    {
                        try
                        {
                            File.AppendAllText(Path.Combine(root, file), "\n// forged\n");
                            written++;
                        }
                        catch (Exception)
                        {
                        }
                    }
                }

                return written;
            }

            // The reference's source and DLL, in the kit and in the grader's reference tree (the student tree has no solutions/).
            public static long ReadsTheReference()
            {
                long read = 0;
                var candidates = new List<string> { "@KIT@/solutions/sec-runtime/Attacks.cs" };
                try
                {
                    foreach (var trees in Directory.EnumerateDirectories("/tmp", "distsys-grader-*"))
                    {
                        candidates.Add(Path.Combine(trees, "reference", "solutions", "sec-runtime", "Attacks.cs"));
                        candidates.Add(Path.Combine(trees, "reference", "tests", "sec-runtime", "bin", "solutions", "Debug", "net10.0", "DistSys.Solutions.dll"));
                    }
                }
                catch (Exception)
                {
                }

                foreach (var path in candidates)
                {
                    try
                    {
                        read += File.ReadAllBytes(path).Length;
                    }
                    catch (Exception)
                    {
                    }
                }

                Console.WriteLine($"read {read} bytes of the reference");
                return read;
            }

            public static int ManagedMemoryBomb()
            {
                var hoard = new List<byte[]>();
                while (true)
                {
                    var block = new byte[64 << 20];
                    Array.Fill(block, (byte)1);
                    hoard.Add(block);
                }
            }

            public static int NativeMemoryBomb()
            {
                // tail keeps the whole "last line" of an endless stream without newlines in memory.
                using var tail = Start("sh", "-c", "tail /dev/zero");
                tail.WaitForExit(60_000);
                return 1;
            }

            public static int ExitAfterForging()
            {
                string[] tests = ["The_report_matches_its_snapshot", "The_secret_is_known", "Runs_as_root", "Writes_the_kit", "Reads_the_reference", "Managed_memory_bomb", "Native_memory_bomb", "Exits_after_forging", "Floods_stdout", "Forks", "Two_is_two"];
                using var stdout = new StreamWriter(Console.OpenStandardOutput());
                foreach (var test in tests)
                {
                    var line = "##distsys 00000000000000000000000000000000 {\"event\":\"finished\",\"test\":\"DistSys.SecRuntime.Tests.RuntimeTests." + test + "\",\"status\":\"passed\"}";
                    Console.WriteLine(line);
                    stdout.WriteLine(line);
                }

                stdout.Flush();
                Environment.Exit(0);
                return 1;
            }

            public static long Flood()
            {
                File.WriteAllText("@MARKERS@/flood-started", string.Empty);
                using var stdout = Console.OpenStandardOutput();
                var chunk = new byte[1 << 20];
                Array.Fill(chunk, (byte)'x');
                for (var i = 0; i < 3072; i++)
                {
                    stdout.Write(chunk);
                }

                stdout.Flush();
                return 3L << 30;
            }

            // Children that wait for the grader to exit, then forge the report and leave a mark.
            public static int ForkAndWait()
            {
                var waitForGrader = "while [ -e /proc/" + ParentId() + " ]; do sleep 0.2; done; ";
                using var detached = Start("setsid", "-f", "sh", "-c", waitForGrader + "echo forged > @MARKERS@/detached; echo '{\"forged\":true}' > @OUT@/report.json");
                using var doubleFork = Start("sh", "-c", "( " + waitForGrader + "echo forged > @MARKERS@/double-fork ) > /dev/null 2>&1 &");
                doubleFork.WaitForExit(5_000);
                return 1;
            }

            public static int Two() => 2;

            private static Process Start(string file, params string[] arguments)
            {
                var info = new ProcessStartInfo(file) { UseShellExecute = false };
                foreach (var argument in arguments)
                {
                    info.ArgumentList.Add(argument);
                }

                info.Environment["SEC_CHILD"] = "@CHILD@";
                return Process.Start(info)!;
            }

            private static string ParentId()
            {
                var stat = File.ReadAllText("/proc/self/stat");
                return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
            }
        }
        """;
}
