using System.IO.Compression;
using System.Text;
using DistSys.Grader.Cli;
using DistSys.Grader.Kit;
using DistSys.Grader.Release;
using DistSys.Grader.Trees;

namespace DistSys.Grader.Tests;

/// <summary>What <c>grader release</c> ships, strips and refuses, on small kits written by the tests and on the real kit's files.</summary>
public class ReleaseTests
{
    private static readonly byte[] Ratios = Encoding.UTF8.GetBytes("{\"calibrated\": 1}\n");

    private string kitRoot = string.Empty;

    [SetUp]
    public void CreateKit() => kitRoot = Directory.CreateTempSubdirectory("distsys-release-").FullName;

    [TearDown]
    public void DeleteKit() => Directory.Delete(kitRoot, recursive: true);

    [TestCase("solutions/crdts/GCounter.cs", "the reference solutions")]
    [TestCase("solutions/Solutions.csproj", "the reference solutions")]
    [TestCase("tests/crdts/Hidden/SecretTests.cs", "a hidden test")]
    [TestCase("tests/crdts/Hidden/SecretTests.Report.verified.txt", "a hidden test")]
    [TestCase("tests/api-parity/StubAndReferenceTests.cs", "compares each stub's public API with the reference's (needs solutions/)")]
    [TestCase("tests/grader/ReleaseTests.cs", "the grader's own tests (they grade kit copies with solutions/)")]
    [TestCase("analyzers/DistSys.Analyzers.Tests/AllowList/Kit.cs", "the analyzers' tests (they check solutions/ against the allow-list)")]
    [TestCase(".ci/run", "the kit's own pipeline (grades solutions/)")]
    [TestCase("tools/mutation-test.sh", "mutation testing of solutions/")]
    public void Instructor_only_files_are_withheld_with_their_reason(string path, string reason)
    {
        Assert.That(ReleaseSelection.Exclusion(path), Is.EqualTo(reason));
    }

    [TestCase("exercises/crdts/GCounter.cs")]
    [TestCase("exercises/crdts/Given/CrdtReports.cs")]
    [TestCase("tests/crdts/GCounterTests.cs")]
    [TestCase("tests/crdts/HiddenGemsTests.cs")]
    [TestCase("tests/support/Snapshot.cs")]
    [TestCase("grader/Grader.csproj")]
    [TestCase("analyzers/DistSys.Analyzers/Rules.cs")]
    [TestCase("README.md")]
    [TestCase("solutions.md")]
    public void Student_files_ship(string path)
    {
        Assert.That(ReleaseSelection.Exclusion(path), Is.Null);
    }

    [Test]
    public void The_student_kit_has_no_solutions_no_hidden_tests_and_the_calibrated_ratios()
    {
        var files = Write(new Dictionary<string, string>
        {
            ["exercises/crdts/GCounter.cs"] = "stub",
            ["exercises/crdts/Given/Reports.cs"] = "given",
            ["solutions/crdts/GCounter.cs"] = "reference",
            ["tests/crdts/GCounterTests.cs"] = "tests",
            ["tests/crdts/Hidden/SecretTests.cs"] = "hidden",
            ["tests/api-parity/Parity.cs"] = "parity",
            ["grader/Benchmarks/reference-ratios.json"] = "{\"stale\": 1}",
        });

        var student = KitRelease.Select(files, Ratios);

        Assert.That(student.Files.Keys, Is.EqualTo(new[]
        {
            "exercises/crdts/GCounter.cs", "exercises/crdts/Given/Reports.cs", "grader/Benchmarks/reference-ratios.json", "tests/crdts/GCounterTests.cs",
        }), "sorted, without solutions/, Hidden/ or api-parity");
        Assert.That(student.Files["grader/Benchmarks/reference-ratios.json"], Is.EqualTo(Ratios), "the calibration comes from the measurement, not the kit's copy");
        Assert.That(student.Withheld.Select(w => w.Path), Is.EquivalentTo(new[] { "solutions/crdts/GCounter.cs", "tests/crdts/Hidden/SecretTests.cs", "tests/api-parity/Parity.cs" }));
    }

    [Test]
    public void Instructor_only_blocks_of_markdown_files_are_stripped_in_the_student_kit()
    {
        var files = Write(new Dictionary<string, string>
        {
            ["README.md"] = "# Kit\n\nFor everyone.\n\n<!-- instructor-only -->\n## For instructors\n\nSecrets.\n\n<!-- /instructor-only -->\n\n## Layout\n",
        });

        var readme = Encoding.UTF8.GetString(KitRelease.Select(files, Ratios).Files["README.md"]);

        Assert.That(readme, Is.EqualTo("# Kit\n\nFor everyone.\n\n## Layout\n"));
    }

    [Test]
    public void Text_without_markers_is_unchanged()
    {
        const string Text = "# Title\r\n\r\nNo markers <!-- a comment --> here; quoting `<!-- instructor-only -->` is text.\r\n";

        Assert.That(InstructorOnlyText.Strip(Text, "README.md"), Is.EqualTo(Text));
    }

    [TestCase("a\n<!-- instructor-only -->\nb\n", "README.md:2: <!-- instructor-only --> is never closed")]
    [TestCase("a\n<!-- /instructor-only -->\n", "README.md:2: <!-- /instructor-only --> without")]
    [TestCase("<!-- instructor-only -->\n<!-- instructor-only -->\n<!-- /instructor-only -->\n", "README.md:2: <!-- instructor-only --> inside the block opened on line 1")]
    public void Malformed_markers_are_refused_with_the_file_and_line(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => InstructorOnlyText.Strip(text, "README.md"));

        Assert.That(error!.Message, Does.StartWith(message));
    }

    [Test]
    public void The_real_readme_loses_its_instructor_sections_and_keeps_the_students()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);

        var readme = InstructorOnlyText.Strip(File.ReadAllText(Path.Combine(kit.Root, "README.md")), "README.md");

        Assert.That(readme, Does.Contain("## For students").And.Contain("## Exercises").And.Contain("## Layout"));
        Assert.That(readme, Does.Not.Contain("## For instructors").And.Not.Contain("## Measured").And.Not.Contain("instructor-only"));
        Assert.That(readme, Does.Not.Contain("\n\n\n"), "one blank line where a block was");
        Assert.That(readme, Does.Not.Contain("solutions/").And.Not.Contain("Hidden/"), "the students' README names no folder their kit does not have");
    }

    [Test]
    public void The_solution_file_loses_withheld_projects_their_configurations_and_emptied_folders()
    {
        const string Sln = """
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "tests", "tests", "{00000000-0000-0000-0000-00000000000A}"
            EndProject
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "api-parity", "api-parity", "{00000000-0000-0000-0000-00000000000B}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "ApiParity.Tests", "tests\api-parity\ApiParity.Tests.csproj", "{00000000-0000-0000-0000-00000000000C}"
            EndProject
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "crdts", "crdts", "{00000000-0000-0000-0000-00000000000D}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Crdts.Tests", "tests\crdts\Crdts.Tests.csproj", "{00000000-0000-0000-0000-00000000000E}"
            EndProject
            Global
            	GlobalSection(ProjectConfigurationPlatforms) = postSolution
            		{00000000-0000-0000-0000-00000000000C}.Debug|Any CPU.Build.0 = Debug|Any CPU
            		{00000000-0000-0000-0000-00000000000E}.Debug|Any CPU.Build.0 = Debug|Any CPU
            	EndGlobalSection
            	GlobalSection(NestedProjects) = preSolution
            		{00000000-0000-0000-0000-00000000000B} = {00000000-0000-0000-0000-00000000000A}
            		{00000000-0000-0000-0000-00000000000C} = {00000000-0000-0000-0000-00000000000B}
            		{00000000-0000-0000-0000-00000000000D} = {00000000-0000-0000-0000-00000000000A}
            		{00000000-0000-0000-0000-00000000000E} = {00000000-0000-0000-0000-00000000000D}
            	EndGlobalSection
            EndGlobal
            """;

        var kept = SolutionFile.Keep(Sln, path => path == "tests/crdts/Crdts.Tests.csproj");

        Assert.That(kept, Is.EqualTo("""
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "tests", "tests", "{00000000-0000-0000-0000-00000000000A}"
            EndProject
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "crdts", "crdts", "{00000000-0000-0000-0000-00000000000D}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Crdts.Tests", "tests\crdts\Crdts.Tests.csproj", "{00000000-0000-0000-0000-00000000000E}"
            EndProject
            Global
            	GlobalSection(ProjectConfigurationPlatforms) = postSolution
            		{00000000-0000-0000-0000-00000000000E}.Debug|Any CPU.Build.0 = Debug|Any CPU
            	EndGlobalSection
            	GlobalSection(NestedProjects) = preSolution
            		{00000000-0000-0000-0000-00000000000D} = {00000000-0000-0000-0000-00000000000A}
            		{00000000-0000-0000-0000-00000000000E} = {00000000-0000-0000-0000-00000000000D}
            	EndGlobalSection
            EndGlobal
            """));
    }

    [Test]
    public void The_real_solution_file_keeps_exactly_the_projects_that_ship()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        var student = KitRelease.Select(KitFiles.Walk(kit.Root), Ratios);

        var sln = Encoding.UTF8.GetString(student.Files[KitRelease.SolutionPath]);
        var projects = System.Text.RegularExpressions.Regex.Matches(sln, "\"([^\"]+\\.csproj)\"").Select(m => m.Groups[1].Value.Replace('\\', '/')).ToList();

        Assert.That(projects, Is.Not.Empty);
        Assert.That(projects.Where(p => !student.Files.ContainsKey(p)), Is.Empty, "every project the solution names ships");
        Assert.That(student.Files.Keys.Where(p => p.EndsWith(".csproj", StringComparison.Ordinal) && !p.StartsWith("exercises/", StringComparison.Ordinal)).Except(projects),
            Is.Empty, "every shipped project outside exercises/ stays in the solution");
        Assert.That(sln, Does.Not.Contain("Solutions.csproj").And.Not.Contain("ApiParity").And.Not.Contain("Grader.Tests"));
    }

    [Test]
    public void A_released_file_that_holds_a_reference_statement_is_caught_with_its_file_and_line()
    {
        var search = ReferenceCodeSearch.Of([("solutions/crdts/GCounter.cs", Reference)], []);

        var leaks = search.Find("tests/crdts/Helpers.cs", "// a helper\nvoid M()\n{\n    _counts[replica] =\n        Math.Max(_counts.GetValueOrDefault(replica),   count); // copied\n}\n").ToList();

        Assert.That(leaks, Has.Count.EqualTo(1), "line breaks, spacing and a trailing comment do not hide it");
        Assert.That((leaks[0].Path, leaks[0].Line, leaks[0].Source, leaks[0].SourceLine), Is.EqualTo(("tests/crdts/Helpers.cs", 4, "solutions/crdts/GCounter.cs", 10)));
        Assert.That(leaks[0].ToString(), Does.Contain("tests/crdts/Helpers.cs:4 holds solutions/crdts/GCounter.cs:10"));
    }

    [Test]
    public void A_file_without_reference_code_is_clean()
    {
        var search = ReferenceCodeSearch.Of([("solutions/crdts/GCounter.cs", Reference)], []);

        Assert.That(search.Find("tests/crdts/Tests.cs", "var counter = new GCounter(\"a\");\ncounter.Increment(3);\nAssert.That(counter.Value, Is.EqualTo(3));\n"), Is.Empty);
    }

    [Test]
    public void Idioms_and_statements_students_already_hold_are_not_fingerprints()
    {
        var withoutShared = ReferenceCodeSearch.Of([("solutions/crdts/GCounter.cs", Reference)], []);
        var withShared = ReferenceCodeSearch.Of([("solutions/crdts/GCounter.cs", Reference)], ["class Stub { void M() { _counts[replica] = Math.Max(_counts.GetValueOrDefault(replica), count); } }"]);

        Assert.That(ReferenceCodeSearch.Statements(Reference).Select(s => s.Code), Is.EquivalentTo(new[]
        {
            "_counts[replica]=Math.Max(_counts.GetValueOrDefault(replica),count);",
            "foreach(var(replica,count)inother._counts)",
        }), "ThrowIfNull(other), the for loop header and the list declaration are idioms");
        Assert.That((withoutShared.Count, withShared.Count), Is.EqualTo((2, 1)), "a statement a stub also holds is no evidence");
    }

    [Test]
    public void The_real_student_kit_holds_no_reference_code_and_a_planted_reference_statement_is_caught()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        var kitFiles = KitFiles.Walk(kit.Root);
        var student = KitRelease.Select(kitFiles, Ratios);

        Assert.That(KitRelease.FindWithheldCode(kitFiles, student), Is.Empty);

        var planted = ReferenceCodeSearch.Statements(File.ReadAllText(Path.Combine(kit.Root, "solutions", "crdts", "GCounter.cs"))).First();
        var readme = Encoding.UTF8.GetString(student.Files["exercises/crdts/README.md"]);
        student.Files["exercises/crdts/README.md"] = Encoding.UTF8.GetBytes(readme + "\n```csharp\n" + planted.Code + "\n```\n");
        var lines = readme.Split('\n').Length + 2;

        Assert.That(KitRelease.FindWithheldCode(kitFiles, student), Is.EqualTo(new[]
        {
            $"exercises/crdts/README.md:{lines}: reference code from solutions/crdts/GCounter.cs:{planted.Line}: {planted.Code}",
        }));
    }

    [Test]
    public void Hidden_tests_are_caught_by_folder_by_category_and_by_name()
    {
        var names = HiddenTestSearch.TestNames(["class T { [Test] public void Leader_keeps_its_term_after_a_partition() { } public void Helper_that_is_not_a_test() { } }"]);

        Assert.That(names, Is.EquivalentTo(new[] { "Leader_keeps_its_term_after_a_partition" }));
        Assert.That(HiddenTestSearch.Find("tests/raft/Hidden/T.cs", "anything", names), Is.EqualTo(new[] { "tests/raft/Hidden/T.cs: a hidden test's file" }));
        Assert.That(HiddenTestSearch.Find("tests/raft/T.cs", "[Test]\n[Category( \"hidden\" )]\npublic void X() { }", names),
            Is.EqualTo(new[] { "tests/raft/T.cs:2: a test in category \"hidden\" outside tests/<slug>/Hidden/" }));
        Assert.That(HiddenTestSearch.Find("exercises/raft/README.md", "Tested:\n- Leader_keeps_its_term_after_a_partition\n", names),
            Is.EqualTo(new[] { "exercises/raft/README.md:2: the name of the hidden test Leader_keeps_its_term_after_a_partition" }));
        Assert.That(HiddenTestSearch.Find("tests/raft/T.cs", "[Category(\"safety\")] void Leader_keeps_its_term() { }", names), Is.Empty);
    }

    [Test]
    public void The_calibration_key_changes_with_the_benchmarked_reference_and_not_with_other_exercises()
    {
        Write(new Dictionary<string, string>
        {
            ["DistSys.sln"] = string.Empty,
            ["exercises/bench/Bench.csproj"] = "<Project />",
            ["solutions/bench/Strategy.cs"] = "class Strategy { }",
            ["tests/bench/Bench.Tests.csproj"] = "<Project />",
            ["exercises/other/Other.csproj"] = "<Project />",
            ["solutions/other/Other.cs"] = "class Other { }",
            ["tests/other/Other.Tests.csproj"] = "<Project />",
            ["grader/Benchmarks/reference-ratios.json"] = "{}",
        });
        var rules = new BenchmarkRules(10, [], ["bench"]);
        var cache = new CalibrationCache(KitLayout.At(kitRoot), rules, new Progress<string>());
        var before = cache.Key();

        File.WriteAllText(Path.Combine(kitRoot, "solutions/other/Other.cs"), "class Other { int x; }");
        File.WriteAllText(Path.Combine(kitRoot, "grader/Benchmarks/reference-ratios.json"), "{\"written\": 1}");
        Assert.That(cache.Key(), Is.EqualTo(before), "another exercise's reference and the ratios file itself are not inputs");

        File.WriteAllText(Path.Combine(kitRoot, "solutions/bench/Strategy.cs"), "class Strategy { int x; }");
        Assert.That(cache.Key(), Is.Not.EqualTo(before), "the benchmarked reference is an input");
        Assert.That(cache.PathFor(cache.Key()), Is.EqualTo(Path.Combine(kitRoot, ".grader", "calibration", cache.Key() + ".json")));
    }

    [Test]
    public async Task A_cached_calibration_is_reused_without_measuring()
    {
        Write(new Dictionary<string, string> { ["DistSys.sln"] = string.Empty });
        var cache = new CalibrationCache(KitLayout.At(kitRoot), new BenchmarkRules(10, [], []), new Progress<string>());
        var path = cache.PathFor(cache.Key());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Ratios);

        var (ratios, key, measured) = await cache.GetAsync(recalibrate: false);

        Assert.That((ratios, key, measured), Is.EqualTo((Ratios, cache.Key(), false)));
    }

    [Test]
    public void Writing_into_an_earlier_release_removes_stale_files_and_keeps_build_output()
    {
        var student = KitRelease.Select(Write(new Dictionary<string, string> { ["README.md"] = "kit\n", ["exercises/a/A.cs"] = "a" }), Ratios);
        var target = Path.Combine(kitRoot, "out");
        KitCopy.Write(target, "exercises/a/Stale.cs", "old");
        KitCopy.Write(target, "exercises/a/bin/A.dll", "built");

        var changed = KitRelease.WriteTree(target, student);

        Assert.That(KitFiles.Walk(target).Keys, Is.EqualTo(student.Files.Keys));
        Assert.That(File.Exists(Path.Combine(target, "exercises/a/bin/A.dll")), Is.True);
        Assert.That((changed, KitRelease.WriteTree(target, student)), Is.EqualTo((4, 0)), "3 written and 1 deleted, then nothing to do");
    }

    [Test]
    public void The_gradescope_bundle_is_sorted_has_fixed_stamps_executable_lf_scripts_and_the_same_bytes_twice()
    {
        var files = Write(new Dictionary<string, string> { ["solutions/a/A.cs"] = "reference", ["tests/a/Hidden/H.cs"] = "hidden", ["README.md"] = "kit" });
        var first = Path.Combine(kitRoot, "one", GradescopeBundle.FileName);
        var second = Path.Combine(kitRoot, "two", GradescopeBundle.FileName);

        GradescopeBundle.Write(first, GradescopeBundle.Entries(files));
        GradescopeBundle.Write(second, GradescopeBundle.Entries(files));

        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
        using var zip = ZipFile.OpenRead(first);
        Assert.That(zip.Entries.Select(e => e.FullName), Is.EqualTo(new[] { "kit/README.md", "kit/solutions/a/A.cs", "kit/tests/a/Hidden/H.cs", "run_autograder", "setup.sh" }),
            "the instructor's kit with solutions and hidden tests, in ordinal order");
        Assert.That(zip.Entries.Select(e => e.LastWriteTime.Year).Distinct(), Is.EqualTo(new[] { 2000 }));
        foreach (var script in new[] { "setup.sh", "run_autograder" })
        {
            var entry = zip.GetEntry(script)!;
            using var reader = new StreamReader(entry.Open());
            var text = reader.ReadToEnd();
            Assert.That((entry.ExternalAttributes >> 16) & 0x1FF, Is.EqualTo(0x1ED), $"{script} is executable (0755)");
            Assert.That(text, Does.StartWith("#!/usr/bin/env bash\n").And.Contain("\nset -euo pipefail\n").And.Not.Contain("\r"), script);
        }

        Assert.That((zip.GetEntry("kit/README.md")!.ExternalAttributes >> 16) & 0x1FF, Is.EqualTo(0x1A4), "other files are 0644");
    }

    [Test]
    public void The_autograder_names_its_report_format_in_one_place()
    {
        var formatLines = AutograderScripts.RunAutograder.Split('\n')
            .Where(line => line.Contains("gradescope", StringComparison.Ordinal) && !line.TrimStart().StartsWith('#')).ToList();

        Assert.That(formatLines, Is.EqualTo(new[] { "format=\"${DISTSYS_REPORT_FORMAT:-gradescope}\"" }));
        Assert.That(AutograderScripts.RunAutograder, Does.Contain("--format \"$format\" --out \"$results\""));
    }

    [Test]
    public void Release_refuses_an_out_folder_inside_the_kit()
    {
        WriteReleasableKit();

        var (exitCode, error) = Release(Path.Combine(kitRoot, "student"));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("must lie outside the kit"));
    }

    [Test]
    public void Release_refuses_a_folder_that_is_neither_empty_nor_an_earlier_student_kit()
    {
        WriteReleasableKit();
        var target = Directory.CreateTempSubdirectory("distsys-release-out-").FullName;
        File.WriteAllText(Path.Combine(target, "thesis.tex"), "mine");
        try
        {
            var (exitCode, error) = Release(target);

            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("not empty and not an earlier student kit"));
            Assert.That(File.ReadAllText(Path.Combine(target, "thesis.tex")), Is.EqualTo("mine"));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Test]
    public void Release_refuses_to_put_the_gradescope_bundle_into_the_student_kit()
    {
        WriteReleasableKit();
        var target = Path.Combine(Path.GetTempPath(), "distsys-release-never-" + Guid.NewGuid().ToString("N"));

        var (exitCode, error) = Release(target, "--gradescope", Path.Combine(target, "bundle.zip"));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("must not be written into the student kit"));
        Assert.That(Directory.Exists(target), Is.False, "refused before anything is written");
    }

    [Test]
    public void Release_needs_a_kit_with_solutions()
    {
        TinyKit.WriteKitFiles(kitRoot);

        var (exitCode, error) = Release(Path.Combine(Path.GetTempPath(), "distsys-release-never-" + Guid.NewGuid().ToString("N")));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("needs the instructor's kit, with solutions/"));
    }

    private const string Reference = """
        namespace DistSys.Crdts;

        public sealed class GCounter
        {
            public void Merge(GCounter other)
            {
                ArgumentNullException.ThrowIfNull(other);
                foreach (var (replica, count) in other._counts)
                {
                    _counts[replica] = Math.Max(_counts.GetValueOrDefault(replica), count);
                }

                var lines = new List<string>();
                for (long i = 0; i < count; i++) { }
            }
        }
        """;

    private void WriteReleasableKit()
    {
        TinyKit.WriteKitFiles(kitRoot);
        KitCopy.Write(kitRoot, "solutions/Solutions.csproj", "<Project />");
        KitCopy.Write(kitRoot, "grader/rubric.yaml", "defaults:\n  points: 100\n");
    }

    private (int ExitCode, string Error) Release(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = new GraderCommandLine(output, error, kitRoot).RunAsync(["release", .. arguments, "--root", kitRoot]).GetAwaiter().GetResult();
        return (exitCode, error.ToString());
    }

    private SortedDictionary<string, string> Write(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (relative, text) in files)
        {
            KitCopy.Write(kitRoot, relative, text);
        }

        return KitFiles.Walk(kitRoot);
    }
}
