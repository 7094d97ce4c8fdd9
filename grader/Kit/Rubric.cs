using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DistSys.Grader.Kit;

/// <summary>Points and time limit for one exercise, after applying its overrides to the defaults.</summary>
internal sealed record ExerciseRules(decimal Points, TimeSpan TestTimeout);

/// <summary>Deduction per analyzer finding (applied by the analyzers work; parsed here so the rubric has one home).</summary>
internal sealed record AnalyzerRules(decimal DeductionPerFinding, decimal MaxDeduction);

/// <summary>One benchmark band: staying within <paramref name="MaxRatio"/> of the reference time earns <paramref name="Fraction"/> of the points.</summary>
internal sealed record BenchmarkBand(double MaxRatio, decimal Fraction);

/// <summary>Benchmark scoring (applied by the benchmarks work; parsed here so the rubric has one home).</summary>
internal sealed record BenchmarkRules(decimal Points, IReadOnlyList<BenchmarkBand> Bands);

/// <summary>grader/rubric.yaml: scoring and per-exercise settings.</summary>
internal sealed class Rubric
{
    private readonly ExerciseRules defaults;
    private readonly IReadOnlyDictionary<string, ExerciseRules> overrides;

    private Rubric(ExerciseRules defaults, IReadOnlyDictionary<string, ExerciseRules> overrides, AnalyzerRules analyzers, BenchmarkRules benchmarks)
    {
        this.defaults = defaults;
        this.overrides = overrides;
        Analyzers = analyzers;
        Benchmarks = benchmarks;
    }

    public AnalyzerRules Analyzers { get; }

    public BenchmarkRules Benchmarks { get; }

    public IReadOnlyCollection<string> OverriddenSlugs => overrides.Keys.ToList();

    public ExerciseRules For(string slug) => overrides.GetValueOrDefault(slug, defaults);

    public static Rubric Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), path) : throw new KitException($"The rubric {path} is missing.");

    /// <summary>Parses rubric text; <paramref name="source"/> names it in error messages.</summary>
    public static Rubric Parse(string yaml, string source)
    {
        RubricDocument document;
        try
        {
            document = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .Build()
                .Deserialize<RubricDocument?>(yaml) ?? new RubricDocument();
        }
        catch (YamlException error)
        {
            var reason = (error.InnerException ?? error).Message;
            throw new KitException($"{source}({error.Start.Line},{error.Start.Column}): {reason}");
        }

        // An empty section (`exercises:` with only comments under it) reads as null.
        var defaultsDocument = document.Defaults ?? new RulesDocument();
        var analyzersDocument = document.Analyzers ?? new AnalyzersDocument();
        var benchmarksDocument = document.Benchmarks ?? new BenchmarksDocument();
        var defaults = new ExerciseRules(
            Positive(defaultsDocument.Points ?? 100m, "defaults.points", source),
            TimeSpan.FromSeconds((double)Positive(defaultsDocument.TestTimeoutSeconds ?? 5m, "defaults.test_timeout_seconds", source)));
        var overrides = (document.Exercises ?? []).ToDictionary(
            pair => pair.Key,
            pair => new ExerciseRules(
                Positive(pair.Value?.Points ?? defaults.Points, $"exercises.{pair.Key}.points", source),
                pair.Value?.TestTimeoutSeconds is { } seconds
                    ? TimeSpan.FromSeconds((double)Positive(seconds, $"exercises.{pair.Key}.test_timeout_seconds", source))
                    : defaults.TestTimeout),
            StringComparer.Ordinal);
        var analyzers = new AnalyzerRules(analyzersDocument.DeductionPerFinding, analyzersDocument.MaxDeduction);
        var benchmarks = new BenchmarkRules(
            benchmarksDocument.Points,
            (benchmarksDocument.Bands ?? []).Select(band => new BenchmarkBand(band.MaxRatio, band.Fraction)).ToList());
        return new Rubric(defaults, overrides, analyzers, benchmarks);
    }

    private static decimal Positive(decimal value, string key, string source) =>
        value > 0 ? value : throw new KitException($"{source}: {key} must be greater than 0 (was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");

    // YAML shape. Mutable because YamlDotNet fills it in; nothing outside this file sees it.
    private sealed class RubricDocument
    {
        public RulesDocument? Defaults { get; set; } = new();

        public Dictionary<string, RulesDocument?>? Exercises { get; set; } = [];

        public AnalyzersDocument? Analyzers { get; set; } = new();

        public BenchmarksDocument? Benchmarks { get; set; } = new();
    }

    private sealed class RulesDocument
    {
        public decimal? Points { get; set; }

        public decimal? TestTimeoutSeconds { get; set; }
    }

    private sealed class AnalyzersDocument
    {
        public decimal DeductionPerFinding { get; set; }

        public decimal MaxDeduction { get; set; }
    }

    private sealed class BenchmarksDocument
    {
        public decimal Points { get; set; }

        public List<BandDocument>? Bands { get; set; } = [];
    }

    private sealed class BandDocument
    {
        public double MaxRatio { get; set; }

        public decimal Fraction { get; set; }
    }
}
