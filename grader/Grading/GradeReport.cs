using DistSys.Grader.Building;
using DistSys.Grader.Running;

namespace DistSys.Grader.Grading;

/// <summary>Exercise statuses as they appear in every report.</summary>
internal static class ExerciseStatus
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Error = "error";
    public const string Unavailable = "unavailable";
}

/// <summary>The grade of one exercise.</summary>
/// <param name="Message">Why the exercise has no test results (unavailable, did not build, suite did not start).</param>
internal sealed record ExerciseGrade(
    string Slug,
    string Status,
    decimal Score,
    decimal MaxScore,
    int Passed,
    int Total,
    string? Message,
    IReadOnlyList<TestResult> Tests,
    IReadOnlyList<CompilerError> Errors)
{
    /// <summary>The DS rules' findings in the graded code (empty for unavailable exercises).</summary>
    public IReadOnlyList<AnalyzerFinding> Findings { get; init; } = [];

    /// <summary>Points taken off <see cref="Score"/> for <see cref="Findings"/>, per grader/rubric.yaml.</summary>
    public decimal AnalyzerDeduction { get; init; }

    /// <summary>The score split by test category, heaviest first (empty when there are no test results).</summary>
    public IReadOnlyList<CategoryScore> Categories { get; init; } = [];
}

/// <summary>One test category's share of an exercise's score (before any analyzer deduction; each figure rounded on its own).</summary>
internal sealed record CategoryScore(string Category, decimal Weight, int Passed, int Total, decimal Score, decimal MaxScore);

/// <summary>Time spent per exercise, for the timing report.</summary>
internal sealed record ExerciseTiming(string Slug, double RunSeconds, int Restarts);

internal sealed record GradeTiming(double BuildSeconds, double RunSeconds, double TotalSeconds, IReadOnlyList<ExerciseTiming> Exercises)
{
    /// <summary>Running the DS rules over every graded exercise.</summary>
    public double AnalysisSeconds { get; init; }
}

/// <summary>The grade of a whole run, ordered by slug (and each exercise's tests by full name).</summary>
internal sealed record GradeReport(string Target, IReadOnlyList<ExerciseGrade> Exercises, GradeTiming Timing)
{
    /// <summary>The benchmark stage's grades (empty with --no-bench, for the solutions target, or when no exercise declares benchmarks).</summary>
    public IReadOnlyList<DistSys.Grader.Benchmarks.BenchmarkGrade> Benchmarks { get; init; } = [];

    /// <summary>Every run of the benchmark stage when it was repeated (repeat-benchmarks); <see cref="Benchmarks"/> is the last.</summary>
    public IReadOnlyList<IReadOnlyList<DistSys.Grader.Benchmarks.BenchmarkGrade>> BenchmarkRuns { get; init; } = [];

    /// <summary>Files of the submission that had no effect: the kit's own copies were graded instead.</summary>
    public IReadOnlyList<DistSys.Grader.Trees.IgnoredFile> Ignored { get; init; } = [];

    /// <summary>Where the suites wrote their failure timelines (one folder per exercise); empty when none could be written.</summary>
    public string ArtifactsRoot { get; init; } = string.Empty;

    /// <summary>The rubric's hidden_tests.reveal: whether student-facing formats may name hidden tests (see Reporting/StudentView).</summary>
    public bool RevealHidden { get; init; }

    public decimal Score => Exercises.Sum(exercise => exercise.Score) + Benchmarks.Sum(grade => grade.Score);

    public decimal MaxScore => Exercises.Sum(exercise => exercise.MaxScore) + Benchmarks.Sum(grade => grade.MaxScore);
}
