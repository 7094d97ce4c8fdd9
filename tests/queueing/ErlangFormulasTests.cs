using DistSys.Testing;
using FsCheck.Fluent;

namespace DistSys.Queueing.Tests;

public class ErlangFormulasTests
{
    [Test]
    [Category("behaviour")]
    public void Two_erlangs_on_three_servers_wait_with_probability_exactly_four_ninths()
    {
        Assert.That(ErlangFormulas.ErlangC(2, 3), Is.EqualTo(4.0 / 9).Within(1e-12));
    }

    [Test]
    [Category("behaviour")]
    public void One_erlang_on_two_servers_waits_with_probability_one_third()
    {
        Assert.That(ErlangFormulas.ErlangC(1, 2), Is.EqualTo(1.0 / 3).Within(1e-12));
    }

    [TestCase(10.0, 12, 0.4494)]
    [TestCase(20.0, 25, 0.2091)]
    [Category("behaviour")]
    public void Erlang_c_matches_published_tables(double erlangs, int servers, double expected)
    {
        Assert.That(ErlangFormulas.ErlangC(erlangs, servers), Is.EqualTo(expected).Within(5e-5));
    }

    // Exact values, computed with rational arithmetic: a^k and k! here are far beyond what a double can hold.
    [TestCase(100.0, 110, 0.23700750028505274)]
    [TestCase(400.0, 420, 0.23028543077534397)]
    [Category("behaviour")]
    public void Erlang_c_stays_accurate_for_hundreds_of_servers(double erlangs, int servers, double exact)
    {
        Assert.That(ErlangFormulas.ErlangC(erlangs, servers), Is.EqualTo(exact).Within(1e-9),
            "Computing a^k / k! directly overflows to infinity or NaN; the Erlang B recurrence does not.");
    }

    [Test]
    [Category("behaviour")]
    public void Erlang_b_for_two_erlangs_on_three_servers_is_four_nineteenths()
    {
        Assert.That(ErlangFormulas.ErlangB(2, 3), Is.EqualTo(4.0 / 19).Within(1e-12));
    }

    [Test]
    [Category("behaviour")]
    public void With_one_server_the_probability_of_waiting_is_the_utilization()
    {
        Assert.That(ErlangFormulas.ErlangC(0.3, 1), Is.EqualTo(0.3).Within(1e-12));
    }

    [TestCase(3.0, 3)]
    [TestCase(5.0, 3)]
    [Category("behaviour")]
    public void At_or_beyond_capacity_every_arrival_waits(double erlangs, int servers)
    {
        Assert.That(ErlangFormulas.ErlangC(erlangs, servers), Is.EqualTo(1.0));
    }

    [Test]
    [Category("behaviour")]
    public void With_no_traffic_nobody_waits()
    {
        Assert.That(ErlangFormulas.ErlangC(0, 4), Is.Zero);
        Assert.That(ErlangFormulas.ErlangB(0, 4), Is.Zero);
    }

    [TestCase(-1.0, 2)]
    [TestCase(double.NaN, 2)]
    [TestCase(double.PositiveInfinity, 2)]
    [TestCase(1.0, 0)]
    [Category("behaviour")]
    public void Invalid_load_or_server_count_is_rejected(double erlangs, int servers)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangFormulas.ErlangC(erlangs, servers));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangFormulas.ErlangB(erlangs, servers));
    }

    [Test]
    [Category("laws")]
    public void Erlang_c_is_a_probability_at_least_erlang_b_and_falls_as_servers_are_added()
    {
        var cases = Gen.Choose(1, 5_000).Zip(Gen.Choose(0, 300)).ToArbitrary();

        Properties.Check(Prop.ForAll(cases, c =>
        {
            var erlangs = c.Item1 / 100.0;
            var servers = (int)Math.Ceiling(erlangs) + c.Item2 % 40;
            var fewer = ErlangFormulas.ErlangC(erlangs, servers);
            var more = ErlangFormulas.ErlangC(erlangs, servers + 1);
            return fewer is >= 0 and <= 1
                && more <= fewer
                && ErlangFormulas.ErlangB(erlangs, servers) <= fewer + 1e-15;
        }));
    }
}
