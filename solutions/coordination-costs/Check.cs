namespace DistSys.CoordinationCosts;

internal static class Check
{
    public static void NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, zero or more.");
        }
    }

    public static void Probability(double value, string name)
    {
        if (!(value is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is a probability: it must lie between 0 and 1.");
        }
    }
}
