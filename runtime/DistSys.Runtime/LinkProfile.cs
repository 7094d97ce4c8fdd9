using System.Globalization;

namespace DistSys.Runtime;

/// <summary>
/// How one direction of a network link behaves. Each message independently: is dropped with probability
/// <see cref="DropRate"/>; otherwise is delivered after a delay drawn uniformly from
/// [<see cref="MinDelay"/>, <see cref="MaxDelay"/>] — or, with probability <see cref="LongDelayRate"/>, from
/// [<see cref="MaxDelay"/>, <see cref="LongDelayMax"/>]; and with probability <see cref="DuplicateRate"/> a second
/// copy is delivered after its own delay. With <see cref="PreserveOrder"/> the link is FIFO: a message never
/// overtakes an earlier one on the same link.
/// </summary>
/// <remarks>
/// Profiles are validated where they are used (<see cref="Network.DefaultProfile"/>, <see cref="Network.SetProfile"/>,
/// <see cref="Simulation(int, SimulationOptions?)"/>), so a <c>with</c> expression may pass through intermediate
/// states. Invalid values throw <see cref="ArgumentException"/> naming the property and the allowed range.
/// </remarks>
public sealed record LinkProfile
{
    private readonly double _dropRate;
    private readonly double _duplicateRate;
    private readonly double _longDelayRate;
    private readonly TimeSpan _minDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeSpan _longDelayMax;

    /// <summary>A profile with the given delay bounds, no loss, no duplicates, no long delays and no ordering guarantee.</summary>
    /// <param name="MinDelay">The shortest delivery delay (zero or more).</param>
    /// <param name="MaxDelay">The longest ordinary delivery delay (at least <paramref name="MinDelay"/>).</param>
    public LinkProfile(TimeSpan MinDelay, TimeSpan MaxDelay)
    {
        this.MinDelay = MinDelay;
        this.MaxDelay = MaxDelay;
        Validate(nameof(MaxDelay));
    }

    /// <summary>The shortest delivery delay (zero or more).</summary>
    public TimeSpan MinDelay { get => _minDelay; init => _minDelay = NonNegative(value, nameof(MinDelay)); }

    /// <summary>The longest ordinary delivery delay (at least <see cref="MinDelay"/>).</summary>
    public TimeSpan MaxDelay { get => _maxDelay; init => _maxDelay = NonNegative(value, nameof(MaxDelay)); }

    /// <summary>Probability in [0, 1] that a message is lost.</summary>
    public double DropRate { get => _dropRate; init => _dropRate = Probability(value, nameof(DropRate)); }

    /// <summary>Probability in [0, 1] that a delivered message arrives twice.</summary>
    public double DuplicateRate { get => _duplicateRate; init => _duplicateRate = Probability(value, nameof(DuplicateRate)); }

    /// <summary>Probability in [0, 1] that a message takes a long delay, up to <see cref="LongDelayMax"/>.</summary>
    public double LongDelayRate { get => _longDelayRate; init => _longDelayRate = Probability(value, nameof(LongDelayRate)); }

    /// <summary>The longest long delay; at least <see cref="MaxDelay"/> when <see cref="LongDelayRate"/> is above zero.</summary>
    public TimeSpan LongDelayMax { get => _longDelayMax; init => _longDelayMax = NonNegative(value, nameof(LongDelayMax)); }

    /// <summary>When true, messages on a link arrive in the order they were sent (FIFO, like a TCP connection).</summary>
    public bool PreserveOrder { get; init; }

    /// <summary>No loss, no duplicates, exactly 1 ms, FIFO: for testing logic before faults.</summary>
    public static LinkProfile Reliable { get; } =
        new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)) { PreserveOrder = true };

    /// <summary>A local network: no loss, 0.1 to 1 ms, may reorder.</summary>
    public static LinkProfile Lan { get; } =
        new(TimeSpan.FromMilliseconds(0.1), TimeSpan.FromMilliseconds(1));

    /// <summary>A wide-area network: no loss, 20 to 80 ms, may reorder.</summary>
    public static LinkProfile Wan { get; } =
        new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80));

    /// <summary>
    /// A hostile network in the spirit of MIT 6.5840's labrpc: 10% of messages lost in each direction, 0 to 27 ms,
    /// reordering, and 1% of messages held for up to 2 s. No duplicates (add them with
    /// <c>LinkProfile.Unreliable with { DuplicateRate = 0.01 }</c>).
    /// </summary>
    public static LinkProfile Unreliable { get; } =
        new(TimeSpan.Zero, TimeSpan.FromMilliseconds(27))
        {
            DropRate = 0.1,
            LongDelayRate = 0.01,
            LongDelayMax = TimeSpan.FromSeconds(2),
        };

    /// <summary>Deconstructs the delay bounds, like a positional record.</summary>
    /// <param name="MinDelay">Receives <see cref="MinDelay"/>.</param>
    /// <param name="MaxDelay">Receives <see cref="MaxDelay"/>.</param>
    public void Deconstruct(out TimeSpan MinDelay, out TimeSpan MaxDelay)
    {
        MinDelay = this.MinDelay;
        MaxDelay = this.MaxDelay;
    }

    /// <summary>Checks the relations between properties that single setters cannot check.</summary>
    internal void Validate(string parameterName)
    {
        if (MinDelay > MaxDelay)
        {
            throw new ArgumentException(
                $"LinkProfile.MinDelay ({TimeText.Format(MinDelay)}) must not exceed MaxDelay ({TimeText.Format(MaxDelay)}).",
                parameterName);
        }

        if (LongDelayRate > 0 && LongDelayMax < MaxDelay)
        {
            throw new ArgumentException(
                $"LinkProfile.LongDelayMax ({TimeText.Format(LongDelayMax)}) must be at least MaxDelay ({TimeText.Format(MaxDelay)}) when LongDelayRate is above zero.",
                parameterName);
        }
    }

    private static double Probability(double value, string name) =>
        value is >= 0 and <= 1
            ? value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"LinkProfile.{name} is a probability and must be between 0 and 1, not {value}."), name);

    private static TimeSpan NonNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero
            ? value
            : throw new ArgumentException($"LinkProfile.{name} must not be negative (was {TimeText.Format(value)}).", name);
}
