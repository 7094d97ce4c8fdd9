using DistSys.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DistSys.ZeroCoordinationDb.Tests;

/// <summary>
/// The laws that make the database converge however gossip is lost, duplicated or reordered, checked with FsCheck on
/// generated histories of puts, deletes and merges on three replicas. States are compared in full (live writes,
/// siblings and causal context), not just by what a read shows.
/// </summary>
[Category("laws")]
public class MergeLawTests
{
    private static readonly string[] s_ids = ["a", "b", "c"];

    [Test]
    public void Merge_is_commutative() => Check((a, b, _) =>
    {
        var ab = Merged(a, b);
        var ba = Merged(b, a);
        return (Db.Full(ab) == Db.Full(ba)).Label($"a⊔b = {Db.Full(ab)}\nbut b⊔a = {Db.Full(ba)}");
    });

    [Test]
    public void Merge_is_associative() => Check((a, b, c) =>
    {
        var left = Merged(Merged(a, b), c);
        var right = Merged(a, Merged(b, c));
        return (Db.Full(left) == Db.Full(right)).Label($"(a⊔b)⊔c = {Db.Full(left)}\nbut a⊔(b⊔c) = {Db.Full(right)}");
    });

    [Test]
    public void Merge_is_idempotent() => Check((a, b, _) =>
    {
        var aa = Merged(a, a);
        var ab = Merged(a, b);
        var abb = Merged(ab, b);
        return (Db.Full(aa) == Db.Full(a)).Label($"a = {Db.Full(a)}\nbut a⊔a = {Db.Full(aa)}")
            .And((Db.Full(abb) == Db.Full(ab)).Label($"a⊔b = {Db.Full(ab)}\nbut (a⊔b)⊔b = {Db.Full(abb)}"));
    });

    [Test]
    public void Merge_never_forgets_a_write_it_has_seen() => Check((a, b, _) =>
    {
        var ab = Merged(a, b);
        var lost = s_ids.Where(id => Math.Max(a.Context.GetValueOrDefault(id), b.Context.GetValueOrDefault(id)) != ab.Context.GetValueOrDefault(id)).ToList();
        return (lost.Count == 0).Label($"the merged context must be the per-replica maximum; wrong for {string.Join(",", lost)}: {Db.Full(ab)}");
    });

    private static ReplicaState Merged(ReplicaState into, ReplicaState from)
    {
        var result = into.Copy();
        result.Merge(from.Copy());
        return result;
    }

    private static void Check(Func<ReplicaState, ReplicaState, ReplicaState, Property> law) =>
        Properties.Check(Prop.ForAll<int[]>(operations =>
        {
            var replicas = Build(operations);
            return law(replicas[0], replicas[1], replicas[2]);
        }), cases: 100);

    /// <summary>
    /// Each int picks a replica, an operation (put, delete, merge from another replica) and a key out of three, so
    /// the replicas share history and conflicts on one key are common.
    /// </summary>
    private static ReplicaState[] Build(int[] operations)
    {
        var replicas = s_ids.Select(id => new ReplicaState(id)).ToArray();
        foreach (var op in operations)
        {
            var bits = (uint)op;
            var replica = replicas[bits % 3];
            var key = "k" + (bits / 3 % 3);
            switch (bits / 9 % 4)
            {
                case 0:
                case 1:
                    replica.Put(key, "v" + (bits / 36 % 10));
                    break;
                case 2:
                    replica.Remove(key);
                    break;
                default:
                    replica.Merge(replicas[(bits % 3 + 1 + (bits / 36 % 2)) % 3].Copy());
                    break;
            }
        }

        return replicas;
    }
}
