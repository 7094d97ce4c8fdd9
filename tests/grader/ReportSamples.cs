using DistSys.Grader.Building;
using DistSys.Grader.Grading;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;

namespace DistSys.Grader.Tests;

/// <summary>Grade reports built directly (no build, no run) for the report-format and hidden-test tests.</summary>
internal static class ReportSamples
{
    public const string HiddenFailedName = "DistSys.Crdts.Tests.HiddenCrdtTests.Secret_merge_resurrects_nothing";
    public const string HiddenPassedName = "DistSys.Crdts.Tests.HiddenCrdtTests.Secret_copy_mints_fresh_tags";
    public const string HiddenMessage = "Expected the secret tombstone 4711 to stay";
    public const string HiddenOutput = "secret debug print 0815";
    public const string HiddenFileError = "'ORSet<string>' does not contain a definition for 'SecretMember'";

    /// <summary>
    /// crdts: two visible tests (one failed, with a stack frame in its message, and one passed), two hidden ones (one
    /// failed with a message and output, one passed) and a visible test whose message mentions a hidden test by name;
    /// raft: does not compile (one error in an exercise file, one in a hidden test file) and has a DS finding;
    /// vector-clocks: unavailable.
    /// </summary>
    public static GradeReport Report(bool reveal = false)
    {
        var weights = new ExerciseRules(100m, TimeSpan.FromSeconds(5));
        TestResult[] tests =
        [
            new("DistSys.Crdts.Tests.GCounterTests.Merge_takes_the_maximum", HostProtocol.Failed,
                "Expected: 7\n  But was: 12\n   at DistSys.Crdts.Tests.GCounterTests.Merge_takes_the_maximum() in /tmp/distsys-grader-1/student/tests/crdts/GCounterTests.cs:line 48",
                12, "merged 5 and 7")
            {
                Hidden = false, Category = "safety", Source = new SourceLocation("tests/crdts/GCounterTests.cs", 40),
            },
            new("DistSys.Crdts.Tests.GCounterTests.Increment_adds", HostProtocol.Passed, null, 3, null)
            {
                Category = "behaviour", Source = new SourceLocation("tests/crdts/GCounterTests.cs", 10),
            },
            new(HiddenFailedName, HostProtocol.Failed, HiddenMessage, 5, HiddenOutput)
            {
                Hidden = true, Category = "safety", Source = new SourceLocation("tests/crdts/Hidden/HiddenCrdtTests.cs", 14),
            },
            new(HiddenPassedName, HostProtocol.Passed, null, 2, null)
            {
                Hidden = true, Category = "safety", Source = new SourceLocation("tests/crdts/Hidden/HiddenCrdtTests.cs", 30),
            },
            new("DistSys.Crdts.Tests.ORSetTests.Runs_after_a_crash", HostProtocol.Failed,
                "an unhandled exception on a background thread, started by Secret_merge_resurrects_nothing", 1, null)
            {
                Category = "report", Source = new SourceLocation("tests/crdts/ORSetTests.cs", 70),
            },
        ];
        var crdts = Graded("crdts", weights, tests);
        var raft = Scoring.WithFindings(
            Scoring.Error("raft", 100m, "does not compile",
            [
                new CompilerError("exercises/raft/Node.cs", 3, 5, "CS1002", "; expected", "exercises/raft/Raft.csproj"),
                new CompilerError("tests/raft/Hidden/HiddenRaftTests.cs", 12, 9, "CS1061", HiddenFileError, "tests/raft/Raft.Tests.csproj"),
            ]),
            [ScoringTests.Finding("exercises/raft/Node.cs", 7)],
            new AnalyzerRules(2m, 10m));
        return new GradeReport("exercises", [crdts, raft, Scoring.Unavailable("vector-clocks")],
            new GradeTiming(1.5, 2.25, 3.75, [new ExerciseTiming("crdts", 2.25, 0)]))
        {
            RevealHidden = reveal,
        };
    }

    /// <summary>The grade of already annotated results (as Scoring gives them with a catalog), weighted by their categories.</summary>
    public static ExerciseGrade Graded(string slug, ExerciseRules rules, IReadOnlyList<TestResult> tests)
    {
        var weights = rules.Weights;
        var total = tests.Sum(t => weights.WeightOf(t.Category!));
        var passed = tests.Where(t => t.Passed).Sum(t => weights.WeightOf(t.Category!));
        var categories = tests.GroupBy(t => t.Category!).Select(g => new CategoryScore(g.Key, weights.WeightOf(g.Key), g.Count(t => t.Passed), g.Count(),
            Math.Round(rules.Points * weights.WeightOf(g.Key) * g.Count(t => t.Passed) / total, 2), Math.Round(rules.Points * weights.WeightOf(g.Key) * g.Count() / total, 2))).ToList();
        var all = tests.All(t => t.Passed);
        return new ExerciseGrade(slug, all ? ExerciseStatus.Pass : ExerciseStatus.Fail, all ? rules.Points : Math.Round(rules.Points * passed / total, 2), rules.Points,
            tests.Count(t => t.Passed), tests.Count, null, tests, []) { Categories = categories };
    }

    /// <summary>Every student-facing format's text for <paramref name="report"/>, by format name.</summary>
    public static IReadOnlyDictionary<string, string> StudentFormats(GradeReport report) => new Dictionary<string, string>
    {
        ["table"] = DistSys.Grader.Reporting.TableReport.RenderPlain(report),
        ["markdown"] = DistSys.Grader.Reporting.MarkdownReport.Render(report),
        ["junit"] = DistSys.Grader.Reporting.JUnitReport.Render(report),
        ["github"] = DistSys.Grader.Reporting.GitHubReport.Render(report),
        ["gradescope"] = DistSys.Grader.Reporting.GradescopeReport.Render(report),
        ["exercism"] = DistSys.Grader.Reporting.ExercismReport.Render(report),
    };
}
