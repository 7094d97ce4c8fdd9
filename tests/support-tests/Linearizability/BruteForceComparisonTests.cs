using System.Collections.Immutable;
using DistSys.Testing.Linearizability;
using FsCheck;
using FsCheck.Fluent;

namespace DistSys.Testing.Tests.Linearizability;

/// <summary>
/// The checker against an independent oracle: on small generated key-value histories, enumerate every order of the
/// operations that respects real time (pending ones optional) and replay it on a dictionary.
/// </summary>
public class BruteForceComparisonTests
{
    private static readonly string[] Values = ["", "a", "b", "ab", "ba"];

    [Test]
    [Category("laws")]
    public void The_checker_agrees_with_brute_force_on_thousands_of_small_histories()
    {
        var verdicts = new int[2];
        Properties.Check(Prop.ForAll<int[]>(codes =>
        {
            var history = Decode(codes);
            var expected = BruteForce(history);
            verdicts[expected ? 1 : 0]++;
            var actual = LinearizabilityChecker.Check(new KeyValueModel(), history);
            return actual.IsLinearizable == expected;
        }), cases: 4000);

        // A generator that only ever produced one verdict would make the comparison vacuous.
        Assert.That(verdicts, Has.All.GreaterThan(300), $"not linearizable: {verdicts[0]}, linearizable: {verdicts[1]}");
    }

    /// <summary>Every 4 integers make one operation: client, call time, duration (or pending), and what it does.</summary>
    private static List<Operation<KvInput, KvOutput>> Decode(int[] codes)
    {
        var history = new List<Operation<KvInput, KvOutput>>();
        for (var i = 0; i + 3 < codes.Length && history.Count < 7; i += 4)
        {
            var client = Math.Abs(codes[i] % 3);
            var call = Math.Abs(codes[i + 1] % 12);
            var length = Math.Abs(codes[i + 2] % 8);
            long? ret = length == 7 ? null : call + length;
            var what = Math.Abs(codes[i + 3]);
            var key = what % 7 == 0 ? "y" : "x";
            var value = Values[what / 7 % Values.Length];
            var input = (what / 2 % 3) switch
            {
                0 => new KvInput(KvOp.Get, key),
                1 => new KvInput(KvOp.Put, key, value.Length == 0 ? "a" : value),
                _ => new KvInput(KvOp.Append, key, what % 2 == 0 ? "a" : "b"),
            };
            var output = ret is null ? null : new KvOutput(input.Op == KvOp.Get ? value : null);
            history.Add(new Operation<KvInput, KvOutput>(client, call, ret, input, output));
        }

        return history;
    }

    private static bool BruteForce(IReadOnlyList<Operation<KvInput, KvOutput>> history) =>
        Search(history, ImmutableHashSet<int>.Empty, ImmutableDictionary<string, string>.Empty);

    private static bool Search(
        IReadOnlyList<Operation<KvInput, KvOutput>> history, ImmutableHashSet<int> placed, ImmutableDictionary<string, string> store)
    {
        var left = Enumerable.Range(0, history.Count).Where(i => !placed.Contains(i)).ToList();
        if (left.All(i => history[i].IsPending))
        {
            return true;
        }

        foreach (var i in left)
        {
            var operation = history[i];
            // Whatever returned strictly before this call must come before it.
            if (left.Any(j => history[j].ReturnTime < operation.CallTime))
            {
                continue;
            }

            var current = store.GetValueOrDefault(operation.Input.Key, "");
            var next = operation.Input.Op switch
            {
                KvOp.Get => store,
                KvOp.Put => store.SetItem(operation.Input.Key, operation.Input.Value!),
                _ => store.SetItem(operation.Input.Key, current + operation.Input.Value),
            };
            var fits = operation.IsPending || operation.Input.Op != KvOp.Get || (operation.Output!.Value ?? "") == current;
            if (fits && Search(history, placed.Add(i), next))
            {
                return true;
            }
        }

        return false;
    }
}
