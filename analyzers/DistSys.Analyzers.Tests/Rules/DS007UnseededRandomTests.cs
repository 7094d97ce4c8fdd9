using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS007UnseededRandomTests
{
    private static readonly DS007UnseededRandomAnalyzer Analyzer = new();

    [Test]
    public Task Reports_new_Random_without_a_seed() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Election
        {
            private readonly Random _random = {|DS007:new Random()|};
            public int Timeout() => 150 + _random.Next(150);
        }
        """);

    [Test]
    public Task Reports_Random_Shared() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Chaos
        {
            public bool Drop() => {|DS007:Random.Shared|}.NextDouble() < 0.1;
        }
        """);

    [Test]
    public Task Reports_a_target_typed_unseeded_Random_in_a_method() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Shuffle
        {
            public void Run(int[] items)
            {
                Random random = {|DS007:new()|};
                random.Shuffle(items);
            }
        }
        """);

    [Test]
    public Task Is_silent_for_a_seeded_Random() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Election
        {
            private readonly Random _random = new Random(42);
            public int Timeout() => 150 + _random.Next(150);
        }
        """);

    [Test]
    public Task Is_silent_for_an_injected_Random() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Election
        {
            private readonly Random _random;
            public Election(Random random) { _random = random; }
            public int Timeout() => 150 + _random.Next(150);
        }
        """);

    [Test]
    public Task Is_silent_for_a_seed_taken_from_the_caller() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Generator
        {
            public static int[] Values(int seed, int count)
            {
                var random = new Random(seed);
                return Enumerable.Range(0, count).Select(_ => random.Next()).ToArray();
            }
        }
        """);

    [Test]
    public Task Fix_takes_a_Random_parameter() => CodeFixHarness.VerifyAsync(Analyzer, new UnseededRandomCodeFix(), """
        class Shuffle
        {
            public void Run(int[] items)
            {
                var random = {|DS007:new Random()|};
                random.Shuffle(items);
            }
        }
        """, """
        class Shuffle
        {
            public void Run(int[] items, Random random)
            {
                random.Shuffle(items);
            }
        }
        """);

    [Test]
    public Task Fix_seeds_explicitly_where_no_parameter_can_be_added() => CodeFixHarness.VerifyAsync(Analyzer, new UnseededRandomCodeFix(), """
        class Election
        {
            private readonly Random _random = {|DS007:new Random()|};
            public int Timeout() => 150 + _random.Next(150);
        }
        """, """
        class Election
        {
            private readonly Random _random = new Random(0);
            public int Timeout() => 150 + _random.Next(150);
        }
        """);
}
