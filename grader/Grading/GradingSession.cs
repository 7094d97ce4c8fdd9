using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DistSys.Grader.Building;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;

namespace DistSys.Grader.Grading;

/// <summary>What to grade and how.</summary>
/// <param name="Slugs">Exercises to grade; empty means all.</param>
/// <param name="TestTimeout">Overrides the rubric's per-test limit for every exercise when set.</param>
/// <param name="Environment">Extra environment for the suite processes (null removes a variable).</param>
internal sealed record GradingRequest(
    BuildTarget Target,
    IReadOnlyList<string> Slugs,
    TimeSpan? TestTimeout,
    IReadOnlyDictionary<string, string?> Environment,
    bool Benchmarks = true);

/// <summary>Builds the selected suites once, runs each in its own process (two at a time), and scores them.</summary>
internal sealed class GradingSession(KitLayout kit, Rubric rubric, IProgress<string> progress)
{
    // Two suites at a time: the machines this runs on have two cores, and a suite mostly uses one.
    private const int ParallelSuites = 2;
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public async Task<GradeReport> GradeAsync(GradingRequest request)
    {
        var clock = Stopwatch.StartNew();
        var exercises = Select(kit.DiscoverExercises(), request.Slugs);
        var suites = exercises.Where(exercise => exercise.HasSuite).ToList();

        var build = suites.Count == 0
            ? new BuildOutcome(new HashSet<string>(), new Dictionary<string, IReadOnlyList<CompilerError>>(), [], TimeSpan.Zero)
            : await new SuiteBuilder(kit, BuildTimeout).BuildAsync(suites, request.Target, progress).ConfigureAwait(false);
        if (build.KitErrors.Count > 0)
        {
            throw new KitException(
                "The kit's shared code does not compile (runtime, test support or another shared project); no exercise can be graded.",
                build.KitErrors.Select(error => error.Text).ToList());
        }

        // Every graded exercise, including one that does not compile: the rules still see its syntax and most of its semantics.
        var analysisClock = Stopwatch.StartNew();
        var findings = new AnalyzerStage(kit).Analyze(suites.Select(exercise => exercise.Slug).ToList(), request.Target);
        var analysisSeconds = Seconds(analysisClock.Elapsed);
        progress.Report(string.Create(CultureInfo.InvariantCulture,
            $"analyzers: {findings.Values.Sum(list => list.Count)} finding(s) in {suites.Count} exercise(s) in {analysisSeconds:0.0} s"));

        // The same code must get the same grade: a replay seed or accept switch left in the caller's shell must not leak in.
        var environment = new Dictionary<string, string?>
        {
            ["DISTSYS_SEED"] = null,
            [SnapshotAcceptance.AcceptVariable] = null,
        };
        foreach (var (name, value) in request.Environment)
        {
            environment[name] = value;
        }

        environment[HostProtocol.TargetVariable] = request.Target.Name;
        var grades = new ConcurrentDictionary<string, ExerciseGrade>(StringComparer.Ordinal);
        var timings = new ConcurrentDictionary<string, ExerciseTiming>(StringComparer.Ordinal);
        var runClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            exercises,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelSuites },
            async (exercise, _) =>
            {
                var rules = rubric.For(exercise.Slug);
                var (grade, timing) = await GradeOneAsync(exercise, rules, request, build, environment).ConfigureAwait(false);
                grades[exercise.Slug] = grade;
                if (timing is not null)
                {
                    timings[exercise.Slug] = timing;
                    progress.Report(string.Create(CultureInfo.InvariantCulture,
                        $"{exercise.Slug}: {grade.Passed}/{grade.Total} passed in {timing.RunSeconds:0.0} s"));
                }
            }).ConfigureAwait(false);

        var ordered = exercises
            .Select(exercise => findings.TryGetValue(exercise.Slug, out var found)
                ? Scoring.WithFindings(grades[exercise.Slug], found, rubric.Analyzers)
                : grades[exercise.Slug])
            .ToList();
        // Benchmarks run after every suite, alone on the machine, and only on the student's code.
        var benchmarked = request.Benchmarks && request.Target == BuildTarget.Exercises
            ? ordered.Where(grade => rubric.Benchmarks.Exercises.Contains(grade.Slug) && grade.Tests.Count > 0)
                .Select(grade => (exercises.Single(e => e.Slug == grade.Slug), grade.Tests)).ToList()
            : [];
        var benchmarks = benchmarked.Count == 0
            ? []
            : await new DistSys.Grader.Benchmarks.BenchmarkStage(kit, rubric.Benchmarks, progress).RunAsync(benchmarked).ConfigureAwait(false);
        var timing = new GradeTiming(
            Seconds(build.Elapsed),
            Seconds(runClock.Elapsed),
            Seconds(clock.Elapsed),
            exercises.Where(exercise => timings.ContainsKey(exercise.Slug)).Select(exercise => timings[exercise.Slug]).ToList())
        {
            AnalysisSeconds = analysisSeconds,
        };
        return new GradeReport(request.Target.Name, ordered, timing) { Benchmarks = benchmarks };
    }

    /// <summary>The exercises named by <paramref name="slugs"/> (all when empty), ordered by slug.</summary>
    public static IReadOnlyList<Exercise> Select(IReadOnlyList<Exercise> available, IReadOnlyList<string> slugs)
    {
        var unknown = slugs.Where(slug => available.All(exercise => exercise.Slug != slug)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException(
                $"Unknown exercise {string.Join(", ", unknown.Select(slug => $"'{slug}'"))}. Valid exercises: {string.Join(", ", available.Select(exercise => exercise.Slug))}.");
        }

        return slugs.Count == 0 ? available : available.Where(exercise => slugs.Contains(exercise.Slug)).ToList();
    }

    private async Task<(ExerciseGrade Grade, ExerciseTiming? Timing)> GradeOneAsync(
        Exercise exercise, ExerciseRules rules, GradingRequest request, BuildOutcome build, IReadOnlyDictionary<string, string?> environment)
    {
        if (!exercise.HasSuite)
        {
            return (Scoring.Unavailable(exercise.Slug), null);
        }

        var errors = build.ErrorsBySlug.GetValueOrDefault(exercise.Slug, []);
        if (errors.Count > 0)
        {
            return (Scoring.Error(exercise.Slug, rules.Points, "does not compile", errors), null);
        }

        if (!build.Built.Contains(exercise.Slug))
        {
            return (Scoring.Error(exercise.Slug, rules.Points, "the suite did not build, although no error was reported for this exercise (see the other exercises' errors)", []), null);
        }

        var settings = new SuiteRunSettings(request.TestTimeout ?? rules.TestTimeout, environment);
        var outcome = await new SuiteRunner(settings).RunAsync(exercise.SuiteAssembly(kit.Root, request.Target)).ConfigureAwait(false);
        var timing = new ExerciseTiming(exercise.Slug, Seconds(outcome.Elapsed), outcome.Restarts);
        var grade = outcome.StartFailure is { } failure
            ? Scoring.Error(exercise.Slug, rules.Points, failure, [])
            : Scoring.Graded(exercise.Slug, rules.Points, outcome.Tests);
        return (grade, timing);
    }

    private static double Seconds(TimeSpan elapsed) => Math.Round(elapsed.TotalSeconds, 2);
}
