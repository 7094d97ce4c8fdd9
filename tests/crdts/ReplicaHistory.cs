using DistSys.Testing;

namespace DistSys.Crdts.Tests;

/// <summary>
/// Builds replica states from a list of encoded operations, so FsCheck can generate (and shrink) histories as plain
/// int arrays. Each int picks a replica, an operation and an amount; merges between replicas are operations too, so
/// the generated states share history the way real replicas do.
/// </summary>
internal static class ReplicaHistory
{
    public const int Replicas = 3;
    private static readonly string[] s_ids = ["A", "B", "C"];

    public static GCounter[] GCounters(int[] operations)
    {
        var replicas = s_ids.Select(id => new GCounter(id)).ToArray();
        foreach (var (replica, kind, amount, peer) in Decode(operations))
        {
            if (kind % 2 == 0)
            {
                replicas[replica].Increment(amount);
            }
            else
            {
                replicas[replica].Merge(replicas[peer]);
            }
        }

        return replicas;
    }

    public static PNCounter[] PNCounters(int[] operations)
    {
        var replicas = s_ids.Select(id => new PNCounter(id)).ToArray();
        foreach (var (replica, kind, amount, peer) in Decode(operations))
        {
            switch (kind)
            {
                case 0: replicas[replica].Increment(amount); break;
                case 1: replicas[replica].Decrement(amount); break;
                default: replicas[replica].Merge(replicas[peer]); break;
            }
        }

        return replicas;
    }

    public static ORSet<int>[] ORSets(int[] operations)
    {
        var replicas = s_ids.Select(id => new ORSet<int>(id)).ToArray();
        foreach (var (replica, kind, amount, peer) in Decode(operations))
        {
            // A small element range makes adds and removes of the same element common.
            var element = amount % 4;
            switch (kind)
            {
                case 0: replicas[replica].Add(element); break;
                case 1: replicas[replica].Remove(element); break;
                default: replicas[replica].Merge(replicas[peer]); break;
            }
        }

        return replicas;
    }

    public static LwwRegister<int>[] LwwRegisters(int[] operations)
    {
        // One shared clock that moves only sometimes, so equal timestamps (and the writer tie-break) are common.
        var clock = new ManualTimeProvider();
        var replicas = s_ids.Select(id => new LwwRegister<int>(id, clock)).ToArray();
        foreach (var (replica, kind, amount, peer) in Decode(operations))
        {
            switch (kind)
            {
                case 0: replicas[replica].Set(amount); break;
                case 1: clock.Advance(TimeSpan.FromTicks(amount % 3)); break;
                default: replicas[replica].Merge(replicas[peer]); break;
            }
        }

        return replicas;
    }

    /// <summary>Merges every replica of <paramref name="group"/> into every other one: a full sync within the group.</summary>
    public static void MergeEveryPair(IReadOnlyList<GCounter> group)
    {
        foreach (var target in group)
        {
            foreach (var source in group.Where(s => !ReferenceEquals(s, target)))
            {
                target.Merge(source);
            }
        }
    }

    /// <summary>Everything an observer can see of a counter: its non-zero slots, in id order.</summary>
    public static string Observe(GCounter counter) => Slots(counter.Counts);

    public static string Observe(PNCounter counter) => $"+{Slots(counter.Increments)} -{Slots(counter.Decrements)}";

    public static string Observe(ORSet<int> set) => "{" + string.Join(",", set.Elements.Order()) + "}";

    public static string Observe(LwwRegister<int> register) => $"{register.Value}@{register.Timestamp}";

    // A replica that never counted may or may not list a zero slot; both are the same state.
    private static string Slots(IReadOnlyDictionary<string, long> slots) =>
        string.Join(",", slots.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    private static IEnumerable<(int Replica, int Kind, int Amount, int Peer)> Decode(int[] operations)
    {
        foreach (var op in operations)
        {
            var bits = (uint)op;
            var replica = (int)(bits % Replicas);
            var kind = (int)(bits / Replicas % 3);
            var amount = (int)(bits / 9 % 100);
            var peer = (replica + 1 + (int)(bits / 900 % (Replicas - 1))) % Replicas;
            yield return (replica, kind, amount, peer);
        }
    }
}
