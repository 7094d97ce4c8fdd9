namespace DistSys.Queueing;

internal static class Require
{
    public static void Rate(double rate, string name)
    {
        if (!double.IsFinite(rate) || rate <= 0)
        {
            throw new ArgumentOutOfRangeException(name, rate, $"{name} must be a positive, finite rate.");
        }
    }

    public static void Load(double offeredLoad)
    {
        if (!double.IsFinite(offeredLoad) || offeredLoad < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offeredLoad), offeredLoad, "The offered load must be a finite number of erlangs, zero or more.");
        }
    }

    public static void Servers(int servers)
    {
        if (servers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(servers), servers, "A queue needs at least one server.");
        }
    }
}
