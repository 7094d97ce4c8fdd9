using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DistSys.Grader.Building;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;
using DistSys.Grader.Trees;

namespace DistSys.Grader.Grading;

/// <summary>What to grade and how.</summary>
/// <param name="Slugs">Exercises to grade; empty means all.</param>
/// <param name="TestTimeout">Overrides the rubric's per-test limit for every exercise when set.</param>
/// <param name="Environment">Extra environment for the suite processes, on top of the sandbox's minimal one.</param>
/// <param name="Submission">Where the student's exercise sources come from; null: the kit itself (a student grading their checkout).</param>
/// <param name="Work">This run's scratch folder for the student tree; null: the kit's .grader/ (see <see cref="GradingTrees"/>).</param>
internal sealed record GradingRequest(
    BuildTarget Target,
    IReadOnlyList<string> Slugs,
    TimeSpan? TestTimeout,
    IReadOnlyDictionary<string, string?> Environment,
    bool Benchmarks = true,
    string? Submission = null,
    string? Work = null)
{
    /// <summary>How many times the benchmark stage runs on the same builds and test results (repeat-benchmarks); the report keeps the last.</summary>
    public int BenchmarkRuns { get; init; } = 1;
}

/// <summary>
/// One grading run, in one line: submission → grading tree → build → isolated run → score → report. The trusted kit
/// gives every file but the student's exercise sources (see <see cref="GradingTrees"/>); each suite runs in its own
/// sandboxed process, two at a time; the kit's reference build says which tests each suite must report.
/// </summary>
internal sealed class GradingSession(KitLayout kit, Rubric rubric, IProgress<string> progress)
{
    // Two suites at a time: the machines this runs on have two cores, and a suite mostly uses one.
    private const int ParallelSuites = 2;
    // A cold build of all 15 suites takes about 1 minute on a quiet two-core machine and overran 10 minutes at load
    // averages near 90; this only has to stop a build that never ends, never a slow one.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(30);

    public async Task<GradeReport> GradeAsync(GradingRequest request)
    {
        var clock = Stopwatch.StartNew();
        var exercises = Select(kit.DiscoverExercises(), request.Slugs);
        var suites = exercises.Where(exercise => exercise.HasSuite).ToList();

        // The reference tree: the trusted kit alone. It gives every suite's expected test list, grades --target
        // solutions, and is the benchmarks' baseline. Student files never enter it.
        var trees = new GradingTrees(kit, request.Submission ?? kit.Root, request.Work);
        var referenceTarget = HasSolutions ? BuildTarget.Solutions : BuildTarget.Exercises;
        KitLayout reference;
        BuildOutcome referenceBuild;
        var expected = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        using (await trees.LockReference(progress).ConfigureAwait(false))
        {
            reference = trees.PrepareReference();
            referenceBuild = await BuildAsync(reference, suites, referenceTarget).ConfigureAwait(false);
            var lister = new TestLister(reference, referenceTarget);
            foreach (var exercise in suites)
            {
                expected[exercise.Slug] = referenceBuild.Built.Contains(exercise.Slug) ? await lister.ListAsync(exercise).ConfigureAwait(false) : null;
            }
        }

        // The student tree: the trusted kit without solutions/, with the submission's exercise sources in place of the stubs.
        StudentTree? student = null;
        var tree = reference;
        var build = referenceBuild;
        if (request.Target == BuildTarget.Exercises)
        {
            student = trees.PrepareStudent();
            tree = student.Layout;
            build = await BuildAsync(tree, suites.Where(exercise => !student.Rejected.ContainsKey(exercise.Slug)).ToList(), BuildTarget.Exercises).ConfigureAwait(false);
        }
        else if (request.Target != referenceTarget)
        {
            throw new UsageException("--target solutions needs a kit with solutions/.");
        }

        // Every graded exercise, including one that does not compile: the rules still see its syntax and most of its semantics.
        var analysisClock = Stopwatch.StartNew();
        var analysis = new AnalyzerStage(tree).Analyze(suites.Select(exercise => exercise.Slug).ToList(), request.Target);
        var analysisSeconds = Seconds(analysisClock.Elapsed);
        progress.Report(string.Create(CultureInfo.InvariantCulture,
            $"analyzers: {analysis.Findings.Values.Sum(list => list.Count)} finding(s) in {suites.Count} exercise(s) in {analysisSeconds:0.0} s"));

        var environment = new Dictionary<string, string?>(request.Environment)
        {
            [HostProtocol.TargetVariable] = request.Target.Name,
        };
        var grades = new ConcurrentDictionary<string, ExerciseGrade>(StringComparer.Ordinal);
        var timings = new ConcurrentDictionary<string, ExerciseTiming>(StringComparer.Ordinal);
        var slots = new ConcurrentBag<int>(Enumerable.Range(0, ParallelSuites));
        var runClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            exercises,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelSuites },
            async (exercise, _) =>
            {
                slots.TryTake(out var slot);
                try
                {
                    var rules = rubric.For(exercise.Slug);
                    var refusal = student?.Rejected.GetValueOrDefault(exercise.Slug) is { } rejected
                        ? new ExerciseRefusal("not graded: " + rejected, [])
                        : analysis.Refusals.GetValueOrDefault(exercise.Slug);
                    var context = new RunContext(tree, build, expected.GetValueOrDefault(exercise.Slug), environment, slot, refusal)
                    {
                        Catalog = exercise.HasSuite && referenceBuild.Built.Contains(exercise.Slug)
                            ? TestCatalog.Read(exercise.SuiteAssembly(reference.Root, referenceTarget), reference.Root)
                            : null,
                    };
                    var (grade, timing) = await GradeOneAsync(exercise, rules, request, context).ConfigureAwait(false);
                    grades[exercise.Slug] = grade;
                    if (timing is not null)
                    {
                        timings[exercise.Slug] = timing;
                        progress.Report(string.Create(CultureInfo.InvariantCulture,
                            $"{exercise.Slug}: {grade.Passed}/{grade.Total} passed in {timing.RunSeconds:0.0} s"));
                    }
                }
                finally
                {
                    slots.Add(slot);
                }
            }).ConfigureAwait(false);

        var ordered = exercises
            .Select(exercise => analysis.Findings.TryGetValue(exercise.Slug, out var found)
                ? Scoring.WithFindings(grades[exercise.Slug], found, rubric.Analyzers)
                : grades[exercise.Slug])
            .ToList();
        // Benchmarks run after every suite, alone on the machine, and only on the student's code.
        var benchmarked = request.Benchmarks && request.Target == BuildTarget.Exercises
            ? ordered.Where(grade => rubric.Benchmarks.Exercises.Contains(grade.Slug) && grade.Tests.Count > 0)
                .Select(grade => (exercises.Single(e => e.Slug == grade.Slug), grade.Tests)).ToList()
            : [];
        var benchmarkRuns = new List<IReadOnlyList<DistSys.Grader.Benchmarks.BenchmarkGrade>>();
        for (var run = 0; run < (benchmarked.Count == 0 ? 0 : request.BenchmarkRuns); run++)
        {
            benchmarkRuns.Add(await new DistSys.Grader.Benchmarks.BenchmarkStage(tree, reference, rubric.Benchmarks, progress).RunAsync(benchmarked).ConfigureAwait(false));
            if (request.BenchmarkRuns > 1)
            {
                // As it happens, so that a long repetition that is stopped early still leaves its figures.
                foreach (var grade in benchmarkRuns[^1])
                {
                    progress.Report(DistSys.Grader.Cli.RepeatBenchmarksCommand.RunLine(run + 1, grade));
                }
            }
        }

        var benchmarks = benchmarkRuns.Count == 0 ? [] : benchmarkRuns[^1];
        var timing = new GradeTiming(
            Seconds(build.Elapsed + (ReferenceEquals(build, referenceBuild) ? TimeSpan.Zero : referenceBuild.Elapsed)),
            Seconds(runClock.Elapsed),
            Seconds(clock.Elapsed),
            exercises.Where(exercise => timings.ContainsKey(exercise.Slug)).Select(exercise => timings[exercise.Slug]).ToList())
        {
            AnalysisSeconds = analysisSeconds,
        };
        return new GradeReport(request.Target.Name, ordered, timing)
        {
            Benchmarks = benchmarks,
            BenchmarkRuns = benchmarkRuns,
            Ignored = student?.Ignored ?? [],
            ArtifactsRoot = ArtifactsRoot(tree),
            RevealHidden = rubric.RevealHiddenTests,
        };
    }

    /// <summary>Failure timelines of this run: written by the suites (the sandbox may write only there), copied out by --artifacts.</summary>
    private static string ArtifactsRoot(KitLayout tree) => Path.Combine(tree.WorkFolder, "artifacts");

    private bool HasSolutions => File.Exists(Path.Combine(kit.Root, "solutions", "Solutions.csproj"));

    private async Task<BuildOutcome> BuildAsync(KitLayout tree, IReadOnlyList<Exercise> suites, BuildTarget target)
    {
        var build = suites.Count == 0
            ? new BuildOutcome(new HashSet<string>(), new Dictionary<string, IReadOnlyList<CompilerError>>(), [], TimeSpan.Zero)
            : await new SuiteBuilder(tree, BuildTimeout).BuildAsync(suites, target, progress).ConfigureAwait(false);
        if (build.KitErrors.Count > 0)
        {
            throw new KitException(
                "The kit's shared code does not compile (runtime, test support or another shared project); no exercise can be graded.",
                build.KitErrors.Select(error => error.Text).ToList());
        }

        return build;
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

    /// <summary>Everything one exercise's run needs from the session.</summary>
    private sealed record RunContext(
        KitLayout Tree,
        BuildOutcome Build,
        IReadOnlyList<string>? ExpectedTests,
        IReadOnlyDictionary<string, string?> Environment,
        int Slot,
        ExerciseRefusal? Refusal)
    {
        /// <summary>The suite's tests and categories, read from the reference build's metadata (never from the student's build).</summary>
        public TestCatalog? Catalog { get; init; }
    }

    private async Task<(ExerciseGrade Grade, ExerciseTiming? Timing)> GradeOneAsync(
        Exercise exercise, ExerciseRules rules, GradingRequest request, RunContext context)
    {
        if (!exercise.HasSuite)
        {
            return (Scoring.Unavailable(exercise.Slug), null);
        }

        if (context.ExpectedTests is null)
        {
            // Without the kit's own list the suite process would decide which tests exist: never grade on that.
            return (Scoring.Error(exercise.Slug, rules.Points,
                "the kit's reference build of this suite failed, so its test list is unknown (an instructor must fix the kit: dotnet run --project grader -- --target solutions)",
                []), null);
        }

        if (context.Refusal is { } refusal)
        {
            return (Scoring.Error(exercise.Slug, rules.Points, refusal.Message, refusal.Errors), null);
        }

        var errors = context.Build.ErrorsBySlug.GetValueOrDefault(exercise.Slug, []);
        if (errors.Count > 0)
        {
            return (Scoring.Error(exercise.Slug, rules.Points, "does not compile", errors), null);
        }

        if (!context.Build.Built.Contains(exercise.Slug))
        {
            return (Scoring.Error(exercise.Slug, rules.Points, "the suite did not build, although no error was reported for this exercise (see the other exercises' errors)", []), null);
        }

        var artifacts = Path.Combine(ArtifactsRoot(context.Tree), exercise.Slug);
        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        var settings = new SuiteRunSettings(
            request.TestTimeout ?? rules.TestTimeout,
            context.Environment,
            context.ExpectedTests,
            Slot: context.Slot,
            Sandboxed: request.Target == BuildTarget.Exercises)
        {
            ArtifactsFolder = artifacts,
        };
        var outcome = await new SuiteRunner(settings).RunAsync(exercise.SuiteAssembly(context.Tree.Root, request.Target)).ConfigureAwait(false);
        outcome = outcome with { Tests = outcome.Tests.Select(test => WithTreeRelativePaths(test, context.Tree.Root)).ToList() };
        var timing = new ExerciseTiming(exercise.Slug, Seconds(outcome.Elapsed), outcome.Restarts);
        var grade = outcome.StartFailure is { } failure
            ? Scoring.Error(exercise.Slug, rules.Points, failure, [])
            : outcome.ListingProblem is { } problem
                ? Scoring.Error(exercise.Slug, rules.Points, problem, [])
                : Scoring.Graded(exercise.Slug, rules, outcome.Tests, context.Catalog) with { Message = outcome.SuiteProblem };
        return (grade, timing);
    }

    private static double Seconds(TimeSpan elapsed) => Math.Round(elapsed.TotalSeconds, 2);

    /// <summary>
    /// Stack traces name the grading tree's copy of a file (<c>/tmp/distsys-grader-&lt;hash&gt;/student/exercises/...</c>).
    /// Relative to the tree they name the student's own file, and the same code gets the same report wherever the kit
    /// and its grading trees are. Timeline lines keep their path: <see cref="Reporting.Artifacts"/> copies the page they name.
    /// </summary>
    private static TestResult WithTreeRelativePaths(TestResult test, string treeRoot)
    {
        var prefix = Path.TrimEndingDirectorySeparator(treeRoot) + Path.DirectorySeparatorChar;
        string? Relative(string? text) => text is null || !text.Contains(prefix, StringComparison.Ordinal)
            ? text
            : string.Join('\n', text.Split('\n').Select(line =>
                line.StartsWith(Reporting.Artifacts.LinePrefix, StringComparison.Ordinal) ? line : line.Replace(prefix, string.Empty, StringComparison.Ordinal)));
        return test with { Message = Relative(test.Message), Output = Relative(test.Output) };
    }
}
