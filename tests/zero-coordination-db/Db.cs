using System.Globalization;
using DistSys.Runtime;

namespace DistSys.ZeroCoordinationDb.Tests;

/// <summary>Small helpers shared by the suites: building clusters and describing what a replica holds.</summary>
internal static class Db
{
    /// <summary>One replica on its own simulation (a one-node database), for the single-replica CRUD tests.</summary>
    public static DbReplica Single(out Simulation simulation)
    {
        simulation = new Simulation(1);
        var id = simulation.AddNode("n1", context => new DbReplica(context));
        return simulation.Node<DbReplica>(id);
    }

    public static NodeId[] Cluster(Simulation simulation, int size) =>
        [.. Enumerable.Range(1, size).Select(i => simulation.AddNode(Name(i), context => new DbReplica(context)))];

    public static string Name(int i) => "n" + i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>What a client can see on a replica: every key with its value, in key order.</summary>
    public static string Visible(ReplicaState state) =>
        "{" + string.Join(", ", state.Keys.Select(key => $"{key}={state.Get(key)}")) + "}";

    /// <summary>The whole state, siblings and context included, so that two equal descriptions mean equal states.</summary>
    public static string Full(ReplicaState state) =>
        string.Join("; ", state.Keys.Select(key => key + "=[" + string.Join(",", state.Versions(key).Select(v => $"{v.Dot}:{v.Value}")) + "]")) +
        " | " + string.Join(",", state.Context.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
}
