using System.Globalization;
using System.Text.RegularExpressions;
using DistSys.Grader.Building;
using DistSys.Grader.Grading;
using DistSys.Grader.Running;

namespace DistSys.Grader.Reporting;

/// <summary>One test as a student may see it.</summary>
/// <param name="Name">The test's full name, or "hidden test 2 of 3" when <see cref="Concealed"/>.</param>
/// <param name="Message">The failure message (null when concealed or passed without one).</param>
/// <param name="Output">What the test printed (null when concealed).</param>
/// <param name="Points">What the test is worth: the exercise's points × its category weight / the weight of all its tests.</param>
/// <param name="Hidden">A hidden test, concealed or revealed.</param>
/// <param name="Concealed">Hidden and not revealed: name, message, output and source are withheld.</param>
/// <param name="Source">Where the test starts in the kit (null when concealed or unknown).</param>
internal sealed record VisibleTest(
    string Name,
    string Status,
    string? Message,
    string? Output,
    long? DurationMs,
    decimal Points,
    bool Hidden,
    bool Concealed,
    SourceLocation? Source)
{
    public bool Passed => Status == HostProtocol.Passed;

    /// <summary>The name without the suite's namespace (<c>GCounterTests.Merges</c>), for formats read by people.</summary>
    public string ShortName(string slug) => Concealed ? Name : StudentView.ShortName(slug, Name);
}

/// <summary>One exercise as a student may see it: the grade's figures, its tests and errors through the hidden filter.</summary>
internal sealed record VisibleExercise(
    string Slug,
    string Status,
    decimal Score,
    decimal MaxScore,
    int Passed,
    int Total,
    string? Message,
    IReadOnlyList<VisibleTest> Tests,
    IReadOnlyList<CompilerError> Errors,
    IReadOnlyList<AnalyzerFinding> Findings,
    decimal AnalyzerDeduction,
    IReadOnlyList<CategoryScore> Categories)
{
    public int HiddenTotal => Tests.Count(test => test.Hidden);

    public int HiddenPassed => Tests.Count(test => test.Hidden && test.Passed);

    /// <summary>Compile errors (or refusals) and no test results: the exercise never ran.</summary>
    public bool NeverRan => Status == ExerciseStatus.Error && Tests.Count == 0;
}

/// <summary>
/// The one place that decides what a student may see of a grade; every student-facing format (table, markdown, github,
/// gradescope, exercism, junit) renders this view and never the <see cref="GradeReport"/> itself. Unless the rubric
/// reveals hidden tests, a hidden test appears as "hidden test i of n" with its status and points only; its name is also
/// scrubbed from every other text a student sees (another test's message or output, the exercise's message), and a
/// compile error inside a hidden test file shows its code but neither the file nor the message. The JSON report is for
/// instructors and keeps everything (each test marked <c>hidden</c>).
/// </summary>
internal sealed class StudentView
{
    public const string Redacted = "[a hidden test]";

    // The report itself stays private: a renderer sees its tests only through Exercises.
    private readonly GradeReport report;

    private StudentView(GradeReport report, IReadOnlyList<VisibleExercise> exercises)
    {
        this.report = report;
        Exercises = exercises;
    }

    public IReadOnlyList<VisibleExercise> Exercises { get; }

    public bool Revealed => report.RevealHidden;

    public string Target => report.Target;

    public decimal Score => report.Score;

    public decimal MaxScore => report.MaxScore;

    public GradeTiming Timing => report.Timing;

    public IReadOnlyList<DistSys.Grader.Benchmarks.BenchmarkGrade> Benchmarks => report.Benchmarks;

    public IReadOnlyList<DistSys.Grader.Trees.IgnoredFile> Ignored => report.Ignored;

    public static StudentView Of(GradeReport report) =>
        new(report, report.Exercises.Select(exercise => Exercise(exercise, report.RevealHidden)).ToList());

    /// <summary>"hidden test 2 of 3".</summary>
    public static string HiddenName(int index, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"hidden test {index} of {count}");

    /// <summary><c>DistSys.Crdts.Tests.GCounterTests.Merges</c> → <c>GCounterTests.Merges</c>: the suite's namespace adds nothing.</summary>
    public static string ShortName(string slug, string fullName)
    {
        var prefix = "DistSys." + string.Concat(slug.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..])) + ".Tests.";
        return fullName.StartsWith(prefix, StringComparison.Ordinal) && fullName.Length > prefix.Length ? fullName[prefix.Length..] : fullName;
    }

    private static VisibleExercise Exercise(ExerciseGrade grade, bool reveal)
    {
        var weights = grade.Categories.ToDictionary(category => category.Category, category => category.Weight, StringComparer.Ordinal);
        var totalWeight = grade.Tests.Sum(test => WeightOf(test, weights));
        var hiddenCount = grade.Tests.Count(test => test.Hidden);
        var scrub = reveal || hiddenCount == 0 ? (Func<string?, string?>)(text => text) : Scrubber(grade.Tests.Where(test => test.Hidden).Select(test => test.Name), grade.Tests.Where(test => !test.Hidden).Select(test => test.Name));
        var hiddenIndex = 0;
        var tests = new List<VisibleTest>(grade.Tests.Count);
        foreach (var test in grade.Tests)
        {
            var points = totalWeight == 0 ? 0m : Math.Round(grade.MaxScore * WeightOf(test, weights) / totalWeight, 2, MidpointRounding.AwayFromZero);
            if (test.Hidden && !reveal)
            {
                hiddenIndex++;
                tests.Add(new VisibleTest(HiddenName(hiddenIndex, hiddenCount), test.Status, null, null, test.DurationMs, points, Hidden: true, Concealed: true, Source: null));
                continue;
            }

            tests.Add(new VisibleTest(test.Name, test.Status, scrub(test.Message), scrub(test.Output), test.DurationMs, points, test.Hidden, Concealed: false, test.Source));
        }

        var errors = grade.Errors.Select(error => reveal || !InHiddenFolder(error.File)
                ? error with { Message = scrub(error.Message)! }
                : new CompilerError(HiddenFolderOf(error.File), null, null, error.Code, "in a hidden test file (details hidden)", null))
            .ToList();
        return new VisibleExercise(grade.Slug, grade.Status, grade.Score, grade.MaxScore, grade.Passed, grade.Total, scrub(grade.Message), tests, errors,
            grade.Findings, grade.AnalyzerDeduction, grade.Categories);
    }

    private static decimal WeightOf(TestResult test, Dictionary<string, decimal> weights) =>
        test.Category is { } category && weights.TryGetValue(category, out var weight) ? weight : 1m;

    /// <summary>A compile error's file is under tests/&lt;slug&gt;/Hidden/ (the hidden-test convention).</summary>
    internal static bool InHiddenFolder(string file) =>
        file.Replace('\\', '/').Contains("/Hidden/", StringComparison.Ordinal);

    private static string HiddenFolderOf(string file)
    {
        var path = file.Replace('\\', '/');
        var index = path.IndexOf("/Hidden/", StringComparison.Ordinal);
        return index < 0 ? path : path[..(index + "/Hidden".Length)];
    }

    /// <summary>
    /// Replaces the names of hidden tests in free text: full names, the fixture-and-method key, the method name, and the
    /// fixture's name when the fixture holds only hidden tests (a stack trace names both). Names a visible test shares are
    /// left alone, since they are public anyway.
    /// </summary>
    private static Func<string?, string?> Scrubber(IEnumerable<string> hidden, IEnumerable<string> visible)
    {
        var visibleNames = visible.ToList();
        var visibleParts = visibleNames.SelectMany(Parts).ToHashSet(StringComparer.Ordinal);
        var names = hidden.SelectMany(name => new[] { TestCatalog.WithoutCopySuffix(name) }.Concat(Parts(name)))
            .Where(name => name.Length >= 6 && !visibleParts.Contains(name) && !visibleNames.Contains(name, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(name => name.Length)
            .ToList();
        if (names.Count == 0)
        {
            return text => text;
        }

        var pattern = new Regex(string.Join("|", names.Select(Regex.Escape)), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        return text => text is null ? null : pattern.Replace(text, Redacted);
    }

    /// <summary><c>Ns.Fixture.Method(args)</c> → <c>Ns.Fixture.Method</c>, <c>Fixture.Method</c>, <c>Method</c>, <c>Fixture</c>.</summary>
    private static IEnumerable<string> Parts(string name)
    {
        var key = TestCatalog.MethodKeyOf(TestCatalog.WithoutCopySuffix(name));
        var segments = key.Split('.');
        yield return key;
        if (segments.Length >= 2)
        {
            yield return segments[^2] + "." + segments[^1];
            yield return segments[^2];
        }

        yield return segments[^1];
    }
}
