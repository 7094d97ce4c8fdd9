using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSys.Grader.Building;
using DistSys.Grader.Containment;
using DistSys.Grader.Kit;
using DistSys.Grader.Running;

namespace DistSys.Grader.Benchmarks;

/// <summary>One graded benchmark case of one exercise.</summary>
/// <param name="Id">The case, e.g. <c>GradedCountingBenchmarks.Count(Strategy=coarse-lock)</c>.</param>
/// <param name="StudentNanoseconds">The student's median time per operation; null when not run or failed.</param>
/// <param name="BaselineNanoseconds">The reference's time (or, without solutions, the calibration's) in the same run.</param>
/// <param name="Ratio">Student time / reference time (estimated through the calibration when there is no reference); lower is better.</param>
/// <param name="Fraction">The fraction of the benchmark points this case earned (from the rubric's bands).</param>
/// <param name="Note">Why the case earned nothing, if it did not run or has no ratio.</param>
/// <param name="RatioLow">With paired rounds, the smallest round's ratio (the low end of the interval around the median).</param>
/// <param name="RatioHigh">With paired rounds, the largest round's ratio.</param>
/// <param name="Rounds">How many student/reference pairs were measured (1 against the calibration).</param>
internal sealed record BenchmarkCaseGrade(string Id, double? StudentNanoseconds, double? BaselineNanoseconds, double? Ratio, decimal Fraction, string? Note)
{
    public double? RatioLow { get; init; }

    public double? RatioHigh { get; init; }

    public int Rounds { get; init; } = 1;
}

/// <summary>The benchmark part of one exercise's grade.</summary>
/// <param name="Baseline">"reference" or "calibration": what the student's times were compared with.</param>
/// <param name="Message">Why the stage produced no case grades (time cap, build failure), if so.</param>
internal sealed record BenchmarkGrade(string Slug, string Baseline, decimal Score, decimal MaxScore, IReadOnlyList<BenchmarkCaseGrade> Cases, string? Message);

/// <summary>
/// The grader's benchmark stage. For every exercise that declares benchmarks it runs the suite's graded BenchmarkDotNet
/// job (see tests/support/Hosting/BenchmarkHost.cs) on the student's build and, in the same grader run, on the reference
/// build, and scores each case by the ratio of the two times against the rubric's bands. A case counts only when the
/// correctness tests that gate it passed. A kit shipped without solutions/ compares with the calibration benchmark that
/// runs in the same process instead, scaled by the reference's own ratio to it (<see cref="ReferenceRatiosPath"/>).
/// The whole stage, for all exercises together, stops after <see cref="Cap"/>.
/// </summary>
/// <remarks>The student's suite runs from the student tree and the reference's from the reference tree, both in a
/// <see cref="Sandbox"/>; results come back through the sandbox's scratch folder.</remarks>
internal sealed class BenchmarkStage(KitLayout student, KitLayout kit, BenchmarkRules rules, IProgress<string> progress)
{
    /// <summary>The time limit for all measurements of the stage (the Release builds of both sides come before and are not counted).</summary>
    /// <remarks>Two minutes: on a quiet machine a pair takes about 10 s and the stage stops after 3 pairs; with the machine
    /// oversubscribed a pair took 25-35 s, and the cap still leaves room for the 3 pairs whose median the score needs.</remarks>
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(120);

    /// <summary>Below this, a student/reference ratio is a measurement accident (or a strategy that skips its work), not a
    /// five times faster counter: the case is rejected with a message instead of scored.</summary>
    public const double ImplausibleRatio = 0.2;

    // Student and reference alternate (S R S R ...), so a load change hits both sides of a pair alike; each pair gives
    // one ratio. At least MinPairs (a median of three outvotes one disturbed pair), more while a case's interval for
    // the median straddles a band edge.
    internal const int MinPairs = 3;
    internal const int MaxPairs = 8;

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Reference time ÷ calibration time per exercise and case, recorded by <see cref="RecordReferenceRatiosAsync"/>.</summary>
    public string ReferenceRatiosPath => Path.Combine(kit.Root, "grader", "Benchmarks", "reference-ratios.json");

    private bool HasSolutions => File.Exists(Path.Combine(kit.Root, "solutions", "Solutions.csproj"));

    /// <summary>
    /// Benchmarks each exercise in turn. <paramref name="graded"/> holds the exercises that declare benchmarks, each with
    /// its test results from the correctness run (the student's suite must already be built for the exercises target).
    /// </summary>
    public async Task<IReadOnlyList<BenchmarkGrade>> RunAsync(IReadOnlyList<(Exercise Exercise, IReadOnlyList<TestResult> Tests)> graded)
    {
        var referenceRatios = HasSolutions ? null : LoadReferenceRatios();
        // Release builds of both sides, before the clock starts: the student's in the student tree, the reference's in
        // the reference tree, through the same builder as the tests' Debug builds (skipped when up to date).
        var exercises = graded.Select(g => g.Exercise).ToList();
        var unbuilt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (slug, reason) in await BuildReleaseAsync(student, BuildTarget.Exercises, exercises).ConfigureAwait(false))
        {
            unbuilt[slug] = reason;
        }

        if (referenceRatios is null)
        {
            foreach (var (slug, reason) in await BuildReleaseAsync(kit, BuildTarget.Solutions, exercises.Where(e => !unbuilt.ContainsKey(e.Slug)).ToList()).ConfigureAwait(false))
            {
                unbuilt[slug] = reason;
            }
        }

        var clock = Stopwatch.StartNew();
        var grades = new List<BenchmarkGrade>();
        foreach (var (exercise, tests) in graded)
        {
            if (unbuilt.TryGetValue(exercise.Slug, out var reason))
            {
                grades.Add(Empty(exercise.Slug, reason));
                continue;
            }

            var left = Cap - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                grades.Add(Empty(exercise.Slug, $"not run: the benchmark stage's {Cap.TotalSeconds:0} s were used up"));
                continue;
            }

            progress.Report($"benchmarking {exercise.Slug} against the {(HasSolutions ? "reference" : "calibration")}");
            using var deadline = new CancellationTokenSource(left);
            try
            {
                grades.Add(await GradeOneAsync(exercise, tests, referenceRatios, deadline.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                grades.Add(Empty(exercise.Slug, $"stopped: the benchmark stage's {Cap.TotalSeconds:0} s ran out"));
            }
            catch (StageException failure)
            {
                grades.Add(Empty(exercise.Slug, failure.Message));
            }
        }

        progress.Report(string.Create(CultureInfo.InvariantCulture, $"benchmarks took {clock.Elapsed.TotalSeconds:0.0} s"));
        return grades;
    }

    /// <summary>
    /// For kits that will ship without solutions: runs the reference build of each exercise and records, per case, the
    /// reference's time divided by the calibration's. Run by instructors on the machine the bands were chosen on.
    /// </summary>
    public async Task RecordReferenceRatiosAsync(IReadOnlyList<Exercise> exercises)
    {
        const int Runs = 3;
        if (!HasSolutions)
        {
            throw new KitException("Recording reference ratios needs the reference solutions (solutions/Solutions.csproj).");
        }

        var ratios = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        try
        {
            var unbuilt = await BuildReleaseAsync(kit, BuildTarget.Solutions, exercises).ConfigureAwait(false);
            if (unbuilt.Count > 0)
            {
                throw new KitException(string.Join("; ", unbuilt.Select(u => $"{u.Key}: {u.Value}")));
            }

            foreach (var exercise in exercises)
            {
                using var deadline = new CancellationTokenSource(Runs * Cap);
                // The median over a few runs of each case's time relative to the calibration of the same run.
                var perCase = new Dictionary<string, List<double>>(StringComparer.Ordinal);
                for (var run = 0; run < Runs; run++)
                {
                    progress.Report($"measuring the reference of {exercise.Slug} ({run + 1}/{Runs})");
                    var reference = await MeasureAsync(exercise, BuildTarget.Solutions, outcomes: null, calibration: true, deadline.Token).ConfigureAwait(false);
                    var calibration = CalibrationOf(reference) ?? throw new KitException($"{exercise.Slug}: the calibration benchmark produced no time.");
                    foreach (var c in reference.Cases.Where(c => c.Id != BenchmarkProtocol.CalibrationCaseId && c.NanosecondsPerOperation is not null))
                    {
                        (perCase.TryGetValue(c.Id, out var list) ? list : perCase[c.Id] = []).Add(c.NanosecondsPerOperation!.Value / calibration);
                    }
                }

                ratios[exercise.Slug] = new SortedDictionary<string, double>(
                    perCase.ToDictionary(p => p.Key, p => Math.Round(Median(p.Value.Order().ToList()), 4)), StringComparer.Ordinal);
            }
        }
        catch (StageException failure)
        {
            throw new KitException(failure.Message);
        }

        await File.WriteAllTextAsync(ReferenceRatiosPath, JsonSerializer.Serialize(ratios, Json) + "\n").ConfigureAwait(false);
    }

    /// <summary>Plain-text lines for the report: the score, then each case's raw times and ratio.</summary>
    public static IEnumerable<string> Describe(BenchmarkGrade grade)
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{grade.Slug} benchmarks (against the {grade.Baseline}): {grade.Score}/{grade.MaxScore}{(grade.Message is null ? "" : " - " + grade.Message)}");
        foreach (var c in grade.Cases)
        {
            var times = string.Create(CultureInfo.InvariantCulture,
                $"you {Nanoseconds(c.StudentNanoseconds)}, {grade.Baseline} {Nanoseconds(c.BaselineNanoseconds)}");
            var ratio = c.Ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $"ratio {r:0.00}") : "no ratio";
            if (c.Ratio is not null && c.Rounds > 1 && c.RatioLow is { } low && c.RatioHigh is { } high)
            {
                ratio += string.Create(CultureInfo.InvariantCulture, $" [{low:0.00}-{high:0.00} over {c.Rounds} pairs]");
            }

            // The benchmark class name is the same on every line; the method and parameters tell the cases apart.
            var name = c.Id[(c.Id.IndexOf('.', StringComparison.Ordinal) + 1)..];
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {name}: {times}, {ratio} -> {c.Fraction * 100:0}%{(c.Note is null ? "" : " (" + c.Note + ")")}");
        }
    }

    private async Task<BenchmarkGrade> GradeOneAsync(
        Exercise exercise, IReadOnlyList<TestResult> tests, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? referenceRatios,
        CancellationToken cancellation)
    {
        var outcomes = tests.Select(t => (t.Name, t.Passed)).ToList();
        if (!outcomes.Any(o => o.Passed))
        {
            return Empty(exercise.Slug, "not run: no correctness test passed");
        }

        var student = await MeasureAsync(exercise, BuildTarget.Exercises, outcomes, calibration: referenceRatios is not null, cancellation).ConfigureAwait(false);
        IReadOnlyList<BenchmarkCaseGrade> cases;
        string baseline;
        if (GradedCases(student).All(c => !c.GatePassed))
        {
            // Nothing of the student's was timed, so there is nothing to compare: spare the reference run.
            baseline = referenceRatios is null ? "reference" : "calibration";
            cases = GradedCases(student).Select(c => Grade(c, null, scale: 1)).ToList();
        }
        else if (referenceRatios is null)
        {
            baseline = "reference";
            cases = await PairedAsync(exercise, outcomes, student, cancellation).ConfigureAwait(false);
        }
        else
        {
            baseline = "calibration";
            var calibration = CalibrationOf(student);
            var recorded = referenceRatios.GetValueOrDefault(exercise.Slug);
            cases = GradedCases(student).Select(c =>
            {
                // (student / calibration) / (reference / calibration) estimates student / reference on this machine.
                var referenceRatio = recorded?.GetValueOrDefault(c.Id);
                return calibration is null || referenceRatio is null or <= 0
                    ? new BenchmarkCaseGrade(c.Id, c.NanosecondsPerOperation, calibration, null, 0m, "no recorded reference ratio for this case")
                    : Grade(c, calibration, scale: 1 / referenceRatio.Value);
            }).ToList();
        }

        var score = cases.Count == 0 ? 0m : Math.Round(rules.Points * cases.Average(c => c.Fraction), 2, MidpointRounding.AwayFromZero);
        return new BenchmarkGrade(exercise.Slug, baseline, score, rules.Points, cases, cases.Count == 0 ? "the suite has no graded benchmarks" : null);
    }

    private BenchmarkCaseGrade Grade(BenchmarkCaseResult student, double? baselineNanoseconds, double scale) =>
        Score(rules, student, baselineNanoseconds, scale);

    /// <summary>
    /// Student and reference measured alternately, S R S R ..., each in its own process; the first student run is
    /// <paramref name="firstStudent"/>. Stops after <see cref="MinPairs"/> pairs unless a case's interval straddles a
    /// band edge, and at <see cref="MaxPairs"/>; when the stage's time runs out after at least one pair, it scores what it has.
    /// </summary>
    private async Task<IReadOnlyList<BenchmarkCaseGrade>> PairedAsync(
        Exercise exercise, IReadOnlyList<(string Name, bool Passed)> outcomes, BenchmarkResults firstStudent, CancellationToken cancellation)
    {
        var pairs = new List<(BenchmarkResults Student, BenchmarkResults Reference)>();
        var student = firstStudent;
        while (true)
        {
            try
            {
                student ??= await MeasureAsync(exercise, BuildTarget.Exercises, outcomes, calibration: false, cancellation).ConfigureAwait(false);
                var reference = await MeasureAsync(exercise, BuildTarget.Solutions, outcomes: null, calibration: false, cancellation).ConfigureAwait(false);
                pairs.Add((student, reference));
                student = null;
            }
            catch (OperationCanceledException) when (pairs.Count > 0)
            {
                progress.Report($"{exercise.Slug}: the benchmark stage's time ran out after {pairs.Count} pair(s); scoring those");
                break;
            }

            var graded = GradedCases(firstStudent).Select(c => ScorePaired(rules, c, Times(pairs, c.Id))).ToList();
            if (pairs.Count >= MaxPairs || (pairs.Count >= MinPairs && !graded.Any(c => StraddlesBandEdge(rules, c))))
            {
                return graded;
            }
        }

        return GradedCases(firstStudent).Select(c => ScorePaired(rules, c, Times(pairs, c.Id))).ToList();
    }

    private static List<(double? Student, double? Reference)> Times(List<(BenchmarkResults Student, BenchmarkResults Reference)> pairs, string id) =>
        pairs.Select(p => (p.Student.Cases.FirstOrDefault(c => c.Id == id)?.NanosecondsPerOperation, p.Reference.Cases.FirstOrDefault(c => c.Id == id)?.NanosecondsPerOperation)).ToList();

    /// <summary>True when the case's interval for its median ratio contains a band edge, so more pairs could change its band.</summary>
    internal static bool StraddlesBandEdge(BenchmarkRules rules, BenchmarkCaseGrade grade) =>
        grade.RatioLow is { } low && grade.RatioHigh is { } high && rules.Bands.Any(b => low <= b.MaxRatio && b.MaxRatio < high);

    /// <summary>
    /// Scores a case from paired rounds: the median of the per-pair ratios (student ÷ reference of the same pair), with
    /// a distribution-free confidence interval for that median (<see cref="MedianInterval"/>). Pairs where either side
    /// has no time are left out.
    /// </summary>
    internal static BenchmarkCaseGrade ScorePaired(BenchmarkRules rules, BenchmarkCaseResult student, IReadOnlyList<(double? Student, double? Reference)> pairs)
    {
        if (!student.GatePassed)
        {
            return new BenchmarkCaseGrade(student.Id, null, null, null, 0m, "its correctness tests failed, so it was not timed");
        }

        var usable = pairs.Where(p => p.Student is > 0 && p.Reference is > 0).Select(p => (Student: p.Student!.Value, Reference: p.Reference!.Value)).ToList();
        if (usable.Count == 0)
        {
            return new BenchmarkCaseGrade(student.Id, student.NanosecondsPerOperation, pairs.Select(p => p.Reference).FirstOrDefault(r => r is not null), null, 0m,
                student.Error ?? "no time to compare");
        }

        var ratios = usable.Select(p => p.Student / p.Reference).Order().ToList();
        var ratio = Median(ratios);
        var (low, high) = MedianInterval(ratios);
        var grade = Band(rules, student.Id, Median(usable.Select(p => p.Student).Order().ToList()), Median(usable.Select(p => p.Reference).Order().ToList()), ratio);
        grade = grade with { RatioLow = Math.Round(low, 3), RatioHigh = Math.Round(high, 3), Rounds = usable.Count };

        // Benefit of the doubt: when the interval for the median still reaches into a better band after the stage's
        // last pair, the measurement cannot tell the two bands apart, and a noisy machine must not cost the student
        // points. Only then: with fewer pairs (the cap ran out) the interval is the whole range of a few disturbed
        // pairs, which lifted a 10x slower strategy into the first band under heavy load; the median decides there.
        var better = BandFraction(rules, low);
        return grade.Note is null && usable.Count >= MaxPairs && better > grade.Fraction
            ? grade with
            {
                Fraction = better,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"scored by its interval's better end, {low:0.00}: after {usable.Count} pairs the measurement cannot tell the {better * 100:0}% and {grade.Fraction * 100:0}% bands apart"),
            }
            : grade;
    }

    /// <summary>
    /// A confidence interval for the median of the distribution the sorted <paramref name="ratios"/> were drawn from,
    /// without assuming its shape: the k-th smallest and k-th largest ratio, for the largest k with
    /// P(Binomial(n, 1/2) &lt; k) ≤ 5% (coverage 1 - 2 P(X &lt; k), at least 90% from 5 ratios on). Up to 7 ratios that is
    /// the whole range (coverage 1 - 2^(1-n): 75% for 3, 88% for 4, 94% for 5); from 8 on the outermost ratios drop out
    /// (93% for 8), so one disturbed pair no longer widens it.
    /// </summary>
    internal static (double Low, double High) MedianInterval(IReadOnlyList<double> ratios)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ratios.Count);
        var n = ratios.Count;
        var k = 1;
        while (k < (n + 1) / 2 && BinomialHalfBelow(n, k + 1) <= 0.05)
        {
            k++;
        }

        return (ratios[k - 1], ratios[n - k]);
    }

    // P(X < k) for X ~ Binomial(n, 1/2).
    private static double BinomialHalfBelow(int n, int k)
    {
        double sum = 0, term = Math.Pow(0.5, n);
        for (var i = 0; i < k; i++)
        {
            sum += term;
            term = term * (n - i) / (i + 1);
        }

        return sum;
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static BenchmarkCaseGrade Band(BenchmarkRules rules, string id, double mine, double theirs, double ratio)
    {
        if (ratio < ImplausibleRatio)
        {
            return new BenchmarkCaseGrade(id, mine, theirs, Math.Round(ratio, 3), 0m, string.Create(CultureInfo.InvariantCulture,
                $"rejected: a ratio of {ratio:0.00} (more than {1 / ImplausibleRatio:0}x faster than the reference) is not plausible for the same work; check that every operation is really counted, or re-run"));
        }

        return new BenchmarkCaseGrade(id, mine, theirs, Math.Round(ratio, 3), BandFraction(rules, ratio), null);
    }

    // The fraction of the first band, from the smallest max_ratio up, that the ratio stays within; beyond all bands, 0.
    private static decimal BandFraction(BenchmarkRules rules, double ratio) =>
        rules.Bands.OrderBy(b => b.MaxRatio).FirstOrDefault(b => ratio <= b.MaxRatio)?.Fraction ?? 0m;

    /// <summary>
    /// Scores one case: <paramref name="scale"/> × student time / baseline time, against the bands from the smallest
    /// max_ratio up. A gated, failed or unmatched case earns nothing.
    /// </summary>
    internal static BenchmarkCaseGrade Score(BenchmarkRules rules, BenchmarkCaseResult student, double? baselineNanoseconds, double scale)
    {
        if (!student.GatePassed)
        {
            return new BenchmarkCaseGrade(student.Id, null, baselineNanoseconds, null, 0m, "its correctness tests failed, so it was not timed");
        }

        if (student.NanosecondsPerOperation is not { } mine || baselineNanoseconds is not { } theirs || theirs <= 0)
        {
            return new BenchmarkCaseGrade(student.Id, student.NanosecondsPerOperation, baselineNanoseconds, null, 0m, student.Error ?? "no time to compare");
        }

        return Band(rules, student.Id, mine, theirs, mine / theirs * scale);
    }

    private static string Nanoseconds(double? value) =>
        value is { } ns ? string.Create(CultureInfo.InvariantCulture, $"{ns:0.00} ns/op") : "-";

    private static IEnumerable<BenchmarkCaseResult> GradedCases(BenchmarkResults results) =>
        results.Cases.Where(c => c.Id != BenchmarkProtocol.CalibrationCaseId).OrderBy(c => c.Id, StringComparer.Ordinal);

    private static double? CalibrationOf(BenchmarkResults results) =>
        results.Cases.FirstOrDefault(c => c.Id == BenchmarkProtocol.CalibrationCaseId)?.NanosecondsPerOperation;

    // Runs the graded benchmark job of one build of the suite in its own process; builds the reference first if needed.
    private async Task<BenchmarkResults> MeasureAsync(
        Exercise exercise, BuildTarget target, IReadOnlyList<(string Name, bool Passed)>? outcomes, bool calibration, CancellationToken cancellation)
    {
        var tree = target == BuildTarget.Exercises ? student : kit;
        var suite = exercise.SuiteAssembly(tree.Root, target, BuildConfiguration.Release);
        if (!File.Exists(suite))
        {
            throw new StageException($"not run: {tree.Relative(suite)} does not exist (the suite was not built for the {target.Name})");
        }

        // The reference is trusted and its tree is closed to sandbox users (see GradingTrees.PrepareReference).
        using var sandbox = Sandbox.Create(slot: 0, SuiteRunSettings.DefaultMemoryLimitBytes, separateUser: target == BuildTarget.Exercises);
        var resultsPath = Path.Combine(sandbox.ScratchFolder, "results.json");
        List<string> arguments = ["exec", suite, BenchmarkProtocol.Argument, BenchmarkProtocol.ModeOption, BenchmarkProtocol.GradedMode,
            BenchmarkProtocol.ResultsOption, resultsPath];
        if (outcomes is not null)
        {
            var outcomesPath = Path.Combine(sandbox.GraderFolder, "test-outcomes.txt");
            await File.WriteAllTextAsync(outcomesPath, BenchmarkProtocol.FormatOutcomes(outcomes), new UTF8Encoding(false), cancellation).ConfigureAwait(false);
            arguments.AddRange([BenchmarkProtocol.TestOutcomesOption, outcomesPath]);
        }

        if (!calibration)
        {
            arguments.Add(BenchmarkProtocol.NoCalibrationOption);
        }

        var startInfo = sandbox.StartInfo(arguments, Path.GetDirectoryName(suite)!, new Dictionary<string, string?>());
        using (var child = ChildProcess.Start(startInfo, OutputKeeping.StandardErrorTail))
        {
            await WaitAsync(child, $"benchmarking the {target.Name} of {exercise.Slug}", cancellation).ConfigureAwait(false);
        }

        sandbox.KillAll();
        var info = new FileInfo(resultsPath);
        return info.Exists && info.Length < 1024 * 1024 && BenchmarkProtocol.Parse(await File.ReadAllTextAsync(resultsPath, cancellation).ConfigureAwait(false)) is { } results
            ? results
            : throw new StageException($"not scored: benchmarking the {target.Name} produced no results");
    }

    /// <summary>
    /// Builds the Release suites of <paramref name="exercises"/> in <paramref name="tree"/> for <paramref name="target"/>
    /// with the grader's <see cref="SuiteBuilder"/>; returns, per exercise that did not build, why it is not scored.
    /// Timed code must be optimized: a Debug build of the reference took 3-7 ns per uncoordinated increment where the
    /// machine allows about 1, and its overhead would blur exactly the differences the exercise is about.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> BuildReleaseAsync(KitLayout tree, BuildTarget target, IReadOnlyList<Exercise> exercises)
    {
        var unbuilt = new Dictionary<string, string>(StringComparer.Ordinal);
        if (exercises.Count == 0)
        {
            return unbuilt;
        }

        var side = target == BuildTarget.Exercises ? "your" : "the reference";
        BuildOutcome outcome;
        try
        {
            outcome = await new SuiteBuilder(tree, BuildTimeout, BuildConfiguration.Release).BuildAsync(exercises, target, progress).ConfigureAwait(false);
        }
        catch (KitException failure)
        {
            return exercises.ToDictionary(e => e.Slug, _ => $"not run: the Release build of {side} suite failed: {failure.Message}", StringComparer.Ordinal);
        }

        foreach (var exercise in exercises.Where(e => !outcome.Built.Contains(e.Slug)))
        {
            var errors = outcome.ErrorsBySlug.GetValueOrDefault(exercise.Slug) ?? outcome.KitErrors;
            unbuilt[exercise.Slug] = $"not run: the Release build of {side} suite failed" +
                (errors.Count > 0 ? ": " + string.Join(" | ", errors.Take(3).Select(e => e.Text)) : string.Empty);
        }

        return unbuilt;
    }

    private static async Task WaitAsync(ChildProcess child, string what, CancellationToken cancellation)
    {
        await child.WriteInputAndCloseAsync(string.Empty).ConfigureAwait(false);
        var tail = new Queue<string>();
        try
        {
            await foreach (var line in child.Lines.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                tail.Enqueue(line.Text);
                if (tail.Count > 5)
                {
                    tail.Dequeue();
                }
            }

            await child.Exited.WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            child.KillTree();
            throw;
        }

        if (child.ExitCode != 0)
        {
            throw new StageException($"not scored: {what} failed (exit code {child.ExitCode}): {string.Join(" | ", tail)}");
        }
    }

    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> LoadReferenceRatios()
    {
        if (!File.Exists(ReferenceRatiosPath))
        {
            return new Dictionary<string, IReadOnlyDictionary<string, double>>();
        }

        try
        {
            var document = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(File.ReadAllText(ReferenceRatiosPath)) ?? [];
            return document.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, double>)p.Value, StringComparer.Ordinal);
        }
        catch (JsonException error)
        {
            throw new KitException($"{kit.Relative(ReferenceRatiosPath)} is not valid: {error.Message}");
        }
    }

    private BenchmarkGrade Empty(string slug, string message) =>
        new(slug, HasSolutions ? "reference" : "calibration", 0m, rules.Points, [], message);

    /// <summary>A problem with one exercise's benchmarks: it scores zero and the stage goes on.</summary>
    private sealed class StageException(string message) : Exception(message);
}
