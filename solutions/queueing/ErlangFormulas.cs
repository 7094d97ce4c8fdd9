namespace DistSys.Queueing;

public static class ErlangFormulas
{
    public static double ErlangB(double offeredLoad, int servers)
    {
        Require.Load(offeredLoad);
        Require.Servers(servers);
        var blocking = 1.0;
        for (var n = 1; n <= servers; n++)
        {
            blocking = offeredLoad * blocking / (n + offeredLoad * blocking);
        }

        return blocking;
    }

    public static double ErlangC(double offeredLoad, int servers)
    {
        var blocking = ErlangB(offeredLoad, servers);
        if (offeredLoad >= servers)
        {
            return 1;
        }

        return servers * blocking / (servers - offeredLoad * (1 - blocking));
    }
}
