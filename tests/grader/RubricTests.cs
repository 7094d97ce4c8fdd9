using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

public class RubricTests
{
    private const string Sample = """
        defaults:
          points: 100
          test_timeout_seconds: 5
        exercises:
          raft:
            test_timeout_seconds: 12.5
          queueing:
            points: 150
        analyzers:
          deduction_per_finding: 2
          max_deduction: 20
        benchmarks:
          points: 30
          exercises: [coordination-benchmark]
          bands:
            - max_ratio: 1.5
              fraction: 1.0
            - max_ratio: 3
              fraction: 0.5
        """;

    [Test]
    public void An_exercise_without_overrides_gets_the_defaults()
    {
        Assert.That(Rubric.Parse(Sample, "rubric.yaml").For("crdts"), Is.EqualTo(new ExerciseRules(100m, TimeSpan.FromSeconds(5))));
    }

    [Test]
    public void An_override_replaces_only_the_settings_it_names()
    {
        var rubric = Rubric.Parse(Sample, "rubric.yaml");

        Assert.That(rubric.For("raft"), Is.EqualTo(new ExerciseRules(100m, TimeSpan.FromSeconds(12.5))));
        Assert.That(rubric.For("queueing"), Is.EqualTo(new ExerciseRules(150m, TimeSpan.FromSeconds(5))));
    }

    [Test]
    public void Analyzer_and_benchmark_sections_are_read_into_typed_options()
    {
        var rubric = Rubric.Parse(Sample, "rubric.yaml");

        Assert.That(rubric.Analyzers, Is.EqualTo(new AnalyzerRules(2m, 20m)));
        Assert.That(rubric.Benchmarks.Points, Is.EqualTo(30m));
        Assert.That(rubric.Benchmarks.Bands, Is.EqualTo(new[] { new BenchmarkBand(1.5, 1.0m), new BenchmarkBand(3, 0.5m) }));
        Assert.That(rubric.Benchmarks.Exercises, Is.EqualTo(new[] { "coordination-benchmark" }), "benchmarks.exercises lists the benchmarked exercises.");
    }

    [Test]
    public void Empty_sections_mean_the_built_in_defaults()
    {
        var rubric = Rubric.Parse("defaults:\nexercises:\nanalyzers:\nbenchmarks:\n", "rubric.yaml");

        Assert.That(rubric.For("crdts"), Is.EqualTo(new ExerciseRules(100m, TimeSpan.FromSeconds(5))));
    }

    [Test]
    public void Category_weights_default_to_safety_4_laws_3_behaviour_2_report_1()
    {
        var weights = Rubric.Parse(Sample, "rubric.yaml").For("crdts").Weights;

        Assert.That(weights.All, Is.EqualTo(new Dictionary<string, decimal> { ["behaviour"] = 2m, ["laws"] = 3m, ["report"] = 1m, ["safety"] = 4m }));
    }

    [Test]
    public void An_exercise_overrides_single_category_weights_and_keeps_the_rest()
    {
        var rubric = Rubric.Parse("""
            defaults:
              category_weights:
                safety: 5
            exercises:
              crdts:
                category_weights:
                  report: 0.5
            """, "rubric.yaml");

        Assert.That(rubric.For("crdts").Weights.All, Is.EqualTo(new Dictionary<string, decimal> { ["behaviour"] = 2m, ["laws"] = 3m, ["report"] = 0.5m, ["safety"] = 5m }));
        Assert.That(rubric.For("latency").Weights.WeightOf("safety"), Is.EqualTo(5m), "the defaults' override applies to every exercise");
    }

    [Test]
    public void A_category_weight_of_zero_is_refused()
    {
        var error = Assert.Throws<KitException>(() => Rubric.Parse("exercises:\n  crdts:\n    category_weights:\n      report: 0\n", "rubric.yaml"));

        Assert.That(error.Message, Does.Contain("exercises.crdts.category_weights.report"));
    }

    [Test]
    public void A_misspelled_key_is_an_error_that_names_the_file_and_line()
    {
        var error = Assert.Throws<KitException>(() => Rubric.Parse("defaults:\n  pionts: 100\n", "grader/rubric.yaml"));

        Assert.That(error.Message, Does.StartWith("grader/rubric.yaml(2,"));
    }

    [Test]
    public void A_timeout_of_zero_is_refused()
    {
        var error = Assert.Throws<KitException>(() => Rubric.Parse("defaults:\n  test_timeout_seconds: 0\n", "rubric.yaml"));

        Assert.That(error.Message, Does.Contain("defaults.test_timeout_seconds"));
    }

    [Test]
    public void The_kit_rubric_parses()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);

        Assert.That(() => Rubric.Load(kit.RubricPath), Throws.Nothing);
    }
}
