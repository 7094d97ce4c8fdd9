using System.Text.Json;
using System.Text.RegularExpressions;
using DistSys.Grader.Grading;
using DistSys.Grader.Kit;
using DistSys.Grader.Reporting;

namespace DistSys.Grader.Tests;

/// <summary>Hidden tests: known from the trusted catalog, scored like any other, concealed from every student-facing format.</summary>
public partial class HiddenTestsTests
{
    private const string Samples = "DistSys.Grader.Tests.CatalogSamples.";

    private static readonly Lazy<TestCatalog> Catalog = new(() =>
        TestCatalog.Read(typeof(HiddenTestsTests).Assembly.Location, KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory).Root));

    /// <summary>What must never appear in a student-facing format while hidden tests are concealed.</summary>
    private static readonly string[] Secrets =
    [
        "Secret_merge_resurrects_nothing", "Secret_copy_mints_fresh_tags", "HiddenCrdtTests", "4711", "0815", "SecretMember", "HiddenRaftTests",
    ];

    [Test]
    public void The_catalog_marks_a_test_hidden_by_its_fixtures_category_its_own_or_its_cases()
    {
        var hidden = Catalog.Value.Tests.Where(t => t.FullName.StartsWith(Samples + "HiddenFixture.", StringComparison.Ordinal)
                || t.FullName.StartsWith(Samples + "MixedVisibility.", StringComparison.Ordinal))
            .ToDictionary(t => t.FullName[Samples.Length..], t => t.IsHidden);

        Assert.That(hidden, Is.EqualTo(new Dictionary<string, bool>
        {
            ["HiddenFixture.A_hidden_safety_test"] = true,
            ["HiddenFixture.A_hidden_test_with_the_fixture_category_only"] = true,
            ["MixedVisibility.A_hidden_method"] = true,
            ["MixedVisibility.A_visible_method"] = false,
            ["MixedVisibility.Some_cases_hidden(1)"] = true,
            ["MixedVisibility.Some_cases_hidden(2)"] = false,
        }));
    }

    [Test]
    public void Hidden_is_not_a_weight_category_a_hidden_safety_test_weighs_as_safety()
    {
        var test = Catalog.Value.Find(Samples + "HiddenFixture.A_hidden_safety_test")!;

        Assert.That(CategoryWeights.Default.CategoryOf(test.Categories), Is.EqualTo("safety"));
        Assert.That(CategoryWeights.Default.CategoryOf(Catalog.Value.Find(Samples + "HiddenFixture.A_hidden_test_with_the_fixture_category_only")!.Categories),
            Is.EqualTo("behaviour"), "a hidden test with no weight category counts as behaviour, like any other");
    }

    [Test]
    public void The_catalog_reads_a_tests_source_line_from_the_pdb_relative_to_the_kit()
    {
        const string file = "tests/grader/CatalogSamples/Hidden/HiddenSamples.cs";
        var root = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory).Root;
        var lines = File.ReadAllLines(Path.Combine(root, file));
        var expected = Array.FindIndex(lines, line => line.Contains("public void A_hidden_safety_test()", StringComparison.Ordinal)) + 1;

        var source = Catalog.Value.Find(Samples + "HiddenFixture.A_hidden_safety_test")!.Source;

        Assert.That(source, Is.EqualTo(new SourceLocation(file, expected)));
    }

    [Test]
    public void Scoring_with_the_catalog_marks_results_hidden_and_counts_them_in_the_score()
    {
        var grade = Scoring.Graded("crdts", new ExerciseRules(100m, TimeSpan.FromSeconds(5)),
            [ScoringTests.Test(Samples + "HiddenFixture.A_hidden_safety_test", HostProtocol.Failed), ScoringTests.Test(Samples + "MixedVisibility.A_visible_method", HostProtocol.Passed)],
            Catalog.Value);

        Assert.That(grade.Tests.Select(t => (t.Hidden, t.Category)), Is.EqualTo(new[] { (true, (string?)"safety"), (false, "laws") }));
        Assert.That(grade.Score, Is.EqualTo(42.86m), "the failed hidden safety test (weight 4) costs 4/7 of the points, as a visible one would");
    }

    [Test]
    public void The_rubric_keeps_hidden_tests_concealed_unless_told_to_reveal_them()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Rubric.Parse("defaults:\n  points: 10\n", "r").RevealHiddenTests, Is.False, "concealed by default");
            Assert.That(Rubric.Parse("hidden_tests:\n  reveal: true\n", "r").RevealHiddenTests, Is.True);
            Assert.That(() => Rubric.Parse("hidden_tests:\n  show: true\n", "r"), Throws.TypeOf<KitException>(), "unknown keys stay errors");
            Assert.That(() => Rubric.Parse("defaults:\n  category_weights:\n    hidden: 2\n", "r"),
                Throws.TypeOf<KitException>().With.Message.Contains("hidden"), "hidden is not a weight category");
        });
    }

    [Test]
    public void The_shipped_rubric_conceals_hidden_tests()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);

        Assert.That(Rubric.Load(kit.RubricPath).RevealHiddenTests, Is.False);
    }

    [Test]
    public void No_student_facing_format_shows_a_concealed_tests_name_message_or_output()
    {
        foreach (var (format, text) in ReportSamples.StudentFormats(ReportSamples.Report()))
        {
            // Markdown escapes underscores and JSON may escape other characters: search the text without escapes too.
            var plain = text.Replace("\\", string.Empty, StringComparison.Ordinal);
            foreach (var secret in Secrets)
            {
                Assert.That(plain, Does.Not.Contain(secret), $"--format {format} shows '{secret}' of a hidden test:\n{text}");
            }
        }
    }

    [Test]
    public void Every_student_facing_format_shows_a_concealed_test_by_number_and_status()
    {
        foreach (var (format, text) in ReportSamples.StudentFormats(ReportSamples.Report()))
        {
            Assert.That(text, Does.Contain("hidden test 1 of 2"), $"--format {format} must still say that a hidden test failed:\n{text}");
        }
    }

    [Test]
    public void A_visible_tests_message_that_names_a_hidden_test_is_scrubbed()
    {
        var crdts = StudentView.Of(ReportSamples.Report()).Exercises[0];

        Assert.That(crdts.Tests.Single(t => t.Name.EndsWith("Runs_after_a_crash", StringComparison.Ordinal)).Message,
            Is.EqualTo("an unhandled exception on a background thread, started by " + StudentView.Redacted));
    }

    [Test]
    public void A_compile_error_in_a_hidden_test_file_shows_its_code_but_not_its_file_or_message()
    {
        var raft = StudentView.Of(ReportSamples.Report()).Exercises[1];

        Assert.That(raft.Errors.Select(e => e.Text), Is.EqualTo(new[]
        {
            "exercises/raft/Node.cs(3,5): error CS1002: ; expected",
            "tests/raft/Hidden : error CS1061: in a hidden test file (details hidden)",
        }));
    }

    [Test]
    public void The_json_report_is_for_instructors_and_keeps_hidden_tests_in_full()
    {
        var tests = JsonDocument.Parse(JsonReport.Render(ReportSamples.Report())).RootElement.GetProperty("exercises")[0].GetProperty("tests");
        var hidden = tests.EnumerateArray().Single(t => t.GetProperty("name").GetString() == ReportSamples.HiddenFailedName);

        Assert.That((hidden.GetProperty("hidden").GetBoolean(), hidden.GetProperty("message").GetString(), hidden.GetProperty("output").GetString()),
            Is.EqualTo((true, ReportSamples.HiddenMessage, ReportSamples.HiddenOutput)));
        Assert.That(tests.EnumerateArray().Count(t => t.GetProperty("hidden").GetBoolean()), Is.EqualTo(2));
    }

    [Test]
    public void Revealed_hidden_tests_are_named_with_their_messages_and_gradescope_still_publishes_them_late()
    {
        var report = ReportSamples.Report(reveal: true);
        var gradescope = JsonDocument.Parse(GradescopeReport.Render(report)).RootElement.GetProperty("tests").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "crdts: HiddenCrdtTests.Secret_merge_resurrects_nothing");

        Assert.That((gradescope.GetProperty("visibility").GetString(), gradescope.GetProperty("output").GetString()),
            Is.EqualTo(("after_published", ReportSamples.HiddenMessage + "\n\nOutput:\n" + ReportSamples.HiddenOutput)));
        Assert.That(TableReport.RenderPlain(report), Does.Contain(ReportSamples.HiddenFailedName).And.Contain(ReportSamples.HiddenMessage));
    }

    [Test]
    public void Every_test_file_in_a_hidden_folder_of_the_kit_is_marked_hidden_and_only_those()
    {
        var root = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory).Root;
        var suites = Directory.EnumerateDirectories(Path.Combine(root, "tests")).Where(folder => Path.GetFileName(folder) is not ("grader" or "support")).ToList();
        var files = suites.SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Select(path => (Path: Path.GetRelativePath(root, path).Replace('\\', '/'), Text: File.ReadAllText(path)))
            .ToList();
        var inHiddenFolders = files.Where(f => StudentView.InHiddenFolder("/" + f.Path)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(inHiddenFolders.Where(f => !HiddenCategory().IsMatch(f.Text)).Select(f => f.Path), Is.Empty,
                "a file under tests/<slug>/Hidden/ must mark its tests [Category(\"hidden\")], or reports would show them");
            Assert.That(files.Except(inHiddenFolders).Where(f => HiddenCategory().IsMatch(f.Text)).Select(f => f.Path), Is.Empty,
                "a [Category(\"hidden\")] test outside tests/<slug>/Hidden/ would ship in the student kit (grader release drops only those folders)");
            Assert.That(inHiddenFolders.Select(f => f.Path.Split('/')[1]).Distinct(), Is.SupersetOf(new[] { "crdts", "lock-manager" }));
        });
    }

    [GeneratedRegex(@"\[Category\(""hidden""\)\]")]
    private static partial Regex HiddenCategory();
}
