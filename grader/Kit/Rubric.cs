using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DistSys.Grader.Kit;

/// <summary>Points and time limit for one exercise, after applying its overrides to the defaults.</summary>
internal sealed record ExerciseRules(decimal Points, TimeSpan TestTimeout)
{
    /// <summary>How much a test of each category weighs in the score (the rubric's category_weights).</summary>
    public CategoryWeights Weights { get; init; } = CategoryWeights.Default;
}

/// <summary>
/// Relative weights of the test categories (NUnit [Category] names). A test counts with the heaviest of its categories
/// that has a weight; a test with none of them counts as <see cref="Fallback"/>.
/// </summary>
internal sealed class CategoryWeights : IEquatable<CategoryWeights>
{
    public const string Safety = "safety";
    public const string Laws = "laws";
    public const string Behaviour = "behaviour";
    public const string Report = "report";

    /// <summary>The category of a test that has no weighted category.</summary>
    public const string Fallback = Behaviour;

    private readonly SortedDictionary<string, decimal> weights;

    public CategoryWeights(IReadOnlyDictionary<string, decimal> weights)
    {
        this.weights = new SortedDictionary<string, decimal>(weights.ToDictionary(), StringComparer.Ordinal);
        this.weights.TryAdd(Fallback, 1m);
    }

    /// <summary>The shipped defaults, also used when the rubric says nothing: a safety bug costs four formatting slips.</summary>
    public static CategoryWeights Default { get; } = new(new Dictionary<string, decimal>
    {
        [Safety] = 4m,
        [Laws] = 3m,
        [Behaviour] = 2m,
        [Report] = 1m,
    });

    /// <summary>Every test weighs the same (the score is then passed / total).</summary>
    public static CategoryWeights Equal { get; } = new(new Dictionary<string, decimal> { [Fallback] = 1m });

    public IReadOnlyDictionary<string, decimal> All => weights;

    /// <summary>The category a test counts in: the heaviest weighted one of <paramref name="categories"/>, else <see cref="Fallback"/>.</summary>
    public string CategoryOf(IEnumerable<string>? categories) =>
        (categories ?? []).Where(weights.ContainsKey).OrderByDescending(c => weights[c]).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault() ?? Fallback;

    public decimal WeightOf(string category) => weights.GetValueOrDefault(category, weights[Fallback]);

    /// <summary>These weights with <paramref name="overrides"/> replacing or adding some.</summary>
    public CategoryWeights With(IReadOnlyDictionary<string, decimal> overrides)
    {
        var merged = new Dictionary<string, decimal>(weights, StringComparer.Ordinal);
        foreach (var (category, weight) in overrides)
        {
            merged[category] = weight;
        }

        return new CategoryWeights(merged);
    }

    public bool Equals(CategoryWeights? other) => other is not null && weights.SequenceEqual(other.weights);

    public override bool Equals(object? obj) => Equals(obj as CategoryWeights);

    public override int GetHashCode() => weights.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value));

    public override string ToString() => string.Join(", ", weights.Select(pair => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pair.Key}: {pair.Value}")));
}

/// <summary>Deduction per analyzer finding (applied by the analyzers work; parsed here so the rubric has one home).</summary>
internal sealed record AnalyzerRules(decimal DeductionPerFinding, decimal MaxDeduction);

/// <summary>One benchmark band: staying within <paramref name="MaxRatio"/> of the reference time earns <paramref name="Fraction"/> of the points.</summary>
internal sealed record BenchmarkBand(double MaxRatio, decimal Fraction);

/// <summary>Benchmark scoring (applied by the benchmarks work; parsed here so the rubric has one home).</summary>
internal sealed record BenchmarkRules(decimal Points, IReadOnlyList<BenchmarkBand> Bands, IReadOnlyList<string> Exercises);

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

    /// <summary>hidden_tests.reveal: student-facing reports name hidden tests and show their messages (default false).</summary>
    public bool RevealHiddenTests { get; private init; }

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
            TimeSpan.FromSeconds((double)Positive(defaultsDocument.TestTimeoutSeconds ?? 5m, "defaults.test_timeout_seconds", source)))
        {
            Weights = CategoryWeights.Default.With(Weights(defaultsDocument.CategoryWeights, "defaults", source)),
        };
        var overrides = (document.Exercises ?? []).ToDictionary(
            pair => pair.Key,
            pair => new ExerciseRules(
                Positive(pair.Value?.Points ?? defaults.Points, $"exercises.{pair.Key}.points", source),
                pair.Value?.TestTimeoutSeconds is { } seconds
                    ? TimeSpan.FromSeconds((double)Positive(seconds, $"exercises.{pair.Key}.test_timeout_seconds", source))
                    : defaults.TestTimeout)
            {
                Weights = defaults.Weights.With(Weights(pair.Value?.CategoryWeights, $"exercises.{pair.Key}", source)),
            },
            StringComparer.Ordinal);
        var analyzers = new AnalyzerRules(analyzersDocument.DeductionPerFinding, analyzersDocument.MaxDeduction);
        var benchmarks = new BenchmarkRules(
            benchmarksDocument.Points,
            (benchmarksDocument.Bands ?? []).Select(band => new BenchmarkBand(band.MaxRatio, band.Fraction)).ToList(),
            benchmarksDocument.Exercises ?? []);
        return new Rubric(defaults, overrides, analyzers, benchmarks) { RevealHiddenTests = document.HiddenTests?.Reveal ?? false };
    }

    private static Dictionary<string, decimal> Weights(Dictionary<string, decimal>? weights, string section, string source) =>
        (weights ?? []).Keys.Contains("hidden", StringComparer.Ordinal)
            ? throw new KitException($"{source}: {section}.category_weights.hidden: 'hidden' marks who may see a test, not what it weighs; a hidden test counts with its other category (see hidden_tests).")
            : (weights ?? []).ToDictionary(
            pair => pair.Key,
            pair => Positive(pair.Value, $"{section}.category_weights.{pair.Key}", source),
            StringComparer.Ordinal);

    private static decimal Positive(decimal value, string key, string source) =>
        value > 0 ? value : throw new KitException($"{source}: {key} must be greater than 0 (was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");

    // YAML shape. Mutable because YamlDotNet fills it in; nothing outside this file sees it.
    private sealed class RubricDocument
    {
        public RulesDocument? Defaults { get; set; } = new();

        public Dictionary<string, RulesDocument?>? Exercises { get; set; } = [];

        public AnalyzersDocument? Analyzers { get; set; } = new();

        public BenchmarksDocument? Benchmarks { get; set; } = new();

        public HiddenTestsDocument? HiddenTests { get; set; } = new();
    }

    private sealed class HiddenTestsDocument
    {
        public bool Reveal { get; set; }
    }

    private sealed class RulesDocument
    {
        public decimal? Points { get; set; }

        public decimal? TestTimeoutSeconds { get; set; }

        public Dictionary<string, decimal>? CategoryWeights { get; set; }
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

        public List<string>? Exercises { get; set; } = [];
    }

    private sealed class BandDocument
    {
        public double MaxRatio { get; set; }

        public decimal Fraction { get; set; }
    }
}
