using DistSys.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DistSys.Crdts.Tests;

/// <summary>
/// The three laws that make a state-based CRDT converge, checked on generated replica histories:
/// commutative (a⊔b = b⊔a), associative ((a⊔b)⊔c = a⊔(b⊔c)) and idempotent (a⊔a = a, and (a⊔b)⊔b = a⊔b).
/// Each law merges into copies, so it is checked with both replicas in both roles.
/// </summary>
public class MergeLawTests
{
    private sealed record Crdt<T>(Func<int[], T[]> Build, Func<T, T> Copy, Action<T, T> Merge, Func<T, string> Observe);

    private static readonly Crdt<GCounter> s_gCounter = new(ReplicaHistory.GCounters, c => c.Copy(), (x, y) => x.Merge(y), ReplicaHistory.Observe);
    private static readonly Crdt<PNCounter> s_pnCounter = new(ReplicaHistory.PNCounters, c => c.Copy(), (x, y) => x.Merge(y), ReplicaHistory.Observe);
    private static readonly Crdt<ORSet<int>> s_orSet = new(ReplicaHistory.ORSets, c => c.Copy(), (x, y) => x.Merge(y), ReplicaHistory.Observe);
    private static readonly Crdt<LwwRegister<int>> s_lww = new(ReplicaHistory.LwwRegisters, c => c.Copy(), (x, y) => x.Merge(y), ReplicaHistory.Observe);

    [Test] public void GCounter_merge_is_commutative() => Commutative(s_gCounter);
    [Test] public void GCounter_merge_is_associative() => Associative(s_gCounter);
    [Test] public void GCounter_merge_is_idempotent() => Idempotent(s_gCounter);

    [Test] public void PNCounter_merge_is_commutative() => Commutative(s_pnCounter);
    [Test] public void PNCounter_merge_is_associative() => Associative(s_pnCounter);
    [Test] public void PNCounter_merge_is_idempotent() => Idempotent(s_pnCounter);

    [Test] public void ORSet_merge_is_commutative() => Commutative(s_orSet);
    [Test] public void ORSet_merge_is_associative() => Associative(s_orSet);
    [Test] public void ORSet_merge_is_idempotent() => Idempotent(s_orSet);

    [Test] public void LwwRegister_merge_is_commutative() => Commutative(s_lww);
    [Test] public void LwwRegister_merge_is_associative() => Associative(s_lww);
    [Test] public void LwwRegister_merge_is_idempotent() => Idempotent(s_lww);

    private static void Commutative<T>(Crdt<T> crdt) => Check(crdt, (a, b, _) =>
    {
        var ab = Merged(crdt, a, b);
        var ba = Merged(crdt, b, a);
        return (crdt.Observe(ab) == crdt.Observe(ba)).Label($"a⊔b = {crdt.Observe(ab)} but b⊔a = {crdt.Observe(ba)}");
    });

    private static void Associative<T>(Crdt<T> crdt) => Check(crdt, (a, b, c) =>
    {
        var left = Merged(crdt, Merged(crdt, a, b), c);
        var right = Merged(crdt, a, Merged(crdt, b, c));
        return (crdt.Observe(left) == crdt.Observe(right))
            .Label($"(a⊔b)⊔c = {crdt.Observe(left)} but a⊔(b⊔c) = {crdt.Observe(right)}");
    });

    private static void Idempotent<T>(Crdt<T> crdt) => Check(crdt, (a, b, _) =>
    {
        var aa = Merged(crdt, a, a);
        var ab = Merged(crdt, a, b);
        var abb = Merged(crdt, ab, b);
        return (crdt.Observe(aa) == crdt.Observe(a)).Label($"a = {crdt.Observe(a)} but a⊔a = {crdt.Observe(aa)}")
            .And((crdt.Observe(abb) == crdt.Observe(ab)).Label($"a⊔b = {crdt.Observe(ab)} but (a⊔b)⊔b = {crdt.Observe(abb)}"));
    });

    private static T Merged<T>(Crdt<T> crdt, T into, T from)
    {
        var result = crdt.Copy(into);
        crdt.Merge(result, crdt.Copy(from));
        return result;
    }

    private static void Check<T>(Crdt<T> crdt, Func<T, T, T, Property> law) =>
        Properties.Check(Prop.ForAll<int[]>(operations =>
        {
            var replicas = crdt.Build(operations);
            return law(replicas[0], replicas[1], replicas[2]);
        }));
}
