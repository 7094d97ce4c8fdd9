namespace DistSys.CoordinationCosts;

/// <summary>
/// Decides how many of a number of independent trials come out one way (a failure, a read instead of a write…).
/// <see cref="Expected"/> gives the expected count, so results are the same on every run;
/// <see cref="Sampled"/> draws each trial from a <see cref="Random"/> the caller seeds.
/// </summary>
public abstract class RandomOutcomes
{
    private RandomOutcomes()
    {
    }

    /// <summary>The expected count, trials × probability, rounded to the nearest whole number (halves to even).</summary>
    public static RandomOutcomes Expected { get; } = new ExpectedOutcomes();

    /// <summary>Each trial succeeds when <paramref name="random"/>.NextDouble() &lt; probability.</summary>
    public static RandomOutcomes Sampled(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new SampledOutcomes(random);
    }

    /// <summary>How many of <paramref name="trials"/> trials, each with chance <paramref name="probability"/>, succeed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative trials, or a probability outside [0, 1].</exception>
    public long Count(long trials, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (!(probability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability must lie between 0 and 1.");
        }

        return CountValid(trials, probability);
    }

    private protected abstract long CountValid(long trials, double probability);

    private sealed class ExpectedOutcomes : RandomOutcomes
    {
        private protected override long CountValid(long trials, double probability) =>
            (long)Math.Round(trials * probability, MidpointRounding.ToEven);
    }

    private sealed class SampledOutcomes(Random random) : RandomOutcomes
    {
        private protected override long CountValid(long trials, double probability)
        {
            long hits = 0;
            for (long i = 0; i < trials; i++)
            {
                if (random.NextDouble() < probability)
                {
                    hits++;
                }
            }

            return hits;
        }
    }
}
