using DistSys.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DistSys.VectorClocks.Tests;

/// <summary>
/// Vector clocks under <see cref="VectorClock.Compare"/> form a partial order, and <see cref="VectorClock.Merge"/> is
/// its least upper bound. Checked with FsCheck on generated clocks over four node ids with small counters, so that all
/// four outcomes come up often; the generator's seed is fixed, so the same code always gets the same result.
/// </summary>
[Category("laws")]
public class PartialOrderLawTests
{
    private static readonly string[] s_nodes = ["a", "b", "c", "d"];

    [Test]
    public void Compare_agrees_with_the_entrywise_definition()
    {
        Check((x, y, _) =>
        {
            var expected = Oracle(x, y);
            var actual = new VectorClock(x).Compare(new VectorClock(y));
            return (actual == expected).Label($"{Clocks.Show(x)} vs {Clocks.Show(y)}: expected {expected}, Compare said {actual}");
        });
    }

    [Test]
    public void Equality_is_reflexive()
    {
        Check((x, _, _) =>
        {
            var clock = new VectorClock(x);
            var same = new VectorClock(x);
            return (clock.Compare(clock) == Causality.Equal).Label($"{Clocks.Show(x)} compared with itself is {clock.Compare(clock)}")
                .And((clock.Compare(same) == Causality.Equal).Label($"two clocks built from {Clocks.Show(x)} compare as {clock.Compare(same)}"));
        });
    }

    [Test]
    public void The_order_is_antisymmetric()
    {
        Check((x, y, _) =>
        {
            var (a, b) = (new VectorClock(x), new VectorClock(y));
            var ab = a.Compare(b);
            var ba = b.Compare(a);
            var mirrored = ab switch
            {
                Causality.Before => Causality.After,
                Causality.After => Causality.Before,
                _ => ab,
            };
            return (ba == mirrored).Label($"{Clocks.Show(x)} vs {Clocks.Show(y)} is {ab}, so the reverse must be {mirrored}, not {ba}")
                .And((ab != Causality.Equal || Clocks.Show(a) == Clocks.Show(b))
                    .Label($"{Clocks.Show(a)} and {Clocks.Show(b)} compare Equal but differ: a ≤ b and b ≤ a must mean a = b"));
        });
    }

    [Test]
    public void The_order_is_transitive_along_generated_chains()
    {
        // a ≤ b ≤ c built entry by entry, independently of Merge: b adds y's counters to a, c adds z's to b.
        Check((x, y, z) =>
        {
            var b = Sum(x, y);
            var c = Sum(b, z);
            var (ca, cb, cc) = (new VectorClock(x), new VectorClock(b), new VectorClock(c));
            var expected = Oracle(x, c);
            var actual = ca.Compare(cc);
            return (actual == expected && actual is Causality.Before or Causality.Equal)
                .Label($"{Clocks.Show(x)} ≤ {Clocks.Show(b)} ≤ {Clocks.Show(c)} (Compare: {ca.Compare(cb)}, {cb.Compare(cc)}), so a vs c must be {expected}, not {actual}");
        });
    }

    [Test]
    public void The_order_is_transitive_on_arbitrary_triples()
    {
        Check((x, y, z) =>
        {
            var (a, b, c) = (new VectorClock(x), new VectorClock(y), new VectorClock(z));
            var (ab, bc, ac) = (a.Compare(b), b.Compare(c), a.Compare(c));
            var premise = ab is Causality.Before or Causality.Equal && bc is Causality.Before or Causality.Equal;
            var strict = ab == Causality.Before || bc == Causality.Before;
            var holds = !premise || (strict ? ac == Causality.Before : ac == Causality.Equal);
            return holds.Label($"a={Clocks.Show(x)} b={Clocks.Show(y)} c={Clocks.Show(z)}: a vs b {ab}, b vs c {bc}, but a vs c {ac}");
        });
    }

    [Test]
    public void Merge_is_commutative_associative_and_idempotent()
    {
        Check((x, y, z) =>
        {
            var (a, b, c) = (new VectorClock(x), new VectorClock(y), new VectorClock(z));
            var ab = a.Merge(b);
            var ba = b.Merge(a);
            var left = a.Merge(b).Merge(c);
            var right = a.Merge(b.Merge(c));
            return (ab.Compare(ba) == Causality.Equal).Label($"a⊔b = {Clocks.Show(ab)} but b⊔a = {Clocks.Show(ba)}")
                .And((left.Compare(right) == Causality.Equal).Label($"(a⊔b)⊔c = {Clocks.Show(left)} but a⊔(b⊔c) = {Clocks.Show(right)}"))
                .And((a.Merge(a).Compare(a) == Causality.Equal).Label($"a = {Clocks.Show(a)} but a⊔a = {Clocks.Show(a.Merge(a))}"));
        });
    }

    [Test]
    public void Merge_is_the_least_upper_bound()
    {
        Check((x, y, z) =>
        {
            var (a, b) = (new VectorClock(x), new VectorClock(y));
            var join = a.Merge(b);
            var expected = Max(x, y);
            // Any upper bound of a and b, built without Merge: the entry-wise maximum plus arbitrary extra counters.
            var bound = new VectorClock(Sum(expected, z));
            return (Clocks.Show(join) == Clocks.Show(expected)).Label($"{Clocks.Show(x)} ⊔ {Clocks.Show(y)} must be {Clocks.Show(expected)}, not {Clocks.Show(join)}")
                .And((a.Compare(join) is Causality.Before or Causality.Equal && b.Compare(join) is Causality.Before or Causality.Equal)
                    .Label($"a⊔b = {Clocks.Show(join)} must be after-or-equal to both a and b"))
                .And((join.Compare(bound) is Causality.Before or Causality.Equal)
                    .Label($"{Clocks.Show(bound)} is an upper bound of a and b, so a⊔b = {Clocks.Show(join)} must be before-or-equal to it"));
        });
    }

    [Test]
    public void Increment_makes_a_strictly_later_clock()
    {
        Check((x, y, _) =>
        {
            var node = s_nodes[(int)(y.Values.Sum() % s_nodes.Length)];
            var clock = new VectorClock(x);
            var next = clock.Increment(node);
            return (clock.Compare(next) == Causality.Before).Label($"{Clocks.Show(x)} then Increment({node}) = {Clocks.Show(next)} must be After it")
                .And((next[node] == clock[node] + 1).Label($"Increment({node}) must add exactly one to {node}"));
        });
    }

    /// <summary>The entry-wise definition, on plain dictionaries.</summary>
    private static Causality Oracle(IReadOnlyDictionary<string, long> x, IReadOnlyDictionary<string, long> y)
    {
        var ids = x.Keys.Union(y.Keys).ToList();
        var less = ids.Any(id => x.GetValueOrDefault(id) < y.GetValueOrDefault(id));
        var greater = ids.Any(id => x.GetValueOrDefault(id) > y.GetValueOrDefault(id));
        return (less, greater) switch
        {
            (false, false) => Causality.Equal,
            (true, false) => Causality.Before,
            (false, true) => Causality.After,
            _ => Causality.Concurrent,
        };
    }

    private static Dictionary<string, long> Sum(IReadOnlyDictionary<string, long> x, IReadOnlyDictionary<string, long> y) =>
        x.Keys.Union(y.Keys).ToDictionary(id => id, id => x.GetValueOrDefault(id) + y.GetValueOrDefault(id), StringComparer.Ordinal);

    private static Dictionary<string, long> Max(IReadOnlyDictionary<string, long> x, IReadOnlyDictionary<string, long> y) =>
        x.Keys.Union(y.Keys).ToDictionary(id => id, id => Math.Max(x.GetValueOrDefault(id), y.GetValueOrDefault(id)), StringComparer.Ordinal);

    /// <summary>
    /// Turns FsCheck's int arrays into clock entries: the i-th number sets node i mod 4 to a counter of 0–3, and about a
    /// third of the ids are left out entirely, so that missing entries (which count as zero) are exercised.
    /// </summary>
    private static Dictionary<string, long> Entries(int[] numbers)
    {
        var entries = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < numbers.Length; i++)
        {
            var n = Math.Abs(numbers[i] % 12);
            if (n < 8)
            {
                entries[s_nodes[i % s_nodes.Length]] = n % 4;
            }
        }

        return entries;
    }

    private static void Check(Func<Dictionary<string, long>, Dictionary<string, long>, Dictionary<string, long>, Property> law)
    {
        // One plain call first: code that throws fails here at once, instead of after FsCheck has started up and shrunk.
        _ = law(Entries([1, 2, 3, 0]), Entries([3, 1, 2, 7]), Entries([2, 2, 2, 2]));
        Properties.Check(Prop.ForAll<int[], int[], int[]>((x, y, z) => law(Entries(x), Entries(y), Entries(z))), cases: 200);
    }
}
