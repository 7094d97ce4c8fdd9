using DistSys.Runtime;
using DistSys.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DistSys.BasicPaxos.Tests;

public class BallotTests
{
    private static Ballot B(int round, string node) => new(round, new NodeId(node));

    private static Ballot Decode(int round, int node) => B(Math.Abs(round % 5), $"n{Math.Abs(node % 4) + 1}");

    [Test]
    [Category("laws")]
    public void Ballots_are_ordered_by_round_first_then_by_node()
    {
        Assert.That(B(2, "n1"), Is.GreaterThan(B(1, "n5")), "a higher round wins whatever the node");
        Assert.That(B(3, "n2"), Is.GreaterThan(B(3, "n1")), "in the same round the node breaks the tie");
        Assert.That(B(3, "n2").CompareTo(B(3, "n2")), Is.Zero, "a ballot equals itself");
        Assert.That(B(12, "n3").ToString(), Is.EqualTo("12.n3"), "ballots print as round.node");
        Assert.That(B(1, "n2") < B(2, "n1") && B(2, "n1") > B(1, "n2") && B(2, "n1") >= B(2, "n1") && B(2, "n1") <= B(2, "n1"), Is.True,
            "the operators agree with CompareTo");
    }

    [Test]
    [Category("laws")]
    public void Ballot_comparison_is_a_total_order_consistent_with_equality()
    {
        Properties.Check(Prop.ForAll<int[]>(codes =>
        {
            int At(int i) => i < codes.Length ? codes[i] : 0;
            var (a, b, c) = (Decode(At(0), At(1)), Decode(At(2), At(3)), Decode(At(4), At(5)));
            var antisymmetric = Math.Sign(a.CompareTo(b)) == -Math.Sign(b.CompareTo(a));
            var consistent = (a.CompareTo(b) == 0) == a.Equals(b);
            var transitive = !(a.CompareTo(b) <= 0 && b.CompareTo(c) <= 0) || a.CompareTo(c) <= 0;
            return antisymmetric && consistent && transitive;
        }), cases: 500);
    }

    [Test]
    [Category("behaviour")]
    public void A_ballot_needs_a_round_of_zero_or_more_and_a_named_node()
    {
        Assert.That(() => B(-1, "n1"), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("round"));
        Assert.That(() => new Ballot(1, default), Throws.ArgumentException.With.Property("ParamName").EqualTo("node"));
    }
}
